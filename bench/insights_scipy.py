#!/usr/bin/python3
"""The peer of `cairn insights` in docs/performance.md: the core of the same analysis as a
runner with Python would write it, with scipy, over a `cairn export` (tracks taken out before
timing, as insights never read them).

It makes the comparisons the insights make (each value held: well-aligned runs, rated 7 or
more, against the others rated; each circumstance's levels against its most common one; six
outcomes each), Welch's test and 90% interval for each, Benjamini-Hochberg over them all, and
the weekly distance. It prints how many comparisons were tested and how many survived, to
check it did the same work.

    python3 bench/insights_scipy.py export-without-tracks.json
"""

import collections
import datetime
import json
import sys

import numpy as np
from scipy import stats

OUTCOMES = ["enjoyment", "mood_after", "mood_lift", "energy_lift", "effort", "days_to_next_run"]


def outcomes_of(entry):
    out = {"enjoyment": entry.get("enjoyment"), "effort": entry.get("effort")}
    before, after = entry.get("before") or {}, entry.get("after") or {}
    out["mood_after"] = after.get("mood")
    if after.get("mood") is not None and before.get("mood") is not None:
        out["mood_lift"] = after["mood"] - before["mood"]
    if after.get("energy") is not None and before.get("energy") is not None:
        out["energy_lift"] = after["energy"] - before["energy"]
    return out


def welch(a, b):
    if len(a) < 10 or len(b) < 10 or (np.var(a) == 0 and np.var(b) == 0):
        return None
    a, b = np.asarray(a, float), np.asarray(b, float)
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    diff = a.mean() - b.mean()
    half = stats.t.ppf(0.95, df) * np.sqrt(va + vb)
    p = stats.ttest_ind(a, b, equal_var=False).pvalue
    return diff, (diff - half, diff + half), p


def bh(p_values, rate=0.05):
    p = np.asarray(p_values)
    order = np.argsort(p)
    ranked = p[order] * len(p) / np.arange(1, len(p) + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    return int((adjusted <= rate).sum())


def main(path):
    data = json.load(open(path))
    runs = sorted(data["runs"], key=lambda r: (r["start"]["utc"], r["id"]))
    starts = [datetime.datetime.fromisoformat(r["start"]["utc"].replace("Z", "+00:00")) for r in runs]
    entry_of = {e["run_id"]: e for e in data["entries"] if e.get("run_id") is not None}
    rows = []
    for i, run in enumerate(runs):
        entry = entry_of.get(run["id"])
        row = outcomes_of(entry) if entry else {}
        if i + 1 < len(runs):
            row["days_to_next_run"] = (starts[i + 1] - starts[i]).total_seconds() / 86400
        hour = int(run["start"]["local"][11:13])
        km = (run.get("distance_m") or 0) / 1000
        context = (entry or {}).get("context") or {}
        motive = (entry or {}).get("motive") or {}
        row["levels"] = {
            "company": context.get("company"),
            "route": context.get("route"),
            "setting": context.get("setting"),
            "audio": context.get("audio"),
            "motive": "value" if motive.get("value_id") else ("push" if motive.get("push") else None),
            "time_of_day": "morning" if 5 <= hour < 11 else "midday" if hour < 14 else "later",
            "distance": "<5" if km < 5 else "5-10" if km < 10 else "10-21" if km < 21 else "21+",
        }
        row["ratings"] = {a["value_id"]: a["rating"] for a in (entry or {}).get("value_alignments", [])}
        rows.append(row)

    tests = []
    for value in data["values"]:
        rated = [r for r in rows if value["id"] in r["ratings"]]
        for outcome in OUTCOMES:
            a = [r[outcome] for r in rated if r["ratings"][value["id"]] >= 7 and r.get(outcome) is not None]
            b = [r[outcome] for r in rated if r["ratings"][value["id"]] < 7 and r.get(outcome) is not None]
            tests.append(welch(a, b))
    for factor in rows[0]["levels"]:
        groups = collections.defaultdict(list)
        for r in rows:
            if r["levels"][factor] is not None:
                groups[r["levels"][factor]].append(r)
        if len(groups) < 2:
            continue
        usual = max(groups, key=lambda level: len(groups[level]))
        for level, group in groups.items():
            if level == usual:
                continue
            for outcome in OUTCOMES:
                a = [r[outcome] for r in group if r.get(outcome) is not None]
                b = [r[outcome] for r in groups[usual] if r.get(outcome) is not None]
                tests.append(welch(a, b))
    tested = [t for t in tests if t is not None]
    claims = bh([t[2] for t in tested])

    weeks = collections.Counter()
    for run, start in zip(runs, starts):
        monday = (start - datetime.timedelta(days=start.weekday())).date()
        weeks[monday] += run.get("distance_m") or 0
    print(f"{len(runs)} runs, {len(tested)} comparisons tested, {claims} claimed, {len(weeks)} weeks")


if __name__ == "__main__":
    main(sys.argv[1])
