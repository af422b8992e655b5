import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { type Schemas, api, ok } from '../api/client';
import { todayIso } from '../lib/format';
import { type DistanceUnit, type GoalDraft, addDays, buildGoal, emptyGoal, goalKinds } from '../lib/experiment-goal';
import { Field } from './forms';
import { errorsOf } from './value-card';

/** The form that starts an experiment: a value in force, a practice, a period, a question, maybe a small goal. */
export function ExperimentStart(props: { values: Schemas['Value'][]; unit: DistanceUnit; cancel: () => void }) {
  const { route } = useLocation();
  const [valueId, setValueId] = useState(props.values[0]?.id ?? 0);
  const [practice, setPractice] = useState('');
  const [question, setQuestion] = useState('');
  const [startsOn, setStartsOn] = useState(todayIso());
  const [endsOn, setEndsOn] = useState(addDays(todayIso(), 27));
  const [goal, setGoal] = useState<GoalDraft>(emptyGoal);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const value = props.values.find((v) => v.id === valueId);
  const setG = (change: Partial<GoalDraft>) => setGoal({ ...goal, ...change });

  const submit = async (e: Event) => {
    e.preventDefault();
    const built = buildGoal(goal, props.unit);
    if ('field' in built) {
      setErrors({ [built.field]: built.error });
      document.getElementById(built.field)?.focus();
      return;
    }
    if (!practice.trim()) {
      setErrors({ practice: 'Say what you will try.' });
      document.getElementById('exp-practice')?.focus();
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const body: Schemas['NewExperiment'] = {
        value_id: valueId,
        practice: practice.trim(),
        question: question.trim(),
        starts_on: startsOn,
        ends_on: endsOn,
        goal: built.goal,
      };
      const made = await ok(api.POST('/api/experiments', { body }));
      route(`/experiments/${made.id}`);
    } catch (error) {
      const named = errorsOf(error);
      const [field, message] = Object.entries(named)[0];
      setErrors(field.startsWith('goal') ? { 'goal-kind': message } : { [field]: message });
    } finally {
      setBusy(false);
    }
  };

  const g = (id: string, label: string, input: preact.JSX.Element, hint?: string) => (
    <Field id={id} label={label} error={errors[id]} hint={hint}>
      {input}
    </Field>
  );

  return (
    <form class="card" onSubmit={submit} aria-labelledby="exp-start-heading" noValidate>
      <h2 id="exp-start-heading">Start an experiment</h2>
      <p class="muted">A few weeks of trying one practice, and noticing how running feels.</p>
      <Field id="exp-value" label="The value it serves" error={errors.value_id}>
        <select
          id="exp-value"
          value={valueId}
          onChange={(e) => {
            setValueId(Number(e.currentTarget.value));
            setPractice('');
          }}
        >
          {props.values.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="exp-practice" label="The practice to try" error={errors.practice}>
        <input
          id="exp-practice"
          list="exp-practices"
          value={practice}
          onInput={(e) => setPractice(e.currentTarget.value)}
        />
      </Field>
      {value && value.practices.length > 0 && (
        <>
          <datalist id="exp-practices">
            {value.practices.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
          <p class="muted" id="exp-suggest">
            {value.name}’s practices:
          </p>
          <div class="row" role="group" aria-labelledby="exp-suggest">
            {value.practices.map((p) => (
              <button
                key={p}
                type="button"
                class="secondary"
                aria-pressed={practice === p}
                onClick={() => setPractice(p)}
              >
                {p}
              </button>
            ))}
          </div>
        </>
      )}
      <Field id="exp-question" label="The question to notice" error={errors.question}>
        <input
          id="exp-question"
          placeholder="does it make me look forward to running?"
          value={question}
          onInput={(e) => setQuestion(e.currentTarget.value)}
        />
      </Field>
      <div class="row exp-dates">
        <Field id="exp-starts" label="Starts on" error={errors.starts_on}>
          <input id="exp-starts" type="date" value={startsOn} onInput={(e) => setStartsOn(e.currentTarget.value)} />
        </Field>
        <Field id="exp-ends" label="Ends on" error={errors.ends_on}>
          <input id="exp-ends" type="date" value={endsOn} onInput={(e) => setEndsOn(e.currentTarget.value)} />
        </Field>
      </div>
      {g(
        'goal-kind',
        'A small goal (optional)',
        <select
          id="goal-kind"
          value={goal.kind}
          onChange={(e) => setG({ kind: e.currentTarget.value as GoalDraft['kind'] })}
        >
          {goalKinds.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>,
      )}
      {goal.kind === 'pace' &&
        g(
          'goal-pace',
          `Pace (min:s per ${props.unit})`,
          <input id="goal-pace" inputMode="numeric" placeholder="5:30" value={goal.pace} onInput={(e) => setG({ pace: e.currentTarget.value })} />,
        )}
      {(goal.kind === 'distance' || goal.kind === 'pace') &&
        g(
          'goal-distance',
          goal.kind === 'pace' ? `Over a distance (${props.unit})` : `Distance (${props.unit})`,
          <input id="goal-distance" inputMode="decimal" value={goal.distance} onInput={(e) => setG({ distance: e.currentTarget.value })} />,
        )}
      {goal.kind === 'time' &&
        g(
          'goal-minutes',
          'Time on your feet (minutes)',
          <input id="goal-minutes" inputMode="decimal" value={goal.minutes} onInput={(e) => setG({ minutes: e.currentTarget.value })} />,
        )}
      {goal.kind === 'runs_per_week' &&
        g(
          'goal-runs',
          'Runs a week',
          <input
            id="goal-runs"
            type="number"
            min={1}
            max={14}
            value={goal.runsPerWeek}
            onInput={(e) => setG({ runsPerWeek: e.currentTarget.value })}
          />,
        )}
      {goal.kind === 'form_cue' && (
        <>
          {g(
            'goal-cue',
            'The cue',
            <input id="goal-cue" placeholder="relaxed shoulders" value={goal.cue} onInput={(e) => setG({ cue: e.currentTarget.value })} />,
          )}
          {g(
            'goal-cue-target',
            'How well you want to hold it (0–10, optional)',
            <input
              id="goal-cue-target"
              type="number"
              min={0}
              max={10}
              value={goal.cueTarget}
              onInput={(e) => setG({ cueTarget: e.currentTarget.value })}
            />,
            'You rate the cue in each run’s journal entry.',
          )}
        </>
      )}
      {errors.form && (
        <p class="error" role="alert">
          {errors.form}
        </p>
      )}
      <div class="row wk-nav">
        <button type="button" class="secondary" onClick={props.cancel}>
          Cancel
        </button>
        <span class="spacer" />
        <button type="submit" disabled={busy || props.values.length === 0}>
          Start the experiment
        </button>
      </div>
    </form>
  );
}
