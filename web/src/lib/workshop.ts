// The values workshop's state, kept pure so it can be tested without a browser: the catalogue's
// cards (and the runner's own) sorted into three piles, the core few chosen and ordered from the
// very important pile, and what the runner writes about each, turned at the end into the body of
// one POST /api/start.

export type Pile = 'very' | 'important' | 'less';

export const piles: { pile: Pile; label: string }[] = [
  { pile: 'very', label: 'Very important' },
  { pile: 'important', label: 'Important' },
  { pile: 'less', label: 'Less important' },
];

/** A card to sort: from the catalogue (key is its catalogue key) or written by the runner ("own-N"). */
export type Card = {
  key: string;
  name: string;
  description: string;
  link: string;
  practice: string;
  own: boolean;
};

export type Details = {
  why: string;
  link: string;
  practices: string[];
  since: string;
};

export type WorkshopState = {
  cards: Card[];
  sorted: Record<string, Pile>;
  core: string[];
  details: Record<string, Details>;
};

export const minCore = 3;
export const maxCore = 5;

export function initialState(catalogue: { key: string; name: string; description: string; link: string; practice: string }[]): WorkshopState {
  return {
    cards: catalogue.map((c) => ({ ...c, own: false })),
    sorted: {},
    core: [],
    details: {},
  };
}

/** Puts a card on a pile; a card leaving the very important pile leaves the core too. */
export function sortCard(state: WorkshopState, key: string, pile: Pile): WorkshopState {
  if (!state.cards.some((c) => c.key === key)) return state;
  const core = pile === 'very' ? state.core : state.core.filter((k) => k !== key);
  return { ...state, sorted: { ...state.sorted, [key]: pile }, core };
}

/** Takes a card off its pile (back to the cards still to sort). */
export function unsortCard(state: WorkshopState, key: string): WorkshopState {
  const sorted = { ...state.sorted };
  delete sorted[key];
  return { ...state, sorted, core: state.core.filter((k) => k !== key) };
}

/** The runner's own value, added as a card already on a pile. Empty names are refused (unchanged state). */
export function addOwnCard(state: WorkshopState, name: string, description: string, pile: Pile = 'very'): WorkshopState {
  const trimmed = name.trim();
  if (!trimmed) return state;
  if (state.cards.some((c) => c.name.toLowerCase() === trimmed.toLowerCase())) return state;
  let n = 1;
  while (state.cards.some((c) => c.key === `own-${n}`)) n += 1;
  const card: Card = { key: `own-${n}`, name: trimmed, description: description.trim(), link: '', practice: '', own: true };
  return { ...state, cards: [...state.cards, card], sorted: { ...state.sorted, [card.key]: pile } };
}

/** Removes one of the runner's own cards (catalogue cards stay). */
export function removeOwnCard(state: WorkshopState, key: string): WorkshopState {
  const card = state.cards.find((c) => c.key === key);
  if (!card || !card.own) return state;
  const next = unsortCard(state, key);
  const details = { ...next.details };
  delete details[key];
  return { ...next, cards: next.cards.filter((c) => c.key !== key), details };
}

export function cardsIn(state: WorkshopState, pile: Pile): Card[] {
  return state.cards.filter((c) => state.sorted[c.key] === pile);
}

export function unsorted(state: WorkshopState): Card[] {
  return state.cards.filter((c) => state.sorted[c.key] === undefined);
}

export function isCore(state: WorkshopState, key: string): boolean {
  return state.core.includes(key);
}

/** Whether another card can join the core (at most five). */
export function coreFull(state: WorkshopState): boolean {
  return state.core.length >= maxCore;
}

/** Adds a very important card to the core (at the end) or takes it out; other cards are refused. */
export function toggleCore(state: WorkshopState, key: string): WorkshopState {
  if (state.core.includes(key)) return { ...state, core: state.core.filter((k) => k !== key) };
  if (state.sorted[key] !== 'very' || coreFull(state)) return state;
  return { ...state, core: [...state.core, key] };
}

/** Moves a core value one place up (-1) or down (+1); at either end nothing moves. */
export function moveCore(state: WorkshopState, key: string, by: -1 | 1): WorkshopState {
  const at = state.core.indexOf(key);
  const to = at + by;
  if (at < 0 || to < 0 || to >= state.core.length) return state;
  const core = [...state.core];
  [core[at], core[to]] = [core[to], core[at]];
  return { ...state, core };
}

export function coreReady(state: WorkshopState): boolean {
  return state.core.length >= minCore && state.core.length <= maxCore;
}

/** Importance from the core's order: the first 10, each next one a point lower. */
export function importanceAt(index: number): number {
  return Math.max(1, 10 - index);
}

/** What the runner wrote about a value; an empty start (no practices, no date) before that. */
export function detailsOf(state: WorkshopState, key: string): Details {
  return state.details[key] ?? { why: '', link: '', practices: [], since: '' };
}

export function setDetails(state: WorkshopState, key: string, change: Partial<Details>): WorkshopState {
  return { ...state, details: { ...state.details, [key]: { ...detailsOf(state, key), ...change } } };
}

/** Adds a practice (trimmed, once) or, when already there, takes it away. */
export function togglePractice(state: WorkshopState, key: string, practice: string): WorkshopState {
  const text = practice.trim();
  if (!text) return state;
  const current = detailsOf(state, key).practices;
  const practices = current.includes(text) ? current.filter((p) => p !== text) : [...current, text];
  return setDetails(state, key, { practices });
}

export type StartBody = {
  units: 'km' | 'mi';
  zone: string;
  values: {
    name: string;
    description: string;
    importance: number;
    why: string;
    link: string;
    practices: string[];
    catalogue_key: string | null;
    since?: string;
    reason: string;
  }[];
};

/** The body of POST /api/start: the core values in order, most important first. */
export function startBody(state: WorkshopState, units: 'km' | 'mi', zone: string): StartBody {
  const values = state.core.map((key, index) => {
    const card = state.cards.find((c) => c.key === key)!;
    const d = detailsOf(state, key);
    const value: StartBody['values'][number] = {
      name: card.name,
      description: card.description,
      importance: importanceAt(index),
      why: d.why.trim(),
      link: d.link.trim(),
      practices: d.practices,
      catalogue_key: card.own ? null : card.key,
      reason: 'chosen in the values workshop',
    };
    if (d.since) value.since = d.since;
    return value;
  });
  return { units, zone, values };
}

/** The form field a server's error names: "values[1].why" -> {index: 1, field: "why"}. */
export function fieldOfError(field: string | undefined): { index: number | null; field: string } | null {
  if (!field) return null;
  const match = /^values\[(\d+)\](?:\.([a-z_]+))?/.exec(field);
  if (match) return { index: Number(match[1]), field: match[2] ?? '' };
  return { index: null, field };
}

/** The browser's time zone, or UTC when it cannot say. */
export function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Whether the browser knows a zone by this IANA name. */
export function knownZone(zone: string): boolean {
  if (!zone.trim()) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone.trim() });
    return true;
  } catch {
    return false;
  }
}

/**
 * What the server would refuse, found before sending so it can be shown beside its field
 * ("zone", "values-1-since"): the server does not always name the field it refuses.
 */
export function checkStart(state: WorkshopState, zone: string, today: string, held: string[] = []): Record<string, string> {
  const errors: Record<string, string> = {};
  const heldNames = new Set(held.map((n) => n.toLowerCase()));
  state.core.forEach((key, i) => {
    const card = state.cards.find((c) => c.key === key);
    if (card && heldNames.has(card.name.toLowerCase()))
      errors[`values-${i}-name`] = `You already hold ${card.name}: change it on the Values page, or choose another.`;
  });
  if (!knownZone(zone)) errors.zone = `“${zone}” is not a time zone name; try one such as Europe/Berlin.`;
  state.core.forEach((key, i) => {
    const since = detailsOf(state, key).since;
    if (since && since > today) errors[`values-${i}-since`] = `That date is in the future; today is ${today}.`;
  });
  return errors;
}
