import { useState } from 'preact/hooks';
import { type Schemas, api, ok } from '../api/client';
import { ExperimentStart } from '../components/experiment-start';
import { Status } from '../components/forms';
import { describeGoal } from '../lib/experiment-goal';
import { todayIso } from '../lib/format';
import { useLoad } from '../lib/use-load';
import { formatDay, splitValues } from '../lib/value-history';

const decisionWords = { keep: 'Kept', adjust: 'Adjusted', drop: 'Dropped' } as const;

export default function Experiments() {
  const loaded = useLoad(async () => {
    const [experiments, values, settings] = await Promise.all([
      ok(api.GET('/api/experiments')),
      ok(api.GET('/api/values')),
      ok(api.GET('/api/settings')),
    ]);
    return { experiments: experiments.experiments, values: values.values, unit: settings.units };
  }, []);
  const [starting, setStarting] = useState(false);
  return (
    <>
      <h1>Experiments</h1>
      <Status loaded={loaded}>
        {(data) => {
          const names = new Map(data.values.map((v) => [v.id, v.name]));
          const active = splitValues(data.values).active;
          const open = data.experiments.filter((e) => e.ended_on == null).sort((a, b) => b.starts_on.localeCompare(a.starts_on));
          const ended = data.experiments.filter((e) => e.ended_on != null).sort((a, b) => b.starts_on.localeCompare(a.starts_on));
          const item = (e: Schemas['Experiment']) => (
            <li key={e.id}>
              <a href={`/experiments/${e.id}`}>
                <strong>{e.practice}</strong>
                <span class="exp-meta">
                  <span>{names.get(e.value_id) ?? `value ${e.value_id}`}</span>
                  <span>
                    {formatDay(e.starts_on)} – {formatDay(e.ends_on)}
                  </span>
                  <span>
                    {e.run_ids.length} {e.run_ids.length === 1 ? 'run' : 'runs'} tagged
                  </span>
                  {e.goal && <span>goal: {describeGoal(e.goal, data.unit)}</span>}
                  {e.decision && <span class="exp-badge good">{decisionWords[e.decision]}</span>}
                  {!e.ended_on && e.ends_on < todayIso() && <span class="exp-badge">Past its end: close it</span>}
                </span>
              </a>
            </li>
          );
          return (
            <>
              {active.length === 0 ? (
                <p class="notice">
                  An experiment tries a practice linked to one of your values. <a href="/workshop">Name your values</a>{' '}
                  first.
                </p>
              ) : starting ? (
                <ExperimentStart values={active} unit={data.unit} cancel={() => setStarting(false)} />
              ) : (
                <p>
                  <button type="button" onClick={() => setStarting(true)}>
                    Start an experiment
                  </button>
                </p>
              )}
              <h2>Under way ({open.length})</h2>
              {open.length === 0 ? <p class="muted">No experiment is under way.</p> : <ul class="list">{open.map(item)}</ul>}
              <h2>Ended ({ended.length})</h2>
              {ended.length === 0 ? <p class="muted">None has ended yet.</p> : <ul class="list">{ended.map(item)}</ul>}
            </>
          );
        }}
      </Status>
    </>
  );
}
