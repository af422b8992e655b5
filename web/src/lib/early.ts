// The answers a page asks for first, asked for as the app starts: the address opened tells
// which page it is, so its data need not wait for the page's own code to arrive and run
// (on a phone the two then come together instead of one after the other). Each early answer
// serves the first request for its address within a few seconds, once; anything later is
// asked of the server afresh, so nothing stale is ever shown.

/** The API addresses the page at `pathname` (with `search`) asks for as it opens. */
export function earlyRequests(pathname: string, search: string): string[] {
  if (pathname === '/' && search === '') return ['/api/status', '/api/settings'];
  if (pathname === '/insights' && search === '') return ['/api/settings', '/api/insights'];
  const run = /^\/runs\/([1-9]\d{0,17})$/.exec(pathname);
  if (run) return ['/api/settings', `/api/runs/${run[1]}`, `/api/runs/${run[1]}/track`];
  return [];
}

const freshForMs = 5_000;
const early = new Map<string, { answer: Promise<Response>; asked: number }>();

/** Asks for `paths` now, to be taken by the pages' own requests (takeEarly). */
export function askEarly(paths: string[], fetcher: typeof fetch = fetch, now = Date.now()): void {
  for (const path of paths) {
    const answer = fetcher(path, { headers: { Accept: 'application/json' } });
    answer.catch(() => undefined); // a page that asks again sees the failure itself
    early.set(path, { answer, asked: now });
  }
}

/** The early answer for a GET of `url` (path and query), once and while fresh; else none. */
export function takeEarly(method: string, url: string, now = Date.now()): Promise<Response> | undefined {
  if (method !== 'GET') return undefined;
  const parsed = new URL(url, 'http://cairn.invalid');
  const key = parsed.pathname + parsed.search;
  const kept = early.get(key);
  if (!kept) return undefined;
  early.delete(key);
  return now - kept.asked < freshForMs ? kept.answer : undefined;
}
