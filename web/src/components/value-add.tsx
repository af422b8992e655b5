import { useState } from 'preact/hooks';
import { type Schemas, api, ok } from '../api/client';
import { todayIso } from '../lib/format';
import { useLoad } from '../lib/use-load';
import { parsePractices } from '../lib/value-history';
import { Field, FormFooter } from './forms';
import { errorsOf } from './value-card';

/** Adds one value to those held (from the catalogue or in the runner's words), from a date and with a reason. */
export function ValueAdd(props: { held: Schemas['Value'][]; done: () => void; onAdded: () => void }) {
  const catalogue = useLoad(() => ok(api.GET('/api/catalogue')), []);
  const heldKeys = new Set(props.held.map((v) => v.catalogue_key).filter(Boolean));
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [why, setWhy] = useState('');
  const [link, setLink] = useState('');
  const [practices, setPractices] = useState('');
  const [importance, setImportance] = useState(7);
  const [effective, setEffective] = useState(todayIso());
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const pick = (k: string) => {
    setKey(k);
    const c = catalogue.state === 'ready' ? catalogue.data.values.find((v) => v.key === k) : undefined;
    setName(c?.name ?? '');
    setDescription(c?.description ?? '');
    setPractices(c?.practice ?? '');
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!name.trim()) {
      setErrors({ name: 'Give the value a name.' });
      document.getElementById('add-name')?.focus();
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      await ok(
        api.POST('/api/values', {
          body: {
            name: name.trim(),
            description: description.trim(),
            why: why.trim(),
            link: link.trim(),
            practices: parsePractices(practices),
            importance,
            catalogue_key: key || null,
            effective_on: effective,
            reason: reason.trim(),
          },
        }),
      );
      props.onAdded();
    } catch (error) {
      setErrors(errorsOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" onSubmit={submit} aria-labelledby="add-heading" noValidate>
      <h2 id="add-heading">Add a value</h2>
      <Field id="add-catalogue" label="From the catalogue (optional)" error={errors.catalogue_key}>
        <select id="add-catalogue" value={key} onChange={(e) => pick(e.currentTarget.value)}>
          <option value="">In my own words</option>
          {catalogue.state === 'ready' &&
            catalogue.data.values
              .filter((c) => !heldKeys.has(c.key))
              .map((c) => (
                <option key={c.key} value={c.key}>
                  {c.name}
                </option>
              ))}
        </select>
      </Field>
      <Field id="add-name" label="Name" error={errors.name}>
        <input id="add-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </Field>
      <Field id="add-description" label="What it means to you" error={errors.description}>
        <input id="add-description" value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
      </Field>
      <Field id="add-why" label="Why it matters" error={errors.why}>
        <textarea id="add-why" value={why} onInput={(e) => setWhy(e.currentTarget.value)} />
      </Field>
      <Field id="add-link" label="How running can serve it" error={errors.link}>
        <textarea id="add-link" value={link} onInput={(e) => setLink(e.currentTarget.value)} />
      </Field>
      <Field id="add-practices" label="Practices, one a line" error={errors.practices}>
        <textarea id="add-practices" value={practices} onInput={(e) => setPractices(e.currentTarget.value)} />
      </Field>
      <Field id="add-importance" label="Importance (1–10)" error={errors.importance}>
        <select id="add-importance" value={importance} onChange={(e) => setImportance(Number(e.currentTarget.value))}>
          {[10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </Field>
      <Field id="add-effective" label="Since when it has mattered" error={errors.effective_on}>
        <input id="add-effective" type="date" max={todayIso()} value={effective} onInput={(e) => setEffective(e.currentTarget.value)} />
      </Field>
      <Field id="add-reason" label="Why you add it now (kept in the history)" error={errors.reason}>
        <input id="add-reason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <FormFooter error={errors.form} busy={busy} submit="Add the value" cancel={props.done} />
    </form>
  );
}
