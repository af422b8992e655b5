import { describe, expect, it } from 'vitest';
import { askEarly, earlyRequests, takeEarly } from './early';

describe('earlyRequests', () => {
  it('names what the insights, run and home pages ask for first', () => {
    expect(earlyRequests('/insights', '')).toEqual(['/api/settings', '/api/insights']);
    expect(earlyRequests('/runs/1939', '')).toEqual(['/api/settings', '/api/runs/1939', '/api/runs/1939/track']);
    expect(earlyRequests('/', '')).toEqual(['/api/status', '/api/settings']);
  });

  it('asks nothing early for other pages, a query or an address that is no run', () => {
    expect(earlyRequests('/insights', '?as_of=2026-01-01')).toEqual([]);
    expect(earlyRequests('/runs/abc', '')).toEqual([]);
    expect(earlyRequests('/runs/0', '')).toEqual([]);
    expect(earlyRequests('/values', '')).toEqual([]);
  });
});

describe('takeEarly', () => {
  const answered = (path: string) => Promise.resolve(new Response(JSON.stringify({ path })));

  it('gives an early answer once, to a GET of its very address', async () => {
    const asked: string[] = [];
    askEarly(['/api/insights'], ((path: string) => {
      asked.push(path);
      return answered(path);
    }) as typeof fetch, 1_000);
    expect(asked).toEqual(['/api/insights']);
    expect(takeEarly('POST', 'http://127.0.0.1:8080/api/insights', 1_100)).toBeUndefined();
    expect(takeEarly('GET', 'http://127.0.0.1:8080/api/insights?as_of=2026-01-01', 1_100)).toBeUndefined();
    const early = takeEarly('GET', 'http://127.0.0.1:8080/api/insights', 1_100);
    expect(await (await early!).json()).toEqual({ path: '/api/insights' });
    expect(takeEarly('GET', 'http://127.0.0.1:8080/api/insights', 1_200)).toBeUndefined();
  });

  it('lets an early answer go stale after a few seconds', () => {
    askEarly(['/api/status'], answered as unknown as typeof fetch, 1_000);
    expect(takeEarly('GET', '/api/status', 7_000)).toBeUndefined();
  });
});
