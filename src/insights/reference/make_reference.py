#!/usr/bin/python3
"""Reference values for src/insights/statistics_test.cpp, from an independent implementation.

Writes statistics_reference.inc beside this script: the fixed datasets and what scipy and
numpy compute on them. The C++ tests include that file and compare to 1e-6 (relative to the
value, or absolute below 1). Run it again only when the datasets change, and read the diff:

    /usr/bin/python3 src/insights/reference/make_reference.py

It needs Debian 12's python3-scipy (scipy 1.10.1, numpy 1.24.2): /usr/bin/python3, not a
python3 from elsewhere on the PATH. Where the numbers come from:

- Welch: t and the two-sided p-value from scipy.stats.ttest_ind(a, b, equal_var=False);
  the Welch-Satterthwaite degrees of freedom from their formula here (scipy 1.10's result
  does not expose them; the script checks that scipy's p-value agrees with them); the
  interval from scipy.stats.t.ppf; Hedges' g from its definition with scipy.special.gammaln.
- Trend: slope, intercept, standard error and p-value from scipy.stats.linregress; the
  interval from scipy.stats.t.ppf.
- Benjamini-Hochberg: scipy 1.10 has no false_discovery_control (it came in 1.11) and
  statsmodels is not installed, so the procedure is written here from its definition
  (reject the k smallest, k the largest rank with p(k) <= k q / m; adjusted p(i) the minimum
  over j >= i of m p(j) / j, capped at 1), as a direct double loop rather than the C++'s
  single backward pass.
- Summaries and quantiles: numpy.mean, numpy.var(ddof=1), numpy.quantile(method="linear").
"""

import math
import pathlib
import warnings

import numpy as np
import scipy
import scipy.special
import scipy.stats

OUTPUT = pathlib.Path(__file__).with_name("statistics_reference.inc")


def welch_cases():
    rng = np.random.default_rng(11)
    return [
        # n = 2 in each group, df = 2: the test also checks this one in closed form.
        ("two_each", [0.0, 2.0], [1.0, 3.0], 0.9),
        ("small_unequal_variances", [4.0, 5.0, 3.0], [2.0, 9.0, 1.0, 7.0, 3.0], 0.9),
        ("ratings_with_ties", [3, 3, 4, 4, 4, 5, 4, 3], [2, 3, 3, 3, 4, 2], 0.9),
        ("negative_mood_lifts", [-1.5, 0.5, 2.0, -0.25, 1.0, 3.5, -2.0],
         [-3.0, -2.5, -1.0, 0.5, -0.5], 0.9),
        ("one_group_without_spread", [4.0, 4.0, 4.0, 4.0], [2.0, 5.0, 3.0, 4.0, 1.0], 0.9),
        ("wide_few_against_tight_many", [1.0, 9.0, 4.0, 7.5, 2.0, 8.0, 3.0, 6.0],
         [5.0 + 0.1 * math.sin(i) for i in range(30)], 0.9),
        ("paces_in_seconds", [305.2, 298.7, 310.4, 301.1, 299.9, 307.3],
         [312.8, 309.1, 315.6, 311.0, 318.2], 0.95),
        ("days_since_epoch", [20000.25, 20000.5, 20001.0, 20000.75],
         [20003.5, 20002.0, 20004.25, 20001.5, 20003.0], 0.8),
        ("equal_means", [1.0, 2.0, 3.0, 4.0], [2.5, 2.5, 2.0, 3.0], 0.9),
        ("large_n", list(rng.normal(3.6, 0.9, 1500)), list(rng.normal(3.5, 1.2, 1200)), 0.9),
        # scipy gives NaN or infinity here; the C++ gives nothing.
        ("single_value", [4.0], [3.0, 4.0, 5.0], 0.9),
        ("no_spread_anywhere_equal", [4.0, 4.0, 4.0], [4.0, 4.0], 0.9),
        ("no_spread_anywhere_different", [3.0, 3.0], [5.0, 5.0, 5.0], 0.9),
    ]


def trend_cases():
    rng = np.random.default_rng(12)
    xs_large = rng.permutation(np.arange(1000, dtype=float)) / 7.0
    ys_large = 3.0 - 0.002 * xs_large + rng.normal(0.0, 0.8, 1000)
    weeks_pace = [float(w) for w in range(10)]
    return [
        # Checked in closed form by the test too: slope 0.8, p = 0.2.
        ("four_points", [0.0, 1.0, 2.0, 3.0], [1.0, 3.0, 2.0, 4.0], 0.9),
        ("three_points", [0.0, 1.0, 3.0], [2.0, 2.5, 2.0], 0.9),
        ("enjoyment_by_week_with_repeats", [0, 0, 1, 2, 2, 3, 4, 5, 5, 6, 7, 8],
         [4, 3, 4, 4, 5, 3, 4, 5, 4, 5, 5, 4], 0.9),
        ("pace_improving", weeks_pace,
         [330.0 - 1.8 * w + 4.0 * math.cos(3.0 * w) for w in weeks_pace], 0.95),
        ("days_since_epoch", [20000.0 + 3.5 * i for i in range(15)],
         [-0.5 + 0.01 * i + 0.3 * math.sin(2.0 * i) for i in range(15)], 0.9),
        ("large_n_unsorted", list(xs_large), list(ys_large), 0.9),
        # Nothing from the C++: too few points, no spread in x or y, an exact line.
        ("two_points", [0.0, 1.0], [1.0, 2.0], 0.9),
        ("same_x", [2.0, 2.0, 2.0, 2.0], [1.0, 2.0, 3.0, 4.0], 0.9),
        ("same_y", [0.0, 1.0, 2.0, 3.0], [4.0, 4.0, 4.0, 4.0], 0.9),
        ("exact_line", [0.0, 1.0, 2.0, 3.0], [1.0, 3.0, 5.0, 7.0], 0.9),
    ]


def bh_cases():
    rng = np.random.default_rng(13)
    mixed = np.concatenate([rng.uniform(0.0, 0.01, 8), rng.uniform(0.0, 1.0, 32)])
    return [
        ("one_of_four", [0.01, 0.04, 0.03, 0.5], 0.05),
        # p(1) fails its own threshold but p(2) passes: the step-up rejects both.
        ("step_up", [0.02, 0.025, 0.9], 0.05),
        ("thresholds_met_exactly", [0.05, 0.04, 0.03, 0.02, 0.01], 0.05),
        ("ties_and_ends", [0.0, 0.2, 0.2, 0.2, 1.0, 0.001, 0.2], 0.1),
        ("none_rejected", [0.3, 0.6, 0.051, 0.9], 0.05),
        ("single", [0.04], 0.05),
        ("forty_mixed", list(rng.permutation(mixed)), 0.1),
    ]


def quantile_cases():
    rng = np.random.default_rng(14)
    return [
        ("single", [2.5]),
        ("two", [3.0, 1.0]),
        ("odd_with_ties", [4.0, 2.0, 4.0, 5.0, 1.0, 4.0, 3.0]),
        ("even_negative", [-2.0, 7.5, 0.25, -9.0, 3.0, 1.0]),
        ("large", list(rng.gamma(2.0, 1.5, 999))),
    ]


QUANTILE_PROBABILITIES = [0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0]


def welch_reference(a, b, level):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        result = scipy.stats.ttest_ind(a, b, equal_var=False)
    t, p = float(result.statistic), float(result.pvalue)
    if not (math.isfinite(t) and math.isfinite(p)):
        return None
    var_a, var_b = np.var(a, ddof=1), np.var(b, ddof=1)
    share_a, share_b = var_a / len(a), var_b / len(b)
    df = (share_a + share_b) ** 2 / (share_a**2 / (len(a) - 1) + share_b**2 / (len(b) - 1))
    assert math.isclose(2.0 * scipy.stats.t.sf(abs(t), df), p, rel_tol=1e-9, abs_tol=1e-300)
    difference = np.mean(a) - np.mean(b)
    se = math.sqrt(share_a + share_b)
    assert math.isclose(difference / se, t, rel_tol=1e-9)
    half = scipy.stats.t.ppf(0.5 + level / 2.0, df) * se
    m = len(a) + len(b) - 2
    pooled_sd = math.sqrt(((len(a) - 1) * var_a + (len(b) - 1) * var_b) / m)
    j = math.exp(scipy.special.gammaln(m / 2.0) - scipy.special.gammaln((m - 1) / 2.0)) / math.sqrt(
        m / 2.0)
    return {
        "mean_a": np.mean(a), "mean_b": np.mean(b), "variance_a": var_a, "variance_b": var_b,
        "difference": difference, "standard_error": se, "degrees_of_freedom": df, "t": t,
        "p_value": p, "low": difference - half, "high": difference + half,
        "hedges_g": j * difference / pooled_sd,
    }


def trend_reference(xs, ys, level):
    if len(xs) < 3:
        return None
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            fit = scipy.stats.linregress(xs, ys)
        except ValueError:  # every x the same
            return None
    if not (math.isfinite(fit.pvalue) and math.isfinite(fit.stderr)) or fit.stderr == 0.0:
        return None
    df = len(xs) - 2
    half = scipy.stats.t.ppf(0.5 + level / 2.0, df) * fit.stderr
    return {
        "slope": fit.slope, "intercept": fit.intercept, "standard_error": fit.stderr,
        "degrees_of_freedom": df, "t": fit.slope / fit.stderr, "p_value": fit.pvalue,
        "low": fit.slope - half, "high": fit.slope + half,
    }


def bh_reference(p_values, q):
    m = len(p_values)
    order = sorted(range(m), key=lambda i: (p_values[i], i))
    ranked = [p_values[i] for i in order]
    k = 0
    for rank in range(1, m + 1):
        if ranked[rank - 1] <= rank * q / m:
            k = rank
    adjusted = [0.0] * m
    for rank in range(1, m + 1):
        best = min(m * ranked[j - 1] / j for j in range(rank, m + 1))
        adjusted[order[rank - 1]] = min(1.0, best)
    rejected = [False] * m
    for rank in range(1, k + 1):
        rejected[order[rank - 1]] = True
    return adjusted, rejected


def number(value):
    value = float(value)
    assert math.isfinite(value)
    text = repr(value)
    return text if ("." in text or "e" in text) else text + ".0"


def numbers(values):
    return "{" + ", ".join(number(v) for v in values) + "}"


def array(name, values):
    return f"constexpr std::array<double, {len(values)}> {name}{numbers(values)};"


def main():
    lines = [
        "// Generated by make_reference.py with scipy " + scipy.__version__ + " and numpy " +
        np.__version__ + "; do not edit: run the script.",
        "// clang-format off",
        "",
    ]

    lines.append("// Welch comparisons: ttest_ind(equal_var=False), t.ppf, Hedges' g by gammaln.")
    entries = []
    for index, (name, a, b, level) in enumerate(welch_cases()):
        lines.append(array(f"welch_{index}_a", a))
        lines.append(array(f"welch_{index}_b", b))
        ref = welch_reference(a, b, level)
        fields = [f'.name = "{name}"', f".a = welch_{index}_a", f".b = welch_{index}_b",
                  f".level = {number(level)}", f".present = {'true' if ref else 'false'}"]
        if ref:
            fields += [f".{key} = {number(value)}" for key, value in ref.items()]
        entries.append("    {" + ", ".join(fields) + "},")
    lines += ["constexpr auto welch_references = std::to_array<WelchReference>({", *entries, "});", ""]

    lines.append("// Trends: linregress, t.ppf.")
    entries = []
    for index, (name, xs, ys, level) in enumerate(trend_cases()):
        lines.append(array(f"trend_{index}_x", xs))
        lines.append(array(f"trend_{index}_y", ys))
        ref = trend_reference(xs, ys, level)
        fields = [f'.name = "{name}"', f".xs = trend_{index}_x", f".ys = trend_{index}_y",
                  f".level = {number(level)}", f".present = {'true' if ref else 'false'}"]
        if ref:
            fields += [f".{key} = {number(value)}" for key, value in ref.items()]
        entries.append("    {" + ", ".join(fields) + "},")
    lines += ["constexpr auto trend_references = std::to_array<TrendReference>({", *entries, "});", ""]

    lines.append("// Benjamini-Hochberg from its definition (see the script's docstring).")
    entries = []
    for index, (name, p_values, q) in enumerate(bh_cases()):
        adjusted, rejected = bh_reference(p_values, q)
        lines.append(array(f"bh_{index}_p", p_values))
        lines.append(array(f"bh_{index}_adjusted", adjusted))
        lines.append(f"constexpr std::array<bool, {len(rejected)}> bh_{index}_rejected{{" +
                     ", ".join("true" if r else "false" for r in rejected) + "};")
        entries.append(f'    {{.name = "{name}", .p_values = bh_{index}_p, .q = {number(q)}, '
                       f".adjusted = bh_{index}_adjusted, .rejected = bh_{index}_rejected}},")
    lines += ["constexpr auto bh_references = std::to_array<BhReference>({", *entries, "});", ""]

    lines.append("// Summaries and quantiles: mean, var(ddof=1), quantile(method=\"linear\").")
    lines.append(array("quantile_probabilities", QUANTILE_PROBABILITIES))
    entries = []
    for index, (name, values) in enumerate(quantile_cases()):
        values = np.asarray(values, dtype=float)
        lines.append(array(f"sample_{index}", values))
        quantiles = np.quantile(values, QUANTILE_PROBABILITIES, method="linear")
        lines.append(array(f"sample_{index}_quantiles", quantiles))
        variance = f"{number(np.var(values, ddof=1))}" if len(values) > 1 else "std::nullopt"
        entries.append(f'    {{.name = "{name}", .values = sample_{index}, '
                       f".mean = {number(np.mean(values))}, .variance = {variance}, "
                       f".median = {number(np.median(values))}, "
                       f".quantiles = sample_{index}_quantiles}},")
    lines += ["constexpr auto sample_references = std::to_array<SampleReference>({", *entries, "});", ""]

    lines.append("// clang-format on")
    OUTPUT.write_text("\n".join(lines) + "\n")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
