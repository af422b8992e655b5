import { describe, expect, it } from 'vitest';
import {
  addOwnCard,
  cardsIn,
  coreReady,
  fieldOfError,
  initialState,
  moveCore,
  removeOwnCard,
  setDetails,
  sortCard,
  startBody,
  toggleCore,
  togglePractice,
  unsortCard,
  unsorted,
} from './workshop';

const catalogue = ['adventure', 'connection', 'family', 'health', 'clear_mind', 'work'].map((key) => ({
  key,
  name: key[0].toUpperCase() + key.slice(1),
  description: `about ${key}`,
  link: `running and ${key}`,
  practice: `a practice for ${key}`,
}));

function veryAll() {
  let s = initialState(catalogue);
  for (const c of catalogue) s = sortCard(s, c.key, 'very');
  return s;
}

describe('sorting cards', () => {
  it('starts with every card unsorted', () => {
    const s = initialState(catalogue);
    expect(unsorted(s)).toHaveLength(6);
    expect(cardsIn(s, 'very')).toHaveLength(0);
  });

  it('puts cards on piles and moves them between piles', () => {
    let s = initialState(catalogue);
    s = sortCard(s, 'adventure', 'very');
    s = sortCard(s, 'family', 'less');
    expect(cardsIn(s, 'very').map((c) => c.key)).toEqual(['adventure']);
    expect(cardsIn(s, 'less').map((c) => c.key)).toEqual(['family']);
    s = sortCard(s, 'family', 'important');
    expect(cardsIn(s, 'less')).toHaveLength(0);
    expect(unsorted(s)).toHaveLength(4);
    s = unsortCard(s, 'adventure');
    expect(unsorted(s)).toHaveLength(5);
  });

  it('ignores cards it does not know', () => {
    const s = initialState(catalogue);
    expect(sortCard(s, 'nope', 'very')).toBe(s);
  });

  it('adds and removes the runner’s own cards', () => {
    let s = initialState(catalogue);
    s = addOwnCard(s, '  Gratitude ', 'thankful for legs');
    expect(s.cards.at(-1)).toMatchObject({ key: 'own-1', name: 'Gratitude', own: true });
    expect(cardsIn(s, 'very').map((c) => c.key)).toEqual(['own-1']);
    expect(addOwnCard(s, '   ', '')).toBe(s);
    expect(addOwnCard(s, 'gratitude', '')).toBe(s);
    s = toggleCore(s, 'own-1');
    s = removeOwnCard(s, 'own-1');
    expect(s.cards).toHaveLength(6);
    expect(s.core).toEqual([]);
    expect(removeOwnCard(s, 'adventure')).toBe(s);
  });
});

describe('the core few', () => {
  it('takes only very important cards, at most five', () => {
    let s = initialState(catalogue);
    s = sortCard(s, 'adventure', 'important');
    expect(toggleCore(s, 'adventure').core).toEqual([]);
    s = veryAll();
    for (const c of catalogue) s = toggleCore(s, c.key);
    expect(s.core).toEqual(['adventure', 'connection', 'family', 'health', 'clear_mind']);
    expect(coreReady(s)).toBe(true);
    s = toggleCore(s, 'family');
    expect(s.core).toEqual(['adventure', 'connection', 'health', 'clear_mind']);
  });

  it('needs at least three', () => {
    let s = veryAll();
    s = toggleCore(toggleCore(s, 'adventure'), 'health');
    expect(coreReady(s)).toBe(false);
    expect(coreReady(toggleCore(s, 'work'))).toBe(true);
  });

  it('loses a card moved off the very important pile', () => {
    let s = toggleCore(veryAll(), 'health');
    s = sortCard(s, 'health', 'important');
    expect(s.core).toEqual([]);
  });

  it('moves values up and down, not past either end', () => {
    let s = veryAll();
    for (const k of ['adventure', 'health', 'family']) s = toggleCore(s, k);
    s = moveCore(s, 'family', -1);
    expect(s.core).toEqual(['adventure', 'family', 'health']);
    expect(moveCore(s, 'adventure', -1).core).toEqual(s.core);
    expect(moveCore(s, 'health', 1).core).toEqual(s.core);
    s = moveCore(s, 'adventure', 1);
    expect(s.core).toEqual(['family', 'adventure', 'health']);
  });
});

describe('the start body', () => {
  it('lists the core in order with importance, details and the catalogue key', () => {
    let s = veryAll();
    s = addOwnCard(s, 'Gratitude', 'thankful');
    for (const k of ['health', 'own-1', 'adventure']) s = toggleCore(s, k);
    s = setDetails(s, 'health', { why: ' my father ', link: 'easy runs', since: '2019-03-01' });
    s = togglePractice(s, 'health', 'three easy runs a week');
    s = togglePractice(s, 'health', ' hills on Sunday ');
    s = togglePractice(s, 'health', 'three easy runs a week');
    const body = startBody(s, 'mi', 'Europe/Paris');
    expect(body.units).toBe('mi');
    expect(body.zone).toBe('Europe/Paris');
    expect(body.values.map((v) => [v.name, v.importance, v.catalogue_key])).toEqual([
      ['Health', 10, 'health'],
      ['Gratitude', 9, null],
      ['Adventure', 8, 'adventure'],
    ]);
    expect(body.values[0]).toMatchObject({ why: 'my father', link: 'easy runs', practices: ['hills on Sunday'], since: '2019-03-01' });
    expect('since' in body.values[1]).toBe(false);
  });
});

describe('server errors', () => {
  it('names the value and its field', () => {
    expect(fieldOfError('values[1].name')).toEqual({ index: 1, field: 'name' });
    expect(fieldOfError('values[0]')).toEqual({ index: 0, field: '' });
    expect(fieldOfError('zone')).toEqual({ index: null, field: 'zone' });
    expect(fieldOfError(undefined)).toBeNull();
  });
});

describe('checking before sending', () => {
  it('finds an unknown zone and a date in the future, beside their fields', async () => {
    const { checkStart, knownZone } = await import('./workshop');
    let s = veryAll();
    for (const k of ['adventure', 'health', 'family']) s = toggleCore(s, k);
    s = setDetails(s, 'health', { since: '2031-01-01' });
    s = setDetails(s, 'family', { since: '2001-01-01' });
    expect(checkStart(s, 'Mars/Olympus', '2026-12-01')).toEqual({
      zone: '“Mars/Olympus” is not a time zone name; try one such as Europe/Berlin.',
      'values-1-since': 'That date is in the future; today is 2026-12-01.',
    });
    expect(checkStart(s, 'Europe/London', '2031-01-01')).toEqual({});
    expect(checkStart(s, 'Europe/London', '2031-01-01', ['family'])).toEqual({
      'values-2-name': 'You already hold Family: change it on the Values page, or choose another.',
    });
    expect(knownZone('')).toBe(false);
    expect(knownZone('Asia/Tokyo')).toBe(true);
  });
});
