import { beforeEach, describe, expect, it } from 'vitest';
import { allowTiles, tilesAllowed } from './tiles';

const store = new Map<string, string>();
beforeEach(() => {
  store.clear();
  globalThis.localStorage = {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
  } as Storage;
});

describe('tiles', () => {
  it('are off until turned on, and off again', () => {
    expect(tilesAllowed()).toBe(false);
    allowTiles(true);
    expect(store.get('cairn.tiles')).toBe('on');
    expect(tilesAllowed()).toBe(true);
    allowTiles(false);
    expect(tilesAllowed()).toBe(false);
  });
});
