import { describe, expect, it } from 'vitest';
import type { Schemas } from '../api/client';
import { differences, formatDay, groupHistory, parsePractices, splitValues } from './value-history';

const value = (over: Partial<Schemas['Value']>): Schemas['Value'] => ({
  id: 1,
  name: 'Adventure',
  description: 'new places',
  why: 'alive',
  link: 'explore',
  practices: ['new trail'],
  importance: 9,
  active: true,
  catalogue_key: 'adventure',
  ...over,
});
const event = (id: number, kind: Schemas['ValueEvent']['kind'], on: string, after: Schemas['ValueEvent']['after']) => ({
  id,
  kind,
  effective_on: on,
  recorded_at: `${on}T20:00:00Z`,
  reason: `reason ${id}`,
  review_id: null,
  after,
});

describe('groupHistory', () => {
  it('groups by day, newest first, with what changed against the value before', () => {
    const days = groupHistory([
      event(3, 'reranked', '2024-04-28', value({ importance: 7, practices: ['new trail', 'hills'] })),
      event(1, 'added', '2023-05-01', value({})),
      event(2, 'added', '2023-05-01', value({ id: 2, name: 'Health', importance: 8 })),
      event(4, 'retired', '2024-04-28', value({ id: 2, name: 'Health', importance: 8, active: false })),
    ]);
    expect(days.map((d) => d.on)).toEqual(['2024-04-28', '2023-05-01']);
    expect(days[1].changes.map((c) => c.event.id)).toEqual([1, 2]);
    expect(days[0].changes[0].what).toEqual(['importance 9 → 7', 'practices added: hills']);
    expect(days[0].changes[1].what).toEqual([]);
  });
});

describe('differences', () => {
  it('names renames, rewordings and dropped practices', () => {
    expect(differences(value({}), value({ name: 'Exploring', why: 'x', practices: [] }))).toEqual([
      'renamed from “Adventure”',
      'why reworded',
      'practices dropped: new trail',
    ]);
  });
});

describe('splitValues', () => {
  it('puts the most important first and the retired apart', () => {
    const { active, retired } = splitValues([
      value({ id: 1, name: 'B', importance: 6 }),
      value({ id: 2, name: 'A', importance: 6 }),
      value({ id: 3, name: 'C', importance: 9 }),
      value({ id: 4, name: 'D', active: false }),
    ]);
    expect(active.map((v) => v.name)).toEqual(['C', 'A', 'B']);
    expect(retired.map((v) => v.name)).toEqual(['D']);
  });
});

describe('small readers', () => {
  it('formats a day and reads practices one a line', () => {
    expect(formatDay('2026-05-02')).toBe('Sat 2 May 2026');
    expect(parsePractices(' a \n\nb\na\n')).toEqual(['a', 'b']);
  });
});
