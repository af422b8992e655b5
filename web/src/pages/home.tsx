// Where the runner is: the values in force, the last run and whether it has its entry, and
// what to do next. A new journal starts at the values workshop.

import { api, ok, type Schemas } from '../api/client';
import { Status } from '../components/forms';
import { counted, formatDistance, formatLocal, formatPace } from '../lib/format';
import { unitsOf } from '../lib/run-edit';
import { useLoad } from '../lib/use-load';

interface Home {
  status: Schemas['Status'];
  lastRun: Schemas['RunDetail'] | null;
  units: ReturnType<typeof unitsOf>;
}

async function loadHome(): Promise<Home> {
  const [status, settings] = await Promise.all([ok(api.GET('/api/status')), ok(api.GET('/api/settings'))]);
  const lastRun = status.last_run
    ? await ok(api.GET('/api/runs/{id}', { params: { path: { id: status.last_run.id } } }))
    : null;
  return { status, lastRun, units: unitsOf(settings.units) };
}

export default function HomePage() {
  const loaded = useLoad(loadHome, []);
  return <Status loaded={loaded}>{(home) => <HomeView home={home} />}</Status>;
}

function HomeView({ home }: { home: Home }) {
  const { status, lastRun, units } = home;
  if (status.values_in_force.length === 0 && status.runs === 0) {
    return (
      <>
        <h1>Welcome to Cairn</h1>
        <p>
          Cairn ties your running to what matters most to you. Start by naming your values: it takes a few
          minutes, and everything else builds on it.
        </p>
        <p class="row">
          <a class="button" href="/workshop">
            Name your values
          </a>
          <a class="button secondary" href="/import">
            Import runs first
          </a>
        </p>
      </>
    );
  }
  const run = lastRun?.run;
  return (
    <>
      <h1>Your journal</h1>
      {run && (
        <section class="card" aria-labelledby="last-run">
          <h2 id="last-run">Last run</h2>
          <p>
            <a href={`/runs/${run.id}`}>{formatLocal(run.start.local ?? '')}</a>
            {run.title ? ` · ${run.title}` : ''}
          </p>
          <p class="muted">
            {[formatDistance(run.distance_m, units), formatPace(run.distance_m, run.moving_s ?? run.elapsed_s, units)]
              .filter(Boolean)
              .join(' · ')}
          </p>
          {lastRun?.entry ? (
            <a class="button secondary" href={`/entry/${run.id}`}>
              Your entry
            </a>
          ) : (
            <a class="button" href={`/entry/${run.id}`}>
              Write about this run
            </a>
          )}
        </section>
      )}
      {status.values_in_force.length === 0 ? (
        <p class="notice">
          You have runs but no values yet. <a href="/workshop">Name your values</a> to see which of them keep you
          running.
        </p>
      ) : (
        <section aria-labelledby="values-now">
          <h2 id="values-now">What matters to you now</h2>
          <ol>
            {status.values_in_force.map((value) => (
              <li key={value.id}>
                <strong>{value.name}</strong>
                {value.why ? <span class="muted"> — {value.why}</span> : null}
              </li>
            ))}
          </ol>
        </section>
      )}
      <p class="muted">
        {counted(status.runs, 'run')}, {counted(status.entries, 'entry', 'entries')}
        {status.open_experiments > 0 ? `, ${counted(status.open_experiments, 'experiment')} open` : ''}
        .
      </p>
      <p class="row">
        <a class="button secondary" href="/entry">
          Entry without a run
        </a>
        <a class="button secondary" href="/import">
          Import
        </a>
        <a class="button secondary" href="/checkin">
          Weekly check-in
        </a>
      </p>
    </>
  );
}
