// The insights page's pure part: the server's insights (docs/insights.md, the JSON contract)
// turned into what the page draws: comparisons grouped and ordered, claims first, the scale
// each interval plot shares, weekly series for the charts, and the few sentences the server
// leaves to the page. No cause is ever said: only claims "went with".

import type { Schemas } from '../api/client';
import { formatSigned, type Units } from './format';

export type Insights = Schemas['Insights'];
export type ValueEffect = Schemas['ValueEffect'];
export type ContextEffect = Schemas['ContextEffect'];
export type Outcome = ValueEffect['outcome'];
export type Interval = Schemas['Interval'];

/** Anything with a difference, its interval and a claim: every comparison the JSON holds. */
export type Comparison = {
  outcome: Outcome;
  difference: number | null;
  interval: Interval;
  claim: boolean;
  tested: boolean;
  runs_needed: { a: number; b: number };
};

const outcomeWords: Record<Outcome, string> = {
  enjoyment: 'Enjoyment',
  mood_after: 'Mood after',
  mood_lift: 'Mood lift',
  energy_lift: 'Energy lift',
  effort: 'Effort',
  days_to_next_run: 'Days to the next run',
  alignment: 'Alignment with the value',
};

export function outcomeLabel(outcome: Outcome): string {
  return outcomeWords[outcome] ?? outcome;
}

const factorWords: Record<string, string> = {
  company: 'Company',
  route: 'Route',
  time_of_day: 'Time of day',
  distance: 'Distance',
  setting: 'Setting',
  audio: 'Audio',
  motive: 'Motive',
};

export function factorLabel(factor: string): string {
  return factorWords[factor] ?? factor.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** A level as the JSON names it ("under_5k", "21k_and_over") in plain words ("under 5 km"). */
export function levelLabel(level: string): string {
  return level.replace(/_/g, ' ').replace(/\b(\d+)k\b/g, '$1 km');
}

/** The interval as [low, high], or null when the JSON has none. */
export function bounds(interval: Interval | undefined): [number, number] | null {
  if (!interval || !Array.isArray(interval) || interval.length < 2) return null;
  const [low, high] = interval as number[];
  if (low == null || high == null || !Number.isFinite(low) || !Number.isFinite(high)) return null;
  return [low, high];
}

/**
 * "Needs 6 more well-aligned and 2 more other runs", or null when the comparison has its runs.
 * `sides` names the two groups ("well-aligned", "other").
 */
export function runsNeeded(needed: { a: number; b: number } | undefined, sides: [string, string]): string | null {
  if (!needed) return null;
  const parts: string[] = [];
  if (needed.a > 0) parts.push(`${needed.a} more ${sides[0]}`);
  if (needed.b > 0) parts.push(`${needed.b} more ${sides[1]}`);
  if (parts.length === 0) return null;
  const total = needed.a + needed.b;
  return `Needs ${parts.join(' and ')} ${total === 1 ? 'run' : 'runs'} to be weighed.`;
}

/**
 * How far each outcome's plots reach either side of zero: the widest interval end (or
 * difference) among all the comparisons of that outcome, so plots of one outcome share a
 * scale and can be compared by eye (the untested ones, drawn nowhere, take no part). At least `floor`, so a row of tiny differences is not
 * blown up to fill the width.
 */
export function extents(comparisons: Comparison[], floor = 0.5): Map<Outcome, number> {
  const reach = new Map<Outcome, number>();
  for (const c of comparisons) {
    if (!c.tested) continue;
    const b = bounds(c.interval);
    const values = [c.difference, ...(b ?? [])].filter((v): v is number => v != null && Number.isFinite(v));
    const far = Math.max(floor, ...values.map(Math.abs));
    reach.set(c.outcome, Math.max(reach.get(c.outcome) ?? floor, far));
  }
  return reach;
}

/** A tidy number a little beyond `value`, for an axis end: 0.5, 1, 1.5, 2, 2.5, 5, 10… */
export function niceCeil(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 1.5, 2, 2.5, 5, 10]) {
    if (step * power >= value - 1e-12) return step * power;
  }
  return 10 * power;
}

/** Where a difference and its interval sit on a plot from −extent to +extent, in percent of its width. */
export type Whisker = { zero: number; low: number; high: number; point: number; crossesZero: boolean };

export function whisker(difference: number | null, interval: Interval, extent: number): Whisker | null {
  const b = bounds(interval);
  if (difference == null || !Number.isFinite(difference) || !b || !(extent > 0)) return null;
  const at = (v: number) => Math.min(100, Math.max(0, ((v + extent) / (2 * extent)) * 100));
  return { zero: 50, low: at(b[0]), high: at(b[1]), point: at(difference), crossesZero: b[0] <= 0 && b[1] >= 0 };
}

// The order outcomes are shown in: how a run felt before what it cost or what followed it.
const outcomeOrder: Outcome[] = ['alignment', 'enjoyment', 'mood_lift', 'mood_after', 'energy_lift', 'effort', 'days_to_next_run'];

/**
 * Claims first (by outcome, how the runs felt first, then the largest difference), then the
 * measured ones, then the ones still short of runs, each in the server's order.
 */
export function byStrength<T extends Comparison>(items: T[]): T[] {
  const rank = (c: T) => (c.claim ? 0 : c.tested && c.difference != null ? 1 : 2);
  const place = (o: Outcome) => {
    const i = outcomeOrder.indexOf(o);
    return i < 0 ? outcomeOrder.length : i;
  };
  return items
    .map((item, index) => ({ item, index }))
    .sort((x, y) => {
      const r = rank(x.item) - rank(y.item);
      if (r !== 0) return r;
      if (rank(x.item) === 0) {
        const o = place(x.item.outcome) - place(y.item.outcome);
        if (o !== 0) return o;
        return Math.abs(y.item.difference ?? 0) - Math.abs(x.item.difference ?? 0);
      }
      return x.index - y.index;
    })
    .map((x) => x.item);
}

/**
 * Which comparisons of a group to show at once (its claims, the largest `limit` of them) and
 * which behind "more" (the rest, claims first); `moreClaims` counts the claims among those.
 */
export function splitClaims<T extends Comparison>(items: T[], limit = Infinity): { shown: T[]; more: T[]; moreClaims: number } {
  const sorted = byStrength(items);
  const claims = sorted.filter((c) => c.claim);
  const shown = claims.slice(0, limit);
  const more = sorted.filter((c) => !shown.includes(c));
  return { shown, more, moreClaims: claims.length - shown.length };
}

export type ValueGroup = { valueId: number; value: string; effects: ValueEffect[]; claims: number };

/** The value effects, one group per value in the server's order, each group's claims first. */
export function groupValueEffects(effects: ValueEffect[]): ValueGroup[] {
  const groups = new Map<number, ValueGroup>();
  for (const e of effects) {
    let g = groups.get(e.value_id);
    if (!g) {
      g = { valueId: e.value_id, value: e.value, effects: [], claims: 0 };
      groups.set(e.value_id, g);
    }
    g.effects.push(e);
    if (e.claim) g.claims += 1;
  }
  return [...groups.values()].map((g) => ({ ...g, effects: byStrength(g.effects) }));
}

export type ContextGroup = { factor: string; usual: string; effects: ContextEffect[]; claims: number };

/** The context effects, one group per factor in the server's order (with its usual level). */
export function groupContextEffects(effects: ContextEffect[]): ContextGroup[] {
  const groups = new Map<string, ContextGroup>();
  for (const e of effects) {
    let g = groups.get(e.factor);
    if (!g) {
      g = { factor: e.factor, usual: e.level_b, effects: [], claims: 0 };
      groups.set(e.factor, g);
    }
    g.effects.push(e);
    if (e.claim) g.claims += 1;
  }
  return [...groups.values()].map((g) => ({ ...g, effects: byStrength(g.effects) }));
}

/** The values page's review, opened with the prompt at `index` of `prompts` picked. */
export function reviewHref(index: number): string {
  return `/values?review&prompt=${index}`;
}

const promptTitles: Record<string, string> = {
  ranked_high_rarely_lived: 'Ranked high, rarely lived',
  alignment_without_lift: 'Lived, but without the lift',
  linked_circumstance_without_lift: 'Its circumstance goes with feeling worse',
  motivation_turning: 'Motivation may be turning',
};

export function promptTitle(kind: string): string {
  return promptTitles[kind] ?? kind.replace(/_/g, ' ');
}

/** Is this evidence item a value effect (else a context effect)? */
export function isValueEffect(e: ValueEffect | ContextEffect): e is ValueEffect {
  return 'value_id' in e;
}

/** A comparison's label: "Mood lift" for a value, "New against familiar: mood lift" for a circumstance. */
export function comparisonLabel(e: ValueEffect | ContextEffect): string {
  if (isValueEffect(e)) return `${e.value}: ${outcomeLabel(e.outcome).toLowerCase()}`;
  return `${factorLabel(e.factor)}, ${levelLabel(e.level_a)} against ${levelLabel(e.level_b)}: ${outcomeLabel(e.outcome).toLowerCase()}`;
}

const metersPerMile = 1609.344;

/** Weekly distance (in the runner's units) and runs, x in seconds since 1970 at each Monday; the API's
 * columns, of which the last `lastWeeks` when given. */
export function weeklySeries(
  weeks: Schemas['Volume']['weeks'],
  units: Units,
  lastWeeks?: number,
): { x: number[]; distance: number[]; runs: number[] } {
  const count = weeks.week_of.length;
  const from = lastWeeks != null && lastWeeks < count ? count - lastWeeks : 0;
  const per = units === 'imperial' ? metersPerMile : 1000;
  return {
    x: weeks.week_of.slice(from).map((monday) => Date.parse(`${monday}T00:00:00Z`) / 1000),
    distance: weeks.distance_m.slice(from).map((m) => Math.round((m / per) * 10) / 10),
    runs: weeks.runs.slice(from),
  };
}

/** "4 May 2026" from seconds since 1970 (a chart's x). */
export function dayFromSeconds(seconds: number, withYear = true): string {
  return new Date(seconds * 1000).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  });
}

/** The weekly charts' text alternative: the span, the weekly mean and the biggest week. */
export function weeklySummary(series: { x: number[]; distance: number[]; runs: number[] }, unit: string): string {
  const n = series.x.length;
  if (n === 0) return 'No weeks with runs yet.';
  const total = series.distance.reduce((a, b) => a + b, 0);
  const runs = series.runs.reduce((a, b) => a + b, 0);
  let best = 0;
  series.distance.forEach((d, i) => {
    if (d > series.distance[best]) best = i;
  });
  return (
    `${n} ${n === 1 ? 'week' : 'weeks'} from ${dayFromSeconds(series.x[0])} to ${dayFromSeconds(series.x[n - 1])}: ` +
    `${(total / n).toFixed(1)} ${unit} and ${(runs / n).toFixed(1)} runs a week on average; ` +
    `the biggest week ${series.distance[best].toFixed(1)} ${unit} (week of ${dayFromSeconds(series.x[best])}).`
  );
}

/**
 * A trend's sentence: "Pace: quickening by 0.4 s/km a week (90% interval …; 76 points), too uncertain
 * to tell from no change." Only a claim is said as a trend.
 */
export function trendSentence(
  name: string,
  trend: Schemas['Trend'] | null | undefined,
  unit: string,
  words: { up: string; down: string },
  scale = 1,
): string {
  if (!trend) return `${name}: too few weeks to draw a line yet.`;
  const b = bounds(trend.interval);
  const slope = trend.slope_per_week * scale;
  const size = Math.abs(slope) < 0.05 ? Math.abs(slope).toFixed(2) : Math.abs(slope).toFixed(1);
  const range = b ? `90% interval ${formatSigned(b[0] * scale)} to ${formatSigned(b[1] * scale)}; ` : '';
  const head = `${name}: ${slope >= 0 ? words.up : words.down} by ${size} ${unit} a week (${range}${trend.n} points)`;
  return trend.claim ? `${head}.` : `${head}, too uncertain to tell from no change.`;
}

/** Best efforts in the order of their length, with their names. */
export function bestEfforts(efforts: Schemas['Volume']['best_efforts']): Array<{ label: string; mark: Schemas['RunMark'] }> {
  const order: Array<[string, string]> = [
    ['5k', '5 km'],
    ['10k', '10 km'],
    ['half_marathon', 'Half marathon'],
    ['marathon', 'Marathon'],
  ];
  const known = new Set(order.map(([k]) => k));
  const rows = order.filter(([k]) => efforts[k]).map(([k, label]) => ({ label, mark: efforts[k] }));
  for (const k of Object.keys(efforts).sort()) if (!known.has(k)) rows.push({ label: k.replace(/_/g, ' '), mark: efforts[k] });
  return rows;
}

/** Importance against what was lived, widest gap first; values without a share last. */
export function importanceRows(items: Schemas['ImportanceVsLived'][]): Schemas['ImportanceVsLived'][] {
  return [...items].sort((a, b) => {
    if (a.gap == null && b.gap == null) return 0;
    if (a.gap == null) return 1;
    if (b.gap == null) return -1;
    return b.gap - a.gap;
  });
}

/** Days as a runner says them: "1.5 days", "7 days", "1 day". */
export function days(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return '—';
  const rounded = value >= 5 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${rounded} ${rounded === 1 ? 'day' : 'days'}`;
}

/** Experiments' cards, the latest started first (the one under way is the one a runner asks about). */
export function experimentsLatestFirst<T extends { starts_on: string; experiment_id: number }>(cards: T[]): T[] {
  return [...cards].sort((a, b) => b.starts_on.localeCompare(a.starts_on) || b.experiment_id - a.experiment_id);
}
