// Sending kept journal entries: used by the entry page when the runner saves, and at start-up
// and whenever the phone comes back online for entries saved while it was offline.

import { Drafts, MemoryStore, type KeyValueStore, type SendResult } from './draft';
import { entryBody, type EntryDraftBody } from './entry-form';

function storage(): KeyValueStore {
  try {
    localStorage.setItem('cairn.probe', '1');
    localStorage.removeItem('cairn.probe');
    return localStorage;
  } catch {
    return new MemoryStore();
  }
}

export const entryDrafts = new Drafts<EntryDraftBody>(storage());

/** Sends one entry; a network failure is "offline", a 4xx is the server's refusal. */
export async function sendEntry(draft: EntryDraftBody): Promise<SendResult> {
  let response: Response;
  try {
    response = await fetch(draft.path, {
      method: draft.method,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(entryBody(draft.form, draft.method === 'POST' ? draft.runId : null)),
    });
  } catch {
    return { outcome: 'offline' };
  }
  if (response.ok) return { outcome: 'saved' };
  if (response.status >= 500) return { outcome: 'offline' };
  const problem = (await response.json().catch(() => ({}))) as { error?: string; field?: string };
  return { outcome: 'refused', error: problem.error ?? `refused (${response.status})`, field: problem.field };
}

/** Sends the entries saved while offline now, and again each time the phone is back online. */
export function startEntrySync(onSent: (count: number) => void = () => {}): void {
  const flush = () => {
    entryDrafts.sendPending(sendEntry).then((count) => count > 0 && onSent(count));
  };
  window.addEventListener('online', flush);
  flush();
}
