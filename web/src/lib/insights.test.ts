import { describe, expect, it } from 'vitest';
import {
  bestEfforts,
  byStrength,
  days,
  extents,
  groupContextEffects,
  groupValueEffects,
  importanceRows,
  experimentsLatestFirst,
  levelLabel,
  niceCeil,
  reviewHref,
  runsNeeded,
  splitClaims,
  trendSentence,
  weeklySeries,
  weeklySummary,
  whisker,
  type ContextEffect,
  type ValueEffect,
} from './insights';

const base = {
  level: 0.9,
  mean_a: 1,
  mean_b: 1,
  p_value: 0.5,
  adjusted_p_value: 0.5,
  runs_needed: { a: 0, b: 0 },
  text: '',
};

function ve(value_id: number, outcome: ValueEffect['outcome'], difference: number | null, claim = false): ValueEffect {
  return {
    ...base,
    value_id,
    value: `V${value_id}`,
    outcome,
    difference,
    interval: difference == null ? null : [difference - 0.3, difference + 0.3],
    n_aligned: 20,
    n_other: 30,
    claim,
    tested: difference != null,
  } as ValueEffect;
}

function ce(factor: string, level_a: string, outcome: ContextEffect['outcome'], difference: number, claim = false): ContextEffect {
  return {
    ...base,
    factor,
    level_a,
    level_b: 'usual',
    outcome,
    difference,
    interval: [difference - 1, difference + 1],
    n_a: 12,
    n_b: 40,
    claim,
    tested: true,
  } as ContextEffect;
}

describe('runsNeeded', () => {
  it('names what each side still needs', () => {
    expect(runsNeeded({ a: 6, b: 2 }, ['well-aligned', 'other'])).toBe('Needs 6 more well-aligned and 2 more other runs to be weighed.');
    expect(runsNeeded({ a: 0, b: 1 }, ['a', 'other'])).toBe('Needs 1 more other run to be weighed.');
    expect(runsNeeded({ a: 0, b: 0 }, ['a', 'b'])).toBeNull();
  });
});

describe('whisker', () => {
  it('places the interval around zero in the middle', () => {
    const w = whisker(0.5, [0, 1], 2)!;
    expect(w.zero).toBe(50);
    expect(w.low).toBe(50);
    expect(w.high).toBe(75);
    expect(w.point).toBeCloseTo(62.5);
    expect(w.crossesZero).toBe(true);
  });
  it('clamps to the plot and has nothing to draw without an interval', () => {
    expect(whisker(-3, [-5, -1], 2)!.low).toBe(0);
    expect(whisker(-3, [-5, -1], 2)!.crossesZero).toBe(false);
    expect(whisker(null, null, 2)).toBeNull();
    expect(whisker(1, null, 2)).toBeNull();
  });
});

describe('extents and niceCeil', () => {
  it('shares a scale per outcome, at least the floor', () => {
    const e = extents([ve(1, 'enjoyment', 1), ve(2, 'enjoyment', -2), ve(1, 'effort', 0.1), { ...ve(3, 'enjoyment', 9), tested: false }]);
    expect(e.get('enjoyment')).toBeCloseTo(2.3);
    expect(e.get('effort')).toBe(0.5);
  });
  it('rounds up to a tidy number', () => {
    expect(niceCeil(2.3)).toBe(2.5);
    expect(niceCeil(0.41)).toBe(0.5);
    expect(niceCeil(7)).toBe(10);
    expect(niceCeil(1)).toBe(1);
    expect(niceCeil(0)).toBe(1);
  });
});

describe('ordering and grouping', () => {
  it('puts claims first, how runs felt first, largest first, then measured, then short of runs', () => {
    const items = [ve(1, 'enjoyment', null), ve(1, 'mood_after', 0.2), ve(1, 'effort', 2.4, true), ve(1, 'mood_lift', -0.9, true)];
    expect(byStrength(items).map((e) => e.outcome)).toEqual(['mood_lift', 'effort', 'mood_after', 'enjoyment']);
    const same = [ve(1, 'enjoyment', 0.5, true), ve(2, 'enjoyment', -1.5, true)];
    expect(byStrength(same).map((e) => e.value_id)).toEqual([2, 1]);
    const { shown, more } = splitClaims(items);
    expect(shown.map((e) => e.outcome)).toEqual(['mood_lift', 'effort']);
    expect(more).toHaveLength(2);
    const capped = splitClaims(items, 1);
    expect(capped.shown.map((e) => e.outcome)).toEqual(['mood_lift']);
    expect(capped.more.map((e) => e.outcome)).toEqual(['effort', 'mood_after', 'enjoyment']);
    expect(capped.moreClaims).toBe(1);
  });
  it('groups value effects by value in the server order', () => {
    const groups = groupValueEffects([ve(2, 'enjoyment', 1), ve(1, 'enjoyment', 1, true), ve(2, 'effort', 1, true)]);
    // (an effort claim before an enjoyment comparison that is not one)
    expect(groups.map((g) => [g.value, g.claims, g.effects.length])).toEqual([
      ['V2', 1, 2],
      ['V1', 1, 1],
    ]);
    expect(groups[0].effects[0].outcome).toBe('effort');
  });
  it('groups context effects by factor with the usual level', () => {
    const groups = groupContextEffects([ce('company', 'friend', 'enjoyment', 1, true), ce('route', 'new', 'mood_lift', -1), ce('company', 'group', 'enjoyment', 2, true), ce('company', 'family', 'effort', 3, true)]);
    expect(groups.map((g) => g.factor)).toEqual(['company', 'route']);
    expect(groups[0].usual).toBe('usual');
    expect(groups[0].effects.map((e) => e.level_a)).toEqual(['group', 'friend', 'family']);
  });
});

describe('small things', () => {
  it('names levels in plain words', () => {
    expect(levelLabel('21k_and_over')).toBe('21 km and over');
    expect(levelLabel('5k_to_10k')).toBe('5 km to 10 km');
    expect(levelLabel('alone')).toBe('alone');
  });
  it('links a prompt to the review by its index', () => {
    expect(reviewHref(2)).toBe('/values?review&prompt=2');
  });
  it('builds weekly series in the runner units', () => {
    const weeks = {
      week_of: ['2026-04-20', '2026-04-27'],
      runs: [3, 0],
      distance_m: [25000, 0],
      seconds: [9000, 0],
    };
    const s = weeklySeries(weeks, 'metric');
    expect(s.x[1] - s.x[0]).toBe(7 * 86400);
    expect(s.distance).toEqual([25, 0]);
    expect(weeklySeries(weeks, 'imperial').distance[0]).toBe(15.5);
    expect(weeklySeries(weeks, 'metric', 1).runs).toEqual([0]);
    expect(weeklySeries(weeks, 'metric', 1).x).toEqual([s.x[1]]);
    expect(weeklySeries(weeks, 'metric', 5).runs).toEqual([3, 0]);
    expect(weeklySummary(s, 'km')).toContain('12.5 km and 1.5 runs a week');
  });
  it('says a trend without claiming one that is not', () => {
    const t = { n: 10, slope_per_week: -0.42, interval: [-1.5, 0.67], level: 0.9, p_value: 0.5, adjusted_p_value: 0.4, claim: false };
    expect(trendSentence('Pace', t, 's/km', { up: 'slowing', down: 'quickening' })).toBe(
      'Pace: quickening by 0.4 s/km a week (90% interval \u22121.5 to +0.7; 10 points), too uncertain to tell from no change.',
    );
    expect(trendSentence('Pace', null, 's/km', { up: 'slower', down: 'faster' })).toContain('too few');
  });
  it('orders best efforts and importance rows', () => {
    const mark = { run_id: 1, date: '2024-01-01', distance_m: 1, seconds: 1, pace_s_per_km: 1 };
    expect(bestEfforts({ half_marathon: mark, '5k': mark }).map((r) => r.label)).toEqual(['5 km', 'Half marathon']);
    const row = (gap: number | null) => ({ value_id: 1, value: 'x', importance: 9, recent_runs: 1, rated_runs: 1, aligned_runs: 1, lived_share: 0, mean_alignment: 1, life_area_mean: null, gap, text: '' });
    expect(importanceRows([row(null), row(0.1), row(0.5)]).map((r) => r.gap)).toEqual([0.5, 0.1, null]);
  });
  it('puts the latest experiment first', () => {
    const cards = [
      { experiment_id: 1, starts_on: '2023-09-09' },
      { experiment_id: 3, starts_on: '2025-01-01' },
      { experiment_id: 2, starts_on: '2024-06-30' },
    ];
    expect(experimentsLatestFirst(cards).map((c) => c.experiment_id)).toEqual([3, 2, 1]);
  });
  it('says days', () => {
    expect(days(1.48)).toBe('1.5 days');
    expect(days(7.24)).toBe('7 days');
    expect(days(null)).toBe('—');
  });
});
