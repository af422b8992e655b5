// Journal entries kept on the phone: a draft is written on every change, so closing the page
// loses nothing; an entry sent while offline stays as a pending draft and is sent again when
// the phone is back online. Storage is handed in (localStorage in the app, a map in tests).

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length: number;
  key(index: number): string | null;
}

export interface Draft<Body> {
  key: string;
  body: Body;
  /** ISO time of the last change. */
  updatedAt: string;
  /** The runner pressed save; it goes to the server as soon as it can. */
  pending: boolean;
  /** Why the server refused it the last time it was sent, with the field it named. */
  refusal?: { error: string; field?: string };
}

/** What became of one attempt to send a draft. */
export type SendResult =
  | { outcome: 'saved' }
  | { outcome: 'refused'; error: string; field?: string }
  | { outcome: 'offline' };

const prefix = 'cairn.draft.';

export class Drafts<Body> {
  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  load(key: string): Draft<Body> | null {
    const text = this.store.getItem(prefix + key);
    if (text == null) return null;
    try {
      return JSON.parse(text) as Draft<Body>;
    } catch {
      // A draft that is not JSON (written by something else) is not ours to keep.
      this.store.removeItem(prefix + key);
      return null;
    }
  }

  /** Keeps the body as the draft of `key`; an edit after a refusal clears the refusal. */
  keep(key: string, body: Body): Draft<Body> {
    const before = this.load(key);
    const draft: Draft<Body> = {
      key,
      body,
      updatedAt: this.now().toISOString(),
      pending: before?.pending ?? false,
    };
    this.write(draft);
    return draft;
  }

  discard(key: string): void {
    this.store.removeItem(prefix + key);
  }

  /** Every draft kept, newest first. */
  all(): Draft<Body>[] {
    const drafts: Draft<Body>[] = [];
    for (let i = 0; i < this.store.length; i += 1) {
      const name = this.store.key(i);
      if (name?.startsWith(prefix)) {
        const draft = this.load(name.slice(prefix.length));
        if (draft) drafts.push(draft);
      }
    }
    return drafts.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  /**
   * Sends the draft: saved, it is gone; refused, it stays (not pending) with the reason;
   * offline, it stays pending to be sent by `sendPending` later.
   */
  async send(key: string, send: (body: Body) => Promise<SendResult>): Promise<SendResult> {
    const draft = this.load(key);
    if (!draft) return { outcome: 'saved' };
    const result = await send(draft.body);
    if (result.outcome === 'saved') {
      this.discard(key);
    } else if (result.outcome === 'refused') {
      this.write({ ...draft, pending: false, refusal: { error: result.error, field: result.field } });
    } else {
      this.write({ ...draft, pending: true, refusal: undefined });
    }
    return result;
  }

  /** Sends every pending draft, oldest first; stops at the first that finds the server offline. */
  async sendPending(send: (body: Body) => Promise<SendResult>): Promise<number> {
    let saved = 0;
    for (const draft of this.all().reverse()) {
      if (!draft.pending) continue;
      const result = await this.send(draft.key, send);
      if (result.outcome === 'offline') break;
      if (result.outcome === 'saved') saved += 1;
    }
    return saved;
  }

  private write(draft: Draft<Body>): void {
    this.store.setItem(prefix + draft.key, JSON.stringify(draft));
  }
}

/** A store in memory, for tests and for browsers where localStorage is refused. */
export class MemoryStore implements KeyValueStore {
  private readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
}
