import { describe, expect, it } from 'vitest';
import { Drafts, MemoryStore, type SendResult } from './draft';

type Body = { enjoyment?: number; text?: string };

function drafts(store = new MemoryStore()) {
  let tick = 0;
  return new Drafts<Body>(store, () => new Date(Date.UTC(2026, 4, 1, 8, 0, tick++)));
}

describe('Drafts', () => {
  it('keeps what was typed so a page opened again finds it', () => {
    const store = new MemoryStore();
    drafts(store).keep('run:12', { enjoyment: 8, text: 'river' });
    expect(drafts(store).load('run:12')?.body).toEqual({ enjoyment: 8, text: 'river' });
  });

  it('forgets a draft once the server saved it', async () => {
    const kept = drafts();
    kept.keep('run:12', { enjoyment: 8 });
    const result = await kept.send('run:12', async () => ({ outcome: 'saved' }));
    expect(result.outcome).toBe('saved');
    expect(kept.load('run:12')).toBeNull();
  });

  it('keeps a draft sent while offline as pending and sends it when back', async () => {
    const kept = drafts();
    kept.keep('run:12', { enjoyment: 8 });
    await kept.send('run:12', async () => ({ outcome: 'offline' }));
    expect(kept.load('run:12')?.pending).toBe(true);
    const sent: Body[] = [];
    const saved = await kept.sendPending(async (body) => {
      sent.push(body);
      return { outcome: 'saved' };
    });
    expect(saved).toBe(1);
    expect(sent).toEqual([{ enjoyment: 8 }]);
    expect(kept.all()).toEqual([]);
  });

  it('keeps a refused draft with the reason and does not send it again by itself', async () => {
    const kept = drafts();
    kept.keep('run:12', { enjoyment: 11 });
    const refusal: SendResult = { outcome: 'refused', error: 'enjoyment is 1 to 10', field: 'enjoyment' };
    await kept.send('run:12', async () => refusal);
    const draft = kept.load('run:12');
    expect(draft?.pending).toBe(false);
    expect(draft?.refusal).toEqual({ error: 'enjoyment is 1 to 10', field: 'enjoyment' });
    let calls = 0;
    await kept.sendPending(async () => {
      calls += 1;
      return { outcome: 'saved' };
    });
    expect(calls).toBe(0);
  });

  it('stops sending pending drafts at the first that finds the server offline', async () => {
    const kept = drafts();
    for (const key of ['a', 'b', 'c']) {
      kept.keep(key, { text: key });
      await kept.send(key, async () => ({ outcome: 'offline' }));
    }
    let calls = 0;
    const saved = await kept.sendPending(async () => {
      calls += 1;
      return calls === 1 ? { outcome: 'saved' } : { outcome: 'offline' };
    });
    expect(saved).toBe(1);
    expect(calls).toBe(2);
    expect(kept.all().map((d) => d.key).sort()).toEqual(['b', 'c']);
  });

  it('drops a stored draft that is not JSON instead of failing', () => {
    const store = new MemoryStore();
    store.setItem('cairn.draft.run:1', '{broken');
    expect(drafts(store).load('run:1')).toBeNull();
    expect(store.length).toBe(0);
  });
});
