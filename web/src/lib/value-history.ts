// The value set's history as the Values page tells it: changes grouped by the day they took
// effect (newest first), each saying what changed against the value as it was before.

import type { Schemas } from '../api/client';

type Event = Schemas['ValueEvent'];
type Value = Schemas['Value'];

export type Change = { event: Event; what: string[] };
export type Day = { on: string; changes: Change[] };

const kindWords: Record<Event['kind'], string> = {
  added: 'added',
  edited: 'changed',
  reworded: 'reworded',
  reranked: 're-ranked',
  retired: 'retired',
  restored: 'restored',
};

export function kindWord(kind: Event['kind']): string {
  return kindWords[kind] ?? kind;
}

/** What differs between a value before and after a change, in a few words each. */
export function differences(before: Value | undefined, after: Value): string[] {
  if (!before) return [`importance ${after.importance}/10`];
  const out: string[] = [];
  if (before.name !== after.name) out.push(`renamed from “${before.name}”`);
  if (before.importance !== after.importance) out.push(`importance ${before.importance} → ${after.importance}`);
  if (before.description !== after.description) out.push('description reworded');
  if (before.why !== after.why) out.push('why reworded');
  if (before.link !== after.link) out.push('link to running reworded');
  const added = after.practices.filter((p) => !before.practices.includes(p));
  const dropped = before.practices.filter((p) => !after.practices.includes(p));
  if (added.length) out.push(`practices added: ${added.join('; ')}`);
  if (dropped.length) out.push(`practices dropped: ${dropped.join('; ')}`);
  return out;
}

/** The history grouped by effective date, newest day first; within a day in the order recorded. */
export function groupHistory(history: Event[]): Day[] {
  const ordered = [...history].sort(
    (a, b) => a.effective_on.localeCompare(b.effective_on) || a.recorded_at.localeCompare(b.recorded_at) || a.id - b.id,
  );
  const last = new Map<number, Value>();
  const days = new Map<string, Change[]>();
  for (const event of ordered) {
    const what = event.kind === 'retired' || event.kind === 'restored' ? [] : differences(last.get(event.after.id), event.after);
    last.set(event.after.id, event.after);
    const list = days.get(event.effective_on) ?? [];
    list.push({ event, what });
    days.set(event.effective_on, list);
  }
  return [...days.entries()].sort((a, b) => b[0].localeCompare(a[0])).map(([on, changes]) => ({ on, changes }));
}

/** The values in force, most important first (ties by name); the retired ones apart. */
export function splitValues(values: Value[]): { active: Value[]; retired: Value[] } {
  const byImportance = (a: Value, b: Value) => b.importance - a.importance || a.name.localeCompare(b.name);
  return {
    active: values.filter((v) => v.active).sort(byImportance),
    retired: values.filter((v) => !v.active).sort(byImportance),
  };
}

/** "Sat 2 May 2026" from "2026-05-02". */
export function formatDay(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  const part = (o: Intl.DateTimeFormatOptions) => date.toLocaleDateString('en-GB', { ...o, timeZone: 'UTC' });
  return `${part({ weekday: 'short' })} ${Number(m[3])} ${part({ month: 'short' })} ${m[1]}`;
}

/** Practices typed one a line, blank lines dropped. */
export function parsePractices(text: string): string[] {
  return text
    .split('\n')
    .map((p) => p.trim())
    .filter((p, i, all) => p && all.indexOf(p) === i);
}
