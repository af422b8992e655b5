// An experiment's small goal as the start form reads it: numbers typed in the runner's units
// (km or mi, minutes, a pace as m:ss) turned into the API's goal, and a goal said back in words.

import type { Schemas } from '../api/client';

export type GoalKind = 'none' | Schemas['ExperimentGoal']['kind'];
export type Goal = Schemas['ExperimentGoal'];
export type DistanceUnit = 'km' | 'mi';

export const goalKinds: { kind: GoalKind; label: string }[] = [
  { kind: 'none', label: 'No goal' },
  { kind: 'distance', label: 'A distance' },
  { kind: 'time', label: 'A time on your feet' },
  { kind: 'pace', label: 'A pace over a distance' },
  { kind: 'runs_per_week', label: 'Runs per week' },
  { kind: 'form_cue', label: 'A form cue' },
];

export type GoalDraft = {
  kind: GoalKind;
  distance: string;
  minutes: string;
  pace: string;
  runsPerWeek: string;
  cue: string;
  cueTarget: string;
};

export const emptyGoal: GoalDraft = { kind: 'none', distance: '', minutes: '', pace: '', runsPerWeek: '', cue: '', cueTarget: '' };

const metersPer: Record<DistanceUnit, number> = { km: 1000, mi: 1609.344 };

/** "5:30" or "5.5" minutes → seconds; null when it cannot be read. */
export function parsePace(text: string): number | null {
  const t = text.trim();
  const m = /^(\d{1,2}):([0-5]\d)$/.exec(t);
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  const n = Number(t.replace(',', '.'));
  return t && Number.isFinite(n) && n > 0 ? Math.round(n * 60) : null;
}

function positive(text: string): number | null {
  const n = Number(text.trim().replace(',', '.'));
  return text.trim() && Number.isFinite(n) && n > 0 ? n : null;
}

/** The goal to send, or the field ("goal-distance", ...) and what is wrong with it. */
export function buildGoal(
  draft: GoalDraft,
  unit: DistanceUnit,
): { goal: Goal | null } | { field: string; error: string } {
  const distance = () => {
    const d = positive(draft.distance);
    return d == null ? null : Math.round(d * metersPer[unit]);
  };
  switch (draft.kind) {
    case 'none':
      return { goal: null };
    case 'distance': {
      const d = distance();
      if (d == null) return { field: 'goal-distance', error: `Give a distance in ${unit}.` };
      return { goal: { kind: 'distance', distance_m: d } };
    }
    case 'time': {
      const m = positive(draft.minutes);
      if (m == null) return { field: 'goal-minutes', error: 'Give a time in minutes.' };
      return { goal: { kind: 'time', seconds: Math.round(m * 60) } };
    }
    case 'pace': {
      const p = parsePace(draft.pace);
      if (p == null) return { field: 'goal-pace', error: `Give a pace as minutes:seconds per ${unit}, e.g. 5:30.` };
      const d = distance();
      if (d == null) return { field: 'goal-distance', error: `Give the distance to hold it over, in ${unit}.` };
      return { goal: { kind: 'pace', pace_s_per_km: Math.round((p / metersPer[unit]) * 1000 * 10) / 10, distance_m: d } };
    }
    case 'runs_per_week': {
      const n = Number(draft.runsPerWeek);
      if (!Number.isInteger(n) || n < 1 || n > 14) return { field: 'goal-runs', error: 'Give a whole number of runs from 1 to 14.' };
      return { goal: { kind: 'runs_per_week', runs_per_week: n } };
    }
    case 'form_cue': {
      if (!draft.cue.trim()) return { field: 'goal-cue', error: 'Say the cue to keep in mind, e.g. “relaxed shoulders”.' };
      const goal: Goal = { kind: 'form_cue', cue: draft.cue.trim() };
      if (draft.cueTarget.trim()) {
        const t = Number(draft.cueTarget);
        if (!Number.isInteger(t) || t < 0 || t > 10) return { field: 'goal-cue-target', error: 'A target from 0 to 10.' };
        goal.cue_target = t;
      } else goal.cue_target = null;
      return { goal };
    }
  }
}

function distanceText(m: number | undefined, unit: DistanceUnit): string {
  if (m == null) return '';
  const n = m / metersPer[unit];
  return `${Number.isInteger(Math.round(n * 100) / 100) ? Math.round(n) : n.toFixed(1)} ${unit}`;
}

function paceText(sPerKm: number, unit: DistanceUnit): string {
  const s = Math.round((sPerKm / 1000) * metersPer[unit]);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')} /${unit}`;
}

/** The goal in words: "run 5 km", "hold 5:30 /km over 10 km", "3 runs a week", ... */
export function describeGoal(goal: Goal, unit: DistanceUnit): string {
  switch (goal.kind) {
    case 'distance':
      return `run ${distanceText(goal.distance_m, unit)}`;
    case 'time':
      return `run for ${Math.round((goal.seconds ?? 0) / 60)} minutes`;
    case 'pace':
      return `hold ${paceText(goal.pace_s_per_km ?? 0, unit)} over ${distanceText(goal.distance_m, unit)}`;
    case 'runs_per_week':
      return `${goal.runs_per_week} ${goal.runs_per_week === 1 ? 'run' : 'runs'} a week`;
    case 'form_cue':
      return `keep in mind “${goal.cue}”${goal.cue_target != null ? `, rated ${goal.cue_target}/10 or better` : ''}`;
  }
}

/** The day a number of days after an ISO date. */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return date.toISOString().slice(0, 10);
}
