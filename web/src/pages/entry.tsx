// After a run: the journal entry, made for a phone and for finishing in under a minute. The
// run's numbers on top, the questions as thumb-sized chips, every change kept as a draft on
// the phone (closing the page or losing the signal loses nothing).

import { useEffect, useMemo, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api, ApiError, ok, type Schemas } from '../api/client';
import { Scale, Status } from '../components/forms';
import {
  draftKey,
  emptyForm,
  entryBody,
  formFieldOf,
  formFromEntry,
  hasAnswers,
  type EntryDraftBody,
  type EntryForm,
} from '../lib/entry-form';
import { entryDrafts, sendEntry } from '../lib/entry-sync';
import { formatDistance, formatDuration, formatLocal, formatPace, todayIso, type Units } from '../lib/format';
import { unitsOf } from '../lib/run-edit';
import { useLoad } from '../lib/use-load';

interface EntryContext {
  /** Read from the phone because the server cannot be reached. */
  offline?: boolean;
  units: Units;
  run: Schemas['RunDetail'] | null;
  values: Schemas['Value'][];
  prompts: string[];
}

// What the page needs from the server, kept on the phone each time it is loaded, so that an
// entry begun online can be opened again offline (the app's files come from the service
// worker; this is the rest).
const contextKey = (runId: number | null) => `cairn.entry-context.${runId ?? 'day'}`;

async function loadContextKept(runId: number | null): Promise<EntryContext> {
  try {
    const context = await loadContext(runId);
    try {
      localStorage.setItem(contextKey(runId), JSON.stringify(context));
    } catch {
      /* no room or private mode: the page still works online */
    }
    return context;
  } catch (error) {
    if (!(error instanceof ApiError) || !error.offline) throw error;
    let kept: string | null = null;
    try {
      kept = localStorage.getItem(contextKey(runId));
    } catch {
      kept = null;
    }
    if (kept == null) throw error;
    return { ...(JSON.parse(kept) as EntryContext), offline: true };
  }
}

async function loadContext(runId: number | null): Promise<EntryContext> {
  const settings = await ok(api.GET('/api/settings'));
  const units: Units = unitsOf(settings.units);
  if (runId == null) {
    const [values, prompts] = await Promise.all([
      ok(api.GET('/api/values', { params: { query: { at: todayIso() } } })),
      ok(api.GET('/api/prompts')),
    ]);
    return { units, run: null, values: values.values, prompts: prompts.prompts };
  }
  const run = await ok(api.GET('/api/runs/{id}', { params: { path: { id: runId } } }));
  const day = (run.run.start.local ?? '').slice(0, 10) || todayIso();
  const [values, prompts] = await Promise.all([
    ok(api.GET('/api/values', { params: { query: { at: day } } })),
    ok(api.GET('/api/runs/{id}/prompts', { params: { path: { id: runId } } })),
  ]);
  return { units, run, values: values.values, prompts: prompts.prompts };
}

const companies = ['alone', 'friend', 'group', 'family'] as const;
const routes = ['familiar', 'mixed', 'new'] as const;
const settings = ['city', 'park', 'trail', 'countryside', 'track', 'treadmill', 'beach', 'mountains'] as const;
const audios = ['silence', 'music', 'podcast', 'audiobook', 'conversation'] as const;
const pushes = [
  ['race_preparation', 'preparing for a race'],
  ['training_plan', 'my training plan'],
  ['kudos', 'kudos and numbers'],
  ['guilt', 'guilt'],
  ['habit', 'habit'],
  ['someone_else', 'someone else wanted to'],
  ['body_image', 'how I look'],
  ['other', 'something else'],
] as const;

export default function EntryPage() {
  const { params } = useRoute();
  const parsed = params.run ? Number(params.run) : null;
  const runId = parsed != null && Number.isInteger(parsed) && parsed > 0 ? parsed : null;
  const loaded = useLoad(() => loadContextKept(runId), [runId ?? 'day']);
  if (params.run && runId == null) {
    return (
      <>
        <h1>Journal entry</h1>
        <p class="error" role="alert">
          There is no run “{params.run}”. <a href="/runs">Pick a run</a>.
        </p>
      </>
    );
  }
  return <Status loaded={loaded}>{(context) => <EntryEditor context={context} runId={runId} />}</Status>;
}

function EntryEditor({ context, runId }: { context: EntryContext; runId: number | null }) {
  const { route } = useLocation();
  const existing = context.run?.entry ?? null;
  const key = draftKey(runId);
  const kept = useMemo(() => entryDrafts.load(key), [key]);
  const [form, setForm] = useState<EntryForm>(
    kept?.body.form ?? (existing ? formFromEntry(existing) : { ...emptyForm, alignments: {} }),
  );
  const [message, setMessage] = useState<{ kind: 'notice' | 'error'; text: string; field?: string | null } | null>(
    kept?.refusal
      ? { kind: 'error', text: kept.refusal.error, field: formFieldOf(kept.refusal.field, entryBody(kept.body.form, runId)) }
      : kept
        ? { kind: 'notice', text: `Restored what you wrote ${kept.pending ? 'while offline' : 'earlier'} (kept on this phone).` }
        : null,
  );
  const [saving, setSaving] = useState(false);

  const target: Pick<EntryDraftBody, 'method' | 'path'> = existing
    ? { method: 'PATCH', path: `/api/entries/${existing.id}` }
    : { method: 'POST', path: '/api/entries' };

  const change = (patch: Partial<EntryForm>) => {
    setForm((before) => {
      const next = { ...before, ...patch };
      entryDrafts.keep(key, { ...target, form: next, runId });
      return next;
    });
  };
  useEffect(() => {
    if (message?.kind === 'notice' && message.text.startsWith('Saved')) window.scrollTo(0, 0);
  }, [message]);

  const save = async (event: Event) => {
    event.preventDefault();
    if (!hasAnswers(form)) {
      setMessage({ kind: 'error', text: 'Answer at least one question (a feeling, enjoyment, a value, or a few words).' });
      return;
    }
    entryDrafts.keep(key, { ...target, form, runId });
    setSaving(true);
    const result = await entryDrafts.send(key, sendEntry);
    setSaving(false);
    if (result.outcome === 'saved') {
      setMessage({ kind: 'notice', text: 'Saved.' });
      route(runId != null ? `/runs/${runId}` : '/');
    } else if (result.outcome === 'offline') {
      setMessage({
        kind: 'notice',
        text: 'You are offline: the entry is kept on this phone and will be sent when you are back online.',
      });
    } else {
      setMessage({ kind: 'error', text: result.error, field: formFieldOf(result.field, entryBody(form, runId)) });
    }
  };
  const fieldError = (name: string) => (message?.kind === 'error' && message.field === name ? message.text : undefined);

  const run = context.run?.run;
  return (
    <form onSubmit={save} noValidate>
      <h1>{existing ? 'Your entry' : 'How was it?'}</h1>
      {run ? (
        <section class="card" aria-label="The run">
          <p class="muted">{formatLocal(run.start.local ?? '')}{run.title ? ` · ${run.title}` : ''}</p>
          <dl class="numbers">
            <div>
              <dt>Distance</dt>
              <dd>{formatDistance(run.distance_m, context.units) || '–'}</dd>
            </div>
            <div>
              <dt>Time</dt>
              <dd>{formatDuration(run.moving_s ?? run.elapsed_s) || '–'}</dd>
            </div>
            <div>
              <dt>Pace</dt>
              <dd>{formatPace(run.distance_m, run.moving_s ?? run.elapsed_s, context.units) || '–'}</dd>
            </div>
          </dl>
        </section>
      ) : (
        <p class="muted">
          An entry about today. To write about a run, open it from <a href="/runs">your runs</a>.
        </p>
      )}
      {context.offline && (
        <p class="notice" role="status">
          You are offline: this is the run as your phone last saw it. What you write is kept here and sent when
          you are back online.
        </p>
      )}
      {message && !message.field && (
        <p class={message.kind === 'error' ? 'error' : 'notice'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}

      <h2>Before</h2>
      <Scale name="moodBefore" legend="Mood before" hint="1 low – 5 high" from={1} to={5} value={form.moodBefore}
        onChange={(v) => change({ moodBefore: v })} error={fieldError('moodBefore')} />
      <Scale name="energyBefore" legend="Energy before" hint="1–5" from={1} to={5} value={form.energyBefore}
        onChange={(v) => change({ energyBefore: v })} error={fieldError('energyBefore')} />

      <h2>After</h2>
      <Scale name="moodAfter" legend="Mood after" hint="1 low – 5 high" from={1} to={5} value={form.moodAfter}
        onChange={(v) => change({ moodAfter: v })} error={fieldError('moodAfter')} />
      <Scale name="energyAfter" legend="Energy after" hint="1–5" from={1} to={5} value={form.energyAfter}
        onChange={(v) => change({ energyAfter: v })} error={fieldError('energyAfter')} />
      <Scale name="enjoyment" legend="Enjoyment" hint="1–10" from={1} to={10} value={form.enjoyment}
        onChange={(v) => change({ enjoyment: v })} error={fieldError('enjoyment')} />
      <Scale name="effort" legend="Effort" hint="1 easy – 10 all out" from={1} to={10} value={form.effort}
        onChange={(v) => change({ effort: v })} error={fieldError('effort')} />

      {context.values.length > 0 && (
        <>
          <h2>Your values</h2>
          <p class="muted">How well did this run serve each? Leave out any it was not about.</p>
          {context.values.map((value) => (
            <Scale key={value.id} name={`alignment-${value.id}`} legend={value.name} hint="1–10" from={1} to={10}
              value={form.alignments[String(value.id)] ?? null}
              onChange={(v) => change({ alignments: { ...form.alignments, [String(value.id)]: v } })}
              error={fieldError(`alignment:${value.id}`)} />
          ))}
        </>
      )}

      <h2>Why you ran</h2>
      <label for="motive-value">For which value, most of all?</label>
      <select id="motive-value" value={form.motiveValue ?? ''}
        onChange={(e) => change({ motiveValue: e.currentTarget.value ? Number(e.currentTarget.value) : null })}>
        <option value="">—</option>
        {context.values.map((value) => (
          <option key={value.id} value={value.id}>{value.name}</option>
        ))}
      </select>
      <label for="push">Or a push from outside?</label>
      <select id="push" value={form.push ?? ''}
        onChange={(e) => change({ push: (e.currentTarget.value || null) as EntryForm['push'] })}>
        <option value="">—</option>
        {pushes.map(([name, words]) => (
          <option key={name} value={name}>{words}</option>
        ))}
      </select>

      <h2>Context</h2>
      <Choice legend="With" options={companies} value={form.company} onChange={(v) => change({ company: v })} />
      <Choice legend="Route" options={routes} value={form.route} onChange={(v) => change({ route: v })} />
      <Choice legend="Where" options={settings} value={form.setting} onChange={(v) => change({ setting: v })} />
      <Choice legend="Listening to" options={audios} value={form.audio} onChange={(v) => change({ audio: v })} />
      <label for="weather">Weather</label>
      <input id="weather" value={form.weather} onInput={(e) => change({ weather: e.currentTarget.value })}
        placeholder="cold and clear" autocomplete="off" />

      <h2>In your words</h2>
      {context.prompts.length > 0 && (
        <ul class="muted" aria-label="Prompts from your values">
          {context.prompts.slice(0, 3).map((prompt) => <li key={prompt}>{prompt}</li>)}
        </ul>
      )}
      <label for="text" class="visually-hidden">Notes</label>
      <textarea id="text" value={form.text} onInput={(e) => change({ text: e.currentTarget.value })}
        aria-describedby={fieldError('text') ? 'text-error' : undefined} />
      {fieldError('text') && <p class="field-error" id="text-error" role="alert">{fieldError('text')}</p>}

      {message?.field && (
        <p class="error" role="alert">{message.text}</p>
      )}
      <div class="row sticky-save">
        <button type="submit" disabled={saving}>{saving ? 'Saving…' : existing ? 'Save changes' : 'Save entry'}</button>
        {kept && (
          <button type="button" class="secondary" onClick={() => {
            entryDrafts.discard(key);
            setForm(existing ? formFromEntry(existing) : { ...emptyForm, alignments: {} });
            setMessage(null);
          }}>Discard draft</button>
        )}
      </div>
    </form>
  );
}

function Choice<T extends string>(props: { legend: string; options: readonly T[]; value: T | null; onChange: (v: T | null) => void }) {
  const name = props.legend.toLowerCase().replace(/\s+/g, '-');
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      <div class="scale">
        {props.options.map((option) => (
          <label key={option}>
            <input type="radio" name={name} value={option} checked={props.value === option}
              onClick={() => props.onChange(props.value === option ? null : option)} />
            <span>{option}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
