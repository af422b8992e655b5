import { useState } from 'preact/hooks';
import { type Schemas, api, ok } from '../api/client';
import { todayIso } from '../lib/format';
import { Field } from './forms';
import { errorsOf } from './value-card';

const decisions = [
  { decision: 'keep', label: 'Keep it', hint: 'it goes on as a practice of the value' },
  { decision: 'adjust', label: 'Adjust it', hint: 'something in it was right; change the rest' },
  { decision: 'drop', label: 'Drop it', hint: 'it did not serve the value' },
] as const;

/** Ends an experiment: the runner's reflection and a decision. */
export function ExperimentEnd(props: { experiment: Schemas['Experiment']; onEnded: () => Promise<void> }) {
  const e = props.experiment;
  const [endedOn, setEndedOn] = useState(e.ends_on < todayIso() ? e.ends_on : todayIso());
  const [reflection, setReflection] = useState('');
  const [decision, setDecision] = useState<'keep' | 'adjust' | 'drop' | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (!decision) {
      setErrors({ decision: 'Choose whether to keep, adjust or drop it.' });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      await ok(
        api.POST('/api/experiments/{id}/end', {
          params: { path: { id: e.id } },
          body: { ended_on: endedOn, reflection: reflection.trim(), decision },
        }),
      );
      await props.onEnded();
    } catch (err) {
      setErrors(errorsOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="exp-end">
      <h2 id="exp-end">End the experiment</h2>
      {e.question && <p class="muted">You asked: {e.question}</p>}
      <Field id="exp-reflection" label="What did you notice?" error={errors.reflection}>
        <textarea id="exp-reflection" value={reflection} onInput={(x) => setReflection(x.currentTarget.value)} />
      </Field>
      <fieldset aria-describedby={errors.decision ? 'exp-decision-error' : undefined}>
        <legend>And now?</legend>
        {decisions.map((d) => (
          <label key={d.decision} class="wk-check">
            <input
              type="radio"
              name="decision"
              checked={decision === d.decision}
              onChange={() => setDecision(d.decision)}
            />
            <span>
              {d.label} <span class="muted">— {d.hint}</span>
            </span>
          </label>
        ))}
        {errors.decision && (
          <p class="field-error" id="exp-decision-error" role="alert">
            {errors.decision}
          </p>
        )}
      </fieldset>
      <Field id="exp-ended-on" label="Ended on" error={errors.ended_on}>
        <input id="exp-ended-on" type="date" value={endedOn} onInput={(x) => setEndedOn(x.currentTarget.value)} />
      </Field>
      {errors.form && (
        <p class="error" role="alert">
          {errors.form}
        </p>
      )}
      <p>
        <button type="submit" disabled={busy}>
          End it
        </button>
      </p>
    </form>
  );
}
