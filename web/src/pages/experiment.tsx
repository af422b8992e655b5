import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { type Schemas, api, ok } from '../api/client';
import { ExperimentEnd } from '../components/experiment-end';
import { ExperimentResult } from '../components/experiment-result';
import { Status } from '../components/forms';
import { errorsOf } from '../components/value-card';
import { describeGoal } from '../lib/experiment-goal';
import { formatDistance, formatLocal, todayIso } from '../lib/format';
import { useLoad } from '../lib/use-load';
import { formatDay } from '../lib/value-history';

const decisionWords = { keep: 'Keep it', adjust: 'Adjust it', drop: 'Drop it' } as const;

export default function ExperimentPage() {
  const { params } = useRoute();
  const id = Number(params.id);
  const loaded = useLoad(async () => {
    const [found, values, settings] = await Promise.all([
      ok(api.GET('/api/experiments/{id}', { params: { path: { id } } })),
      ok(api.GET('/api/values')),
      ok(api.GET('/api/settings')),
    ]);
    const e = found.experiment;
    const to = e.ended_on ?? (e.ends_on < todayIso() ? e.ends_on : todayIso());
    const runs = await ok(api.GET('/api/runs', { params: { query: { from: e.starts_on, to, limit: 200 } } }));
    return { ...found, values: values.values, unit: settings.units, runs: runs.runs };
  }, [id]);
  // After tagging or ending, the experiment and its result are read again without reloading the page
  // (which would lose the runner's place on it).
  const [fresh, setFresh] = useState<Schemas['ExperimentWithCard'] | null>(null);
  const refresh = async () => setFresh(await ok(api.GET('/api/experiments/{id}', { params: { path: { id } } })));

  return (
    <>
      <p>
        <a class="back-link" href="/experiments">
          ← Experiments
        </a>
      </p>
      <Status loaded={loaded}>
        {(loadedData) => {
          const data = fresh && fresh.experiment.id === id ? { ...loadedData, ...fresh } : loadedData;
          const e = data.experiment;
          const value = data.values.find((v) => v.id === e.value_id);
          return (
            <>
              <h1>{e.practice}</h1>
              <dl class="numbers">
                <div>
                  <dt>Value</dt>
                  <dd>{value?.name ?? `#${e.value_id}`}</dd>
                </div>
                <div>
                  <dt>From</dt>
                  <dd>{formatDay(e.starts_on)}</dd>
                </div>
                <div>
                  <dt>{e.ended_on ? 'Ended' : 'Until'}</dt>
                  <dd>{formatDay(e.ended_on ?? e.ends_on)}</dd>
                </div>
                <div>
                  <dt>Runs tagged</dt>
                  <dd>{e.run_ids.length}</dd>
                </div>
              </dl>
              {e.question && (
                <p>
                  <strong>The question: </strong>
                  {e.question}
                </p>
              )}
              {e.goal && (
                <p>
                  <strong>Goal: </strong>
                  {describeGoal(e.goal, data.unit)}
                </p>
              )}
              {e.ended_on && (
                <section class="card" aria-labelledby="exp-decision">
                  <h2 id="exp-decision">{e.decision ? decisionWords[e.decision] : 'Ended'}</h2>
                  {e.reflection ? <p>{e.reflection}</p> : <p class="muted">No reflection written.</p>}
                </section>
              )}
              {data.result && <ExperimentResult card={data.result} unit={data.unit} />}
              <TaggedRuns experiment={e} runs={data.runs} unit={data.unit} onChanged={refresh} />
              {!e.ended_on && <ExperimentEnd experiment={e} onEnded={refresh} />}
            </>
          );
        }}
      </Status>
    </>
  );
}

function TaggedRuns(props: {
  experiment: Schemas['Experiment'];
  runs: Schemas['Run'][];
  unit: 'km' | 'mi';
  onChanged: () => Promise<void>;
}) {
  const e = props.experiment;
  const [busy, setBusy] = useState<number | null>(null);
  const [pending, setPending] = useState<Record<number, boolean>>({});
  const [error, setError] = useState('');
  const units = props.unit === 'mi' ? 'imperial' : 'metric';
  const known = new Set(props.runs.map((r) => r.id));
  const elsewhere = e.run_ids.filter((id) => !known.has(id));
  const toggle = async (runId: number, tagged: boolean) => {
    setBusy(runId);
    setError('');
    setPending({ ...pending, [runId]: !tagged });
    try {
      const params = { path: { id: e.id } };
      const body = { run_ids: [runId] };
      if (tagged) await ok(api.POST('/api/experiments/{id}/untag', { params, body }));
      else await ok(api.POST('/api/experiments/{id}/tag', { params, body }));
      await props.onChanged();
    } catch (err) {
      setError(Object.values(errorsOf(err))[0]);
    } finally {
      setPending({});
      setBusy(null);
    }
  };
  return (
    <section aria-labelledby="exp-runs">
      <h2 id="exp-runs">Its runs</h2>
      <p class="muted">Tick the runs where you tried the practice; the result compares them with your other runs.</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {props.runs.length === 0 && elsewhere.length === 0 ? (
        <p class="muted">No runs in its period yet.</p>
      ) : (
        <ul class="list exp-runs">
          {[...props.runs]
            .sort((a, b) => a.start.utc.localeCompare(b.start.utc))
            .map((r) => {
              const tagged = pending[r.id] ?? e.run_ids.includes(r.id);
              const label = `${formatLocal(r.start.local ?? r.start.utc)}${r.title ? `, ${r.title}` : ''}`;
              return (
                <li key={r.id}>
                  <label class="wk-check exp-run">
                    <input
                      type="checkbox"
                      checked={tagged}
                      aria-busy={busy === r.id}
                      onChange={() => busy === null && toggle(r.id, tagged)}
                    />
                    <span>
                      {label}
                      <span class="muted"> · {formatDistance(r.distance_m, units)}</span>
                    </span>
                  </label>
                  <a href={`/runs/${r.id}`} aria-label={`Open the run of ${label}`}>
                    Run
                  </a>
                </li>
              );
            })}
          {elsewhere.map((runId) => (
            <li key={runId}>
              <label class="wk-check exp-run">
                <input type="checkbox" checked disabled={busy !== null} onChange={() => toggle(runId, true)} />
                <span>Run #{runId} (outside the period)</span>
              </label>
              <a href={`/runs/${runId}`}>Run</a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
