import { useState } from 'preact/hooks';
import { ApiError, type Schemas, api, ok } from '../api/client';
import { todayIso } from '../lib/format';
import { parsePractices } from '../lib/value-history';
import { Field, FormFooter } from './forms';

type Value = Schemas['Value'];
type Mode = 'view' | 'edit' | 'retire' | 'restore';

/** A field-named server error as {field: message}; an unnamed one under "form". */
export function errorsOf(error: unknown): Record<string, string> {
  if (error instanceof ApiError) return { [error.field ?? 'form']: error.message };
  return { form: String(error) };
}

/** One value with what the runner wrote, and its edit, retire and restore forms. */
export function ValueCard(props: { value: Value; onChanged: () => void }) {
  const { value } = props;
  const [mode, setMode] = useState<Mode>('view');
  const headingId = `value-${value.id}`;
  return (
    <article class="card" aria-labelledby={headingId}>
      <div class="val-head">
        <h3 id={headingId}>{value.name}</h3>
        <span class="val-importance" aria-label={`importance ${value.importance} of 10`}>
          {value.importance}/10
        </span>
      </div>
      {value.description && <p class="muted">{value.description}</p>}
      {mode === 'view' && (
        <>
          {value.why && (
            <p>
              <strong>Why: </strong>
              {value.why}
            </p>
          )}
          {value.link && (
            <p>
              <strong>Running serves it: </strong>
              {value.link}
            </p>
          )}
          {value.practices.length > 0 && (
            <>
              <p class="muted" id={`${headingId}-practices`}>
                Practices
              </p>
              <ul class="val-tags" aria-labelledby={`${headingId}-practices`}>
                {value.practices.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </>
          )}
          <div class="row">
            {value.active ? (
              <>
                <button type="button" class="secondary" onClick={() => setMode('edit')}>
                  Edit <span class="visually-hidden">{value.name}</span>
                </button>
                <button type="button" class="secondary" onClick={() => setMode('retire')}>
                  Retire <span class="visually-hidden">{value.name}</span>
                </button>
              </>
            ) : (
              <button type="button" class="secondary" onClick={() => setMode('restore')}>
                Restore <span class="visually-hidden">{value.name}</span>
              </button>
            )}
          </div>
        </>
      )}
      {mode === 'edit' && <EditForm value={value} done={() => setMode('view')} onChanged={props.onChanged} />}
      {(mode === 'retire' || mode === 'restore') && (
        <RetireForm value={value} restore={mode === 'restore'} done={() => setMode('view')} onChanged={props.onChanged} />
      )}
    </article>
  );
}

function EditForm(props: { value: Value; done: () => void; onChanged: () => void }) {
  const v = props.value;
  const id = (f: string) => `edit-${v.id}-${f}`;
  const [name, setName] = useState(v.name);
  const [description, setDescription] = useState(v.description);
  const [why, setWhy] = useState(v.why);
  const [link, setLink] = useState(v.link);
  const [practices, setPractices] = useState(v.practices.join('\n'));
  const [importance, setImportance] = useState(v.importance);
  const [effective, setEffective] = useState(todayIso());
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const change: Schemas['ValueChange'] = { effective_on: effective, reason: reason.trim() };
    if (name.trim() !== v.name) change.name = name.trim();
    if (description.trim() !== v.description) change.description = description.trim();
    if (why.trim() !== v.why) change.why = why.trim();
    if (link.trim() !== v.link) change.link = link.trim();
    const list = parsePractices(practices);
    if (list.join('\n') !== v.practices.join('\n')) change.practices = list;
    if (importance !== v.importance) change.importance = importance;
    if (Object.keys(change).length === 2) {
      setErrors({ form: 'Nothing has changed yet.' });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      await ok(api.PATCH('/api/values/{value}', { params: { path: { value: String(v.id) } }, body: change }));
      props.done();
      props.onChanged();
    } catch (error) {
      setErrors(errorsOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit}>
      <Field id={id('name')} label="Name" error={errors.name}>
        <input id={id('name')} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </Field>
      <Field id={id('description')} label="What it means to you" error={errors.description}>
        <input id={id('description')} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
      </Field>
      <Field id={id('why')} label="Why it matters" error={errors.why}>
        <textarea id={id('why')} value={why} onInput={(e) => setWhy(e.currentTarget.value)} />
      </Field>
      <Field id={id('link')} label="How running serves it" error={errors.link}>
        <textarea id={id('link')} value={link} onInput={(e) => setLink(e.currentTarget.value)} />
      </Field>
      <Field id={id('practices')} label="Practices, one a line" error={errors.practices}>
        <textarea id={id('practices')} value={practices} onInput={(e) => setPractices(e.currentTarget.value)} />
      </Field>
      <Field id={id('importance')} label="Importance (1–10)" error={errors.importance}>
        <select id={id('importance')} value={importance} onChange={(e) => setImportance(Number(e.currentTarget.value))}>
          {[10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id('effective')} label="From when this holds" error={errors.effective_on}>
        <input id={id('effective')} type="date" value={effective} onInput={(e) => setEffective(e.currentTarget.value)} />
      </Field>
      <Field id={id('reason')} label="Why the change (kept in the history)" error={errors.reason}>
        <textarea id={id('reason')} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <FormFooter error={errors.form} busy={busy} submit="Save the change" cancel={props.done} />
    </form>
  );
}

function RetireForm(props: { value: Value; restore: boolean; done: () => void; onChanged: () => void }) {
  const v = props.value;
  const id = (f: string) => `${props.restore ? 'restore' : 'retire'}-${v.id}-${f}`;
  const [effective, setEffective] = useState(todayIso());
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!props.restore && !reason.trim()) {
      setErrors({ reason: 'Say why you are retiring this value: it is kept in its history.' });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const params = { path: { value: String(v.id) } };
      const body = { effective_on: effective, reason: reason.trim() };
      if (props.restore) await ok(api.POST('/api/values/{value}/restore', { params, body }));
      else await ok(api.POST('/api/values/{value}/retire', { params, body }));
      props.done();
      props.onChanged();
    } catch (error) {
      setErrors(errorsOf(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit}>
      <Field id={id('effective')} label={props.restore ? 'Restored from' : 'Retired from'} error={errors.effective_on}>
        <input id={id('effective')} type="date" value={effective} onInput={(e) => setEffective(e.currentTarget.value)} />
      </Field>
      <Field
        id={id('reason')}
        label={props.restore ? 'Why it matters again (optional)' : 'Why you are retiring it (required)'}
        error={errors.reason}
      >
        <textarea
          id={id('reason')}
          value={reason}
          required={!props.restore}
          aria-invalid={errors.reason ? true : undefined}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
      </Field>
      <FormFooter error={errors.form} busy={busy} submit="{props.restore ? `Restore ${v.name}` : `Retire ${v.name}`}" cancel={props.done} />
    </form>
  );
}
