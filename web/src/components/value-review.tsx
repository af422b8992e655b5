import { useState } from 'preact/hooks';
import { type Schemas, api, ok } from '../api/client';
import { todayIso } from '../lib/format';
import { useLoad } from '../lib/use-load';
import { Field, FormFooter } from './forms';
import { errorsOf } from './value-card';

type Value = Schemas['Value'];
type Draft = { importance: number; retire: boolean; name: string; why: string; link: string; reason: string };

/** A review of the values: a prompt from the insights (or the runner's own reason), changes, notes. */
export function ReviewForm(props: { values: Value[]; prompt?: number; done: () => void; onSaved: () => void }) {
  const insights = useLoad(() => ok(api.GET('/api/insights')), []);
  const prompts = insights.state === 'ready' ? insights.data.prompts : [];
  const [picked, setChoice] = useState<number | 'own' | null>(props.prompt ?? null);
  // Until the runner picks, the first prompt is the trigger when there is one.
  const choice: number | 'own' =
    picked === 'own' ? 'own' : picked != null && picked < prompts.length ? picked : prompts.length > 0 ? 0 : 'own';
  const about = typeof choice === 'number' ? prompts[choice]?.value_id : null;
  const ordered = about == null ? props.values : [...props.values].sort((a, b) => Number(b.id === about) - Number(a.id === about));
  const [own, setOwn] = useState('');
  const [on, setOn] = useState(todayIso());
  const [notes, setNotes] = useState('');
  const [drafts, setDrafts] = useState<Record<number, Draft>>(() =>
    Object.fromEntries(
      props.values.map((v) => [v.id, { importance: v.importance, retire: false, name: v.name, why: v.why, link: v.link, reason: '' }]),
    ),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const set = (id: number, change: Partial<Draft>) => setDrafts({ ...drafts, [id]: { ...drafts[id], ...change } });

  const changes = () => {
    const out: NonNullable<Schemas['NewReview']['changes']> = [];
    for (const v of props.values) {
      const d = drafts[v.id];
      const c: NonNullable<Schemas['NewReview']['changes']>[number] = { value_id: v.id };
      if (d.retire) c.active = false;
      if (d.importance !== v.importance) c.importance = d.importance;
      if (d.name.trim() && d.name.trim() !== v.name) c.name = d.name.trim();
      if (d.why.trim() !== v.why) c.why = d.why.trim();
      if (d.link.trim() !== v.link) c.link = d.link.trim();
      if (Object.keys(c).length > 1) out.push({ ...c, reason: d.reason.trim() });
    }
    return out;
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const list = changes();
    const trigger = choice === 'own' ? own.trim() : (prompts[choice]?.text ?? '');
    const missing = list.find((c) => !c.reason);
    if (missing) {
      setErrors({ [`reason-${missing.value_id}`]: 'Say why: the reason is kept in the value’s history.' });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      await ok(api.POST('/api/reviews', { body: { on, trigger, notes: notes.trim(), changes: list } }));
      props.onSaved();
    } catch (error) {
      const named = errorsOf(error);
      const [field, message] = Object.entries(named)[0];
      const m = /^changes\[(\d+)\]\.?([a-z_]*)/.exec(field);
      if (m) {
        const valueId = list[Number(m[1])]?.value_id;
        const key = ['importance', 'name', 'why', 'link', 'reason'].includes(m[2]) ? m[2] : 'reason';
        setErrors({ [`${key}-${valueId}`]: message });
      } else setErrors(named);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" onSubmit={submit} aria-labelledby="review-heading">
      <h2 id="review-heading">Review your values</h2>
      <p>
        Values change as life changes. Look at what your runs say, then keep, re-rank, reword or retire what no longer
        fits.
      </p>
      <fieldset>
        <legend>What prompts this review?</legend>
        {insights.state === 'loading' && <p aria-busy="true">Reading your insights…</p>}
        {insights.state === 'failed' && <p class="muted">The insights could not be read: {insights.error.message}</p>}
        {insights.state === 'ready' && prompts.length === 0 && (
          <p class="muted">Your runs raise no question about your values yet.</p>
        )}
        {prompts.map((p, i) => (
          <div key={i} class="card val-prompt">
            <label class="wk-check">
              <input type="radio" name="trigger" checked={choice === i} onChange={() => setChoice(i)} />
              <span>{p.text}</span>
            </label>
            {p.evidence.length > 0 && (
              <details>
                <summary>The evidence ({p.evidence.length})</summary>
                <ul>
                  {p.evidence.map((ev, j) => (
                    <li key={j}>{ev.text}</li>
                  ))}
                </ul>
              </details>
            )}
          </div>
        ))}
        <label class="wk-check">
          <input type="radio" name="trigger" checked={choice === 'own'} onChange={() => setChoice('own')} />
          <span>In my own words</span>
        </label>
        {choice === 'own' && (
          <Field id="review-trigger" label="What made you look again" error={errors.trigger}>
            <input id="review-trigger" value={own} onInput={(e) => setOwn(e.currentTarget.value)} />
          </Field>
        )}
      </fieldset>
      <Field id="review-on" label="Date of the review" error={errors.on}>
        <input id="review-on" type="date" value={on} onInput={(e) => setOn(e.currentTarget.value)} />
      </Field>
      <h3>Your values</h3>
      {ordered.map((v) => {
        const d = drafts[v.id];
        const id = (f: string) => `review-${v.id}-${f}`;
        return (
          <fieldset key={v.id} class="val-review-value">
            <legend>
              {v.name}
              {v.id === about && <span class="muted"> (the prompt is about it)</span>}
            </legend>
            <Field id={id('importance')} label="Importance (1–10)" error={errors[`importance-${v.id}`]}>
              <select
                id={id('importance')}
                value={d.importance}
                disabled={d.retire}
                onChange={(e) => set(v.id, { importance: Number(e.currentTarget.value) })}
              >
                {[10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </Field>
            <label class="wk-check">
              <input type="checkbox" checked={d.retire} onChange={(e) => set(v.id, { retire: e.currentTarget.checked })} />
              <span>Retire {v.name}</span>
            </label>
            {!d.retire && (
              <details>
                <summary class="linklike">Reword {v.name}</summary>
                <Field id={id('name')} label="Name" error={errors[`name-${v.id}`]}>
                  <input id={id('name')} value={d.name} onInput={(e) => set(v.id, { name: e.currentTarget.value })} />
                </Field>
                <Field id={id('why')} label="Why it matters" error={errors[`why-${v.id}`]}>
                  <textarea id={id('why')} value={d.why} onInput={(e) => set(v.id, { why: e.currentTarget.value })} />
                </Field>
                <Field id={id('link')} label="How running serves it" error={errors[`link-${v.id}`]}>
                  <textarea id={id('link')} value={d.link} onInput={(e) => set(v.id, { link: e.currentTarget.value })} />
                </Field>
              </details>
            )}
            <Field id={id('reason')} label="Why the change (if you change it)" error={errors[`reason-${v.id}`]}>
              <input id={id('reason')} value={d.reason} onInput={(e) => set(v.id, { reason: e.currentTarget.value })} />
            </Field>
          </fieldset>
        );
      })}
      <Field id="review-notes" label="Notes" error={errors.notes}>
        <textarea id="review-notes" value={notes} onInput={(e) => setNotes(e.currentTarget.value)} />
      </Field>
      <FormFooter error={errors.form ?? errors.changes} busy={busy} submit="Save the review" cancel={props.done} />
    </form>
  );
}
