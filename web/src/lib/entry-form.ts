// The journal entry form's state and the request it becomes: one place that knows how the
// form's answers map to the API's entry (the export's shape), so the page stays a view.

import type { Schemas } from '../api/client';

export type Company = NonNullable<Schemas['RunContext']['company']>;
export type RouteNovelty = NonNullable<Schemas['RunContext']['route']>;
export type Setting = NonNullable<Schemas['RunContext']['setting']>;
export type Audio = NonNullable<Schemas['RunContext']['audio']>;
export type Push = NonNullable<Schemas['Motive']['push']>;

export interface EntryForm {
  moodBefore: number | null;
  energyBefore: number | null;
  moodAfter: number | null;
  energyAfter: number | null;
  enjoyment: number | null;
  effort: number | null;
  /** Alignment per value id, 1-10. */
  alignments: Record<string, number | null>;
  motiveValue: number | null;
  push: Push | null;
  company: Company | null;
  route: RouteNovelty | null;
  setting: Setting | null;
  audio: Audio | null;
  weather: string;
  text: string;
}

export const emptyForm: EntryForm = {
  moodBefore: null,
  energyBefore: null,
  moodAfter: null,
  energyAfter: null,
  enjoyment: null,
  effort: null,
  alignments: {},
  motiveValue: null,
  push: null,
  company: null,
  route: null,
  setting: null,
  audio: null,
  weather: '',
  text: '',
};

/** The form filled from a stored entry (an entry the watch pre-filled, or one to edit). */
export function formFromEntry(entry: Schemas['JournalEntry']): EntryForm {
  const alignments: Record<string, number | null> = {};
  for (const a of entry.value_alignments) alignments[String(a.value_id)] = a.rating;
  return {
    moodBefore: entry.before.mood ?? null,
    energyBefore: entry.before.energy ?? null,
    moodAfter: entry.after.mood ?? null,
    energyAfter: entry.after.energy ?? null,
    enjoyment: entry.enjoyment ?? null,
    effort: entry.effort ?? null,
    alignments,
    motiveValue: entry.motive.value_id ?? null,
    push: entry.motive.push ?? null,
    company: entry.context.company ?? null,
    route: entry.context.route ?? null,
    setting: entry.context.setting ?? null,
    audio: entry.context.audio ?? null,
    weather: entry.context.weather ?? '',
    text: entry.text ?? '',
  };
}

/** Whether the runner answered anything (the server refuses an entry with no answer). */
export function hasAnswers(form: EntryForm): boolean {
  const scalars = [
    form.moodBefore,
    form.energyBefore,
    form.moodAfter,
    form.energyAfter,
    form.enjoyment,
    form.effort,
    form.motiveValue,
    form.push,
    form.company,
    form.route,
    form.setting,
    form.audio,
  ];
  return (
    scalars.some((v) => v != null) ||
    Object.values(form.alignments).some((v) => v != null) ||
    form.weather.trim() !== '' ||
    form.text.trim() !== ''
  );
}

/** The entry's members as the API reads them (a new entry's body, or a whole-entry patch). */
export function entryBody(form: EntryForm, runId: number | null) {
  return {
    ...(runId != null ? { run_id: runId } : {}),
    before: { mood: form.moodBefore, energy: form.energyBefore },
    after: { mood: form.moodAfter, energy: form.energyAfter },
    enjoyment: form.enjoyment,
    effort: form.effort,
    value_alignments: Object.entries(form.alignments)
      .filter(([, rating]) => rating != null)
      .map(([id, rating]) => ({ value_id: Number(id), rating: rating as number })),
    motive: { value_id: form.motiveValue, push: form.push },
    context: {
      company: form.company,
      route: form.route,
      setting: form.setting,
      audio: form.audio,
      weather: form.weather.trim(),
    },
    text: form.text,
  };
}

/** What a draft keeps: where it goes and what it says. */
export interface EntryDraftBody {
  method: 'POST' | 'PATCH';
  path: string;
  form: EntryForm;
  runId: number | null;
}

/** The key a draft of this entry is kept under: one draft per run, one for an entry of no run. */
export function draftKey(runId: number | null): string {
  return runId == null ? 'entry:day' : `entry:run:${runId}`;
}

/** The server's field (e.g. "value_alignments[1].rating", "after.mood") as the form's field. */
export function formFieldOf(field: string | undefined, body: ReturnType<typeof entryBody>): string | null {
  if (!field) return null;
  const direct: Record<string, string> = {
    'before.mood': 'moodBefore',
    'before.energy': 'energyBefore',
    'after.mood': 'moodAfter',
    'after.energy': 'energyAfter',
    enjoyment: 'enjoyment',
    effort: 'effort',
    text: 'text',
    'context.weather': 'weather',
    'motive.value_id': 'motiveValue',
  };
  if (direct[field]) return direct[field];
  const alignment = /^value_alignments\[(\d+)\]/.exec(field);
  if (alignment) {
    const item = body.value_alignments[Number(alignment[1])];
    return item ? `alignment:${item.value_id}` : null;
  }
  return null;
}
