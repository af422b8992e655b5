import { describe, expect, it } from 'vitest';
import { addDays, buildGoal, describeGoal, emptyGoal, parsePace } from './experiment-goal';

describe('parsePace', () => {
  it('reads m:ss and decimal minutes', () => {
    expect(parsePace('5:30')).toBe(330);
    expect(parsePace('5.5')).toBe(330);
    expect(parsePace('5:75')).toBeNull();
    expect(parsePace('')).toBeNull();
  });
});

describe('buildGoal', () => {
  it('sends no goal when none is chosen', () => {
    expect(buildGoal(emptyGoal, 'km')).toEqual({ goal: null });
  });
  it('turns the runner’s units into metres and seconds per km', () => {
    expect(buildGoal({ ...emptyGoal, kind: 'distance', distance: '5' }, 'mi')).toEqual({
      goal: { kind: 'distance', distance_m: 8047 },
    });
    expect(buildGoal({ ...emptyGoal, kind: 'time', minutes: '45' }, 'km')).toEqual({ goal: { kind: 'time', seconds: 2700 } });
    expect(buildGoal({ ...emptyGoal, kind: 'pace', pace: '8:00', distance: '3' }, 'mi')).toEqual({
      goal: { kind: 'pace', pace_s_per_km: 298.3, distance_m: 4828 },
    });
    expect(buildGoal({ ...emptyGoal, kind: 'runs_per_week', runsPerWeek: '3' }, 'km')).toEqual({
      goal: { kind: 'runs_per_week', runs_per_week: 3 },
    });
    expect(buildGoal({ ...emptyGoal, kind: 'form_cue', cue: ' tall hips ', cueTarget: '7' }, 'km')).toEqual({
      goal: { kind: 'form_cue', cue: 'tall hips', cue_target: 7 },
    });
  });
  it('names the field that is wrong', () => {
    expect(buildGoal({ ...emptyGoal, kind: 'pace', pace: 'fast', distance: '5' }, 'km')).toMatchObject({ field: 'goal-pace' });
    expect(buildGoal({ ...emptyGoal, kind: 'pace', pace: '5:00' }, 'km')).toMatchObject({ field: 'goal-distance' });
    expect(buildGoal({ ...emptyGoal, kind: 'runs_per_week', runsPerWeek: '20' }, 'km')).toMatchObject({ field: 'goal-runs' });
    expect(buildGoal({ ...emptyGoal, kind: 'form_cue', cue: 'x', cueTarget: '11' }, 'km')).toMatchObject({
      field: 'goal-cue-target',
    });
  });
});

describe('describeGoal', () => {
  it('says the goal in the runner’s units', () => {
    expect(describeGoal({ kind: 'distance', distance_m: 5000 }, 'km')).toBe('run 5 km');
    expect(describeGoal({ kind: 'pace', pace_s_per_km: 330, distance_m: 10000 }, 'km')).toBe('hold 5:30 /km over 10 km');
    expect(describeGoal({ kind: 'runs_per_week', runs_per_week: 1 }, 'km')).toBe('1 run a week');
    expect(describeGoal({ kind: 'form_cue', cue: 'light feet', cue_target: 7 }, 'km')).toBe(
      'keep in mind “light feet”, rated 7/10 or better',
    );
  });
});

describe('addDays', () => {
  it('crosses months and years', () => {
    expect(addDays('2026-12-20', 28)).toBe('2027-01-17');
  });
});
