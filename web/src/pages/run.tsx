// One run: its numbers, the ground it covered, its splits and laps, charts of pace, heart
// rate and elevation, the route's shape, the journal entry beside it, and the few things a
// runner does to a run (correct it, merge a duplicate, delete it).

import { useLocation, useRoute } from 'preact-iso';
import { useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, api, ok, type Schemas } from '../api/client';
import { Chart } from '../components/chart';
import { Field, Status } from '../components/forms';
import { RouteDrawing } from '../components/route-drawing';
import { formatDistance, formatDuration, formatLocal, formatPace, formatPacePerKm, type Units } from '../lib/format';
import { distanceInUnits, parseDistance, parseDuration, sportLabel, unitName } from '../lib/run-edit';
import { useUnits } from '../lib/run-units';
import { chartSeries, projectRoute, summarize, type Axis } from '../lib/track';
import { useLoad } from '../lib/use-load';

type Run = Schemas['Run'];
type Detail = Schemas['RunDetail'];
type Track = Schemas['Track'];

export default function RunPage() {
  const { params } = useRoute();
  const id = Number(params.id);
  const units = useUnits();
  const shown = useRef<{ id: string; detail: Detail; reload: () => void } | null>(null);
  const loaded = useLoad(async () => {
    if (!Number.isInteger(id) || id < 1) throw new ApiError(`“${params.id}” is not a run's number`, 404);
    return ok(api.GET('/api/runs/{id}', { params: { path: { id } } }));
  }, [params.id]);
  if (loaded.state === 'failed') {
    return (
      <>
        <h1>{loaded.error.status === 404 ? 'No such run' : 'This run cannot be shown'}</h1>
        <p class="error" role="alert">
          {loaded.error.message}
        </p>
        <p class="run-back">
          <a href="/runs">← All runs</a>
        </p>
      </>
    );
  }
  // While the run loads again after a change, the page keeps showing it (the forms keep
  // their state and their "Saved"), instead of blanking to "Loading…".
  if (loaded.state === 'ready') shown.current = { id: params.id, detail: loaded.data, reload: loaded.reload };
  const last = shown.current;
  if (last && last.id === params.id) return <RunView key={last.id} detail={last.detail} units={units} reload={last.reload} />;
  return <Status loaded={loaded}>{() => null}</Status>;
}

function RunView(props: { detail: Detail; units: Units; reload: () => void }) {
  const { run, entry, splits, ground } = props.detail;
  const { units } = props;
  const title = run.title || sportLabel(run.sport);
  return (
    <>
      <p class="run-back">
        <a href="/runs">← All runs</a>
      </p>
      <h1>{title}</h1>
      <p class="muted run-when">
        {formatLocal(run.start.local ?? run.start.utc)}
        {run.title ? ` · ${sportLabel(run.sport)}` : ''}
        {run.route_name ? ` · ${run.route_name}` : ''}
      </p>
      {run.review && (
        <p class="notice" role="note">
          Needs a look: {run.review}
        </p>
      )}

      <Numbers run={run} units={units} />

      {ground && <GroundLine ground={ground} />}

      <EntrySummary run={run} entry={props.detail.entry} />

      <TrackViews run={run} units={units} />

      {splits.length > 0 && (
        <section aria-labelledby="run-splits">
          <h2 id="run-splits">Splits</h2>
          <div class="run-table-wrap" tabIndex={0} role="region" aria-label="Splits table">
            <table>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Distance</th>
                  <th scope="col">Time</th>
                  <th scope="col">Pace</th>
                  <th scope="col">Heart rate</th>
                </tr>
              </thead>
              <tbody>
                {splits.map((s) => (
                  <tr key={s.number}>
                    <td>{s.number}</td>
                    <td>{formatDistance(s.distance_m, units)}</td>
                    <td>{formatDuration(s.elapsed_s)}</td>
                    <td>{formatPacePerKm(s.pace_s_per_km, units)}</td>
                    <td>{s.avg_heart_rate_bpm != null ? `${s.avg_heart_rate_bpm} bpm` : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {run.laps.length > 0 && (
        <section aria-labelledby="run-laps">
          <h2 id="run-laps">Laps</h2>
          <div class="run-table-wrap" tabIndex={0} role="region" aria-label="Laps table">
            <table>
              <thead>
                <tr>
                  <th scope="col">Lap</th>
                  <th scope="col">Distance</th>
                  <th scope="col">Time</th>
                  <th scope="col">Pace</th>
                  <th scope="col">Heart rate</th>
                </tr>
              </thead>
              <tbody>
                {run.laps.map((lap, i) => (
                  <tr key={i}>
                    <td>{i + 1}</td>
                    <td>{formatDistance(lap.distance_m, units)}</td>
                    <td>{formatDuration(lap.elapsed_s)}</td>
                    <td>{formatPace(lap.distance_m, lap.elapsed_s, units)}</td>
                    <td>{lap.avg_heart_rate_bpm != null ? `${lap.avg_heart_rate_bpm} bpm` : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {run.notes && (
        <section aria-labelledby="run-notes">
          <h2 id="run-notes">Notes</h2>
          <p class="run-notes">{run.notes}</p>
        </section>
      )}

      <section aria-labelledby="run-change">
        <h2 id="run-change">Change this run</h2>
        <EditRun key={units} run={run} units={units} onSaved={props.reload} />
        <MergeRun run={run} units={units} onMerged={props.reload} />
        <DeleteRun run={run} hasEntry={entry != null} />
      </section>
    </>
  );
}

function Numbers(props: { run: Run; units: Units }) {
  const { run, units } = props;
  const items: Array<[string, string]> = [
    ['Distance', formatDistance(run.distance_m, units)],
    ['Time', formatDuration(run.elapsed_s)],
    ['Moving time', run.moving_s != null && run.moving_s !== run.elapsed_s ? formatDuration(run.moving_s) : ''],
    ['Pace', formatPace(run.distance_m, run.moving_s ?? run.elapsed_s, units)],
    ['Elevation gain', run.elevation_gain_m != null ? `${Math.round(run.elevation_gain_m)} m` : ''],
    [
      'Heart rate',
      run.avg_heart_rate_bpm != null
        ? `${run.avg_heart_rate_bpm}${run.max_heart_rate_bpm != null ? ` (max ${run.max_heart_rate_bpm})` : ''} bpm`
        : '',
    ],
    ['Cadence', run.avg_cadence_spm != null ? `${Math.round(run.avg_cadence_spm)} spm` : ''],
  ];
  const shown = items.filter(([, value]) => value !== '');
  if (shown.length === 0) return <p class="muted">This run has no numbers yet.</p>;
  return (
    <dl class="numbers card" aria-label="The run's numbers">
      {shown.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function GroundLine(props: { ground: NonNullable<Detail['ground']> }) {
  const { familiar_share, route } = props.ground;
  const share = Math.round(familiar_share * 100);
  const parts = [share === 0 ? 'All new ground' : `${share}% on ground you have run before`];
  if (route) {
    const times = route.runs === 1 ? 'once' : route.runs === 2 ? 'twice' : `${route.runs} times`;
    parts.push(`${route.name || 'this route'}, run ${times}`);
  }
  return <p class="run-ground">{parts.join(' · ')}</p>;
}

function EntrySummary(props: { run: Run; entry: Detail['entry'] }) {
  const { entry, run } = props;
  if (!entry) {
    return (
      <section class="card run-entry" aria-labelledby="run-entry">
        <h2 id="run-entry">Journal</h2>
        <p class="muted">No entry for this run yet. How did it feel?</p>
        <a class="button" href={`/entry/${run.id}`}>
          Write about this run
        </a>
      </section>
    );
  }
  const ratings: Array<[string, string]> = [];
  if (entry.enjoyment != null) ratings.push(['Enjoyment', `${entry.enjoyment}/10`]);
  if (entry.effort != null) ratings.push(['Effort', `${entry.effort}/10`]);
  if (entry.alignment != null) ratings.push(['With your values', `${entry.alignment}/10`]);
  if (entry.before.mood != null && entry.after.mood != null)
    ratings.push(['Mood', `${entry.before.mood} → ${entry.after.mood} of 5`]);
  if (entry.before.energy != null && entry.after.energy != null)
    ratings.push(['Energy', `${entry.before.energy} → ${entry.after.energy} of 5`]);
  const text = entry.text.length > 280 ? `${entry.text.slice(0, 277).trimEnd()}…` : entry.text;
  return (
    <section class="card run-entry" aria-labelledby="run-entry">
      <h2 id="run-entry">Journal</h2>
      {ratings.length > 0 && (
        <dl class="numbers">
          {ratings.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {text && <p class="run-entry-text">{text}</p>}
      <a class="button secondary" href={`/entry/${run.id}`}>
        Edit the entry
      </a>
    </section>
  );
}

function TrackViews(props: { run: Run; units: Units }) {
  const { run, units } = props;
  const track = useLoad(() => ok(api.GET('/api/runs/{id}/track', { params: { path: { id: run.id } } })), [run.id]);
  if (track.state === 'loading') return <p aria-busy="true">Loading the track…</p>;
  if (track.state === 'failed') {
    // A run typed in by hand has no track: say nothing then.
    if (track.error.status === 404) return null;
    return (
      <p class="error" role="alert">
        The track cannot be shown: {track.error.message}
      </p>
    );
  }
  if (track.data.offset_s.length < 2) return null;
  return <TrackCharts track={track.data} units={units} />;
}

function TrackCharts(props: { track: Track; units: Units }) {
  const { track, units } = props;
  const hasDistance = !!track.distance_m?.some((d) => d != null);
  const [axis, setAxis] = useState<Axis>(hasDistance ? 'distance' : 'time');
  const series = useMemo(() => chartSeries(track, axis, units), [track, axis, units]);
  const drawing = useMemo(() => projectRoute(track.latitude_deg, track.longitude_deg), [track]);
  const unit = unitName(units);
  const xLabel = axis === 'distance' ? unit : 'time';
  const formatX = axis === 'distance' ? (v: number) => `${v.toFixed(1)} ${unit}` : (v: number) => formatDuration(v * 60);
  const paceText = (v: number) => formatPacePerKm(units === 'imperial' ? v / 1.609344 : v, units);
  const charts = [
    series.pace && {
      id: 'chart-pace',
      title: 'Pace',
      y: series.pace,
      formatY: paceText,
      axisY: (v: number) => formatDuration(v),
      invert: true,
      steps: [5, 10, 15, 30, 60, 120, 300, 600],
      describe: (s: { min: number; mean: number; max: number }) =>
        `from ${paceText(s.min)} at the fastest to ${paceText(s.max)} at the slowest, ${paceText(s.mean)} on average (smoothed; stops left out)`,
    },
    series.heartRate && {
      id: 'chart-hr',
      title: 'Heart rate',
      y: series.heartRate,
      formatY: (v: number) => `${Math.round(v)} bpm`,
      axisY: (v: number) => String(Math.round(v)),
      invert: false,
      steps: undefined as number[] | undefined,
      describe: (s: { min: number; mean: number; max: number }) =>
        `from ${Math.round(s.min)} to ${Math.round(s.max)} bpm, ${Math.round(s.mean)} on average`,
    },
    series.altitude && {
      id: 'chart-elevation',
      title: 'Elevation',
      y: series.altitude,
      formatY: (v: number) => `${Math.round(v)} m`,
      axisY: (v: number) => `${Math.round(v)} m`,
      invert: false,
      steps: undefined as number[] | undefined,
      describe: (s: { min: number; mean: number; max: number }) =>
        `between ${Math.round(s.min)} m and ${Math.round(s.max)} m above sea level`,
    },
  ].filter((c): c is Exclude<typeof c, null | false | undefined> => !!c);

  return (
    <>
      {charts.length > 0 && (
        <section aria-labelledby="run-charts">
          <h2 id="run-charts">Charts</h2>
          {hasDistance && (
            <fieldset class="run-axis">
              <legend>Draw over</legend>
              <div class="scale">
                {(['distance', 'time'] as const).map((a) => (
                  <label key={a}>
                    <input type="radio" name="run-axis" value={a} checked={axis === a} onChange={() => setAxis(a)} />
                    <span>{a === 'distance' ? 'Distance' : 'Time'}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          )}
          {charts.map((c) => {
            const s = summarize(c.y);
            return (
              <Chart
                key={`${c.id}-${axis}`}
                id={c.id}
                title={c.title}
                summary={s ? `${c.describe(s)}, over ${axis === 'distance' ? 'distance' : 'time'}.` : 'no readings.'}
                x={series.x}
                y={c.y}
                xLabel={xLabel}
                formatX={formatX}
                formatY={c.axisY}
                invert={c.invert}
                stepsY={c.steps}
                stepsX={axis === 'time' ? [1, 2, 5, 10, 15, 30, 60, 120, 240] : undefined}
              />
            );
          })}
        </section>
      )}
      {drawing && (
        <section aria-labelledby="run-route">
          <h2 id="run-route">Route</h2>
          <RouteDrawing drawing={drawing} label="The shape of the route, drawn from the track's positions" />
        </section>
      )}
    </>
  );
}

function EditRun(props: { run: Run; units: Units; onSaved: () => void }) {
  const { run, units } = props;
  const initial = {
    title: run.title,
    notes: run.notes,
    distance: distanceInUnits(run.distance_m, units),
    time: formatDuration(run.elapsed_s),
  };
  const [form, setForm] = useState(initial);
  const [accept, setAccept] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const set = (name: keyof typeof initial) => (e: Event) => {
    setSaved(false);
    setForm({ ...form, [name]: (e.currentTarget as HTMLInputElement).value });
  };
  const errorFor = (...fields: string[]) => (error?.field && fields.includes(error.field) ? error.message : undefined);

  const save = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setSaved(false);
    // A merge patch: only what changed.
    const patch: Schemas['RunChange'] = {};
    if (form.title !== initial.title) patch.title = form.title;
    if (form.notes !== initial.notes) patch.notes = form.notes;
    if (form.distance.trim() !== initial.distance) {
      const meters = parseDistance(form.distance, units);
      if (Number.isNaN(meters)) {
        setError(new ApiError(`Type the distance in ${unitName(units)}, like 10.5`, 400, 'distance_m'));
        return;
      }
      patch.distance_m = meters;
    }
    if (form.time.trim() !== initial.time) {
      const seconds = parseDuration(form.time);
      if (Number.isNaN(seconds)) {
        setError(new ApiError('Type the time as minutes:seconds or hours:minutes:seconds, like 52:30', 400, 'elapsed_s'));
        return;
      }
      patch.elapsed_s = seconds;
    }
    if (Object.keys(patch).length === 0) {
      setSaved(true);
      return;
    }
    setSaving(true);
    try {
      await ok(
        api.PATCH('/api/runs/{id}', {
          params: { path: { id: run.id }, query: accept ? { accept_implausible: 'true' } : {} },
          body: patch, // a JSON merge patch, sent as application/json as the API asks
        }),
      );
      setSaved(true);
      props.onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(String(e), 0));
    } finally {
      setSaving(false);
    }
  };
  const known = ['title', 'notes', 'distance_m', 'elapsed_s'];
  const otherError = error && !(error.field && known.includes(error.field)) ? error.message : null;

  return (
    <details class="card run-action">
      <summary>Correct the title, notes, distance or time</summary>
      <form onSubmit={save}>
        <Field id="run-title" label="Title" error={errorFor('title')}>
          <input id="run-title" value={form.title} onInput={set('title')} placeholder={sportLabel(run.sport)} />
        </Field>
        <Field id="run-notes-input" label="Notes" error={errorFor('notes')}>
          <textarea id="run-notes-input" value={form.notes} onInput={set('notes')} />
        </Field>
        <div class="runs-filter-grid">
          <Field id="run-distance" label={`Distance (${unitName(units)})`} error={errorFor('distance_m')}>
            <input
              id="run-distance"
              inputMode="decimal"
              value={form.distance}
              onInput={set('distance')}
              aria-invalid={errorFor('distance_m') ? true : undefined}
              aria-describedby={errorFor('distance_m') ? 'run-distance-error' : undefined}
            />
          </Field>
          <Field id="run-time" label="Time (h:mm:ss)" error={errorFor('elapsed_s')}>
            <input
              id="run-time"
              inputMode="numeric"
              value={form.time}
              onInput={set('time')}
              aria-invalid={errorFor('elapsed_s') ? true : undefined}
              aria-describedby={errorFor('elapsed_s') ? 'run-time-error' : undefined}
            />
          </Field>
        </div>
        {otherError && (
          <p class="field-error" role="alert">
            {otherError}
          </p>
        )}
        {(error?.field === 'pace' || accept) && (
          <label class="run-check">
            <input type="checkbox" checked={accept} onChange={(e) => setAccept(e.currentTarget.checked)} />
            Keep these numbers even though they look wrong
          </label>
        )}
        <div class="row run-form-actions">
          <button type="submit" disabled={saving}>
            {saving ? 'Saving…' : 'Save changes'}
          </button>
          {saved && (
            <span class="run-saved" role="status">
              Saved
            </span>
          )}
        </div>
      </form>
    </details>
  );
}

function MergeRun(props: { run: Run; units: Units; onMerged: () => void }) {
  const { run, units } = props;
  const location = useLocation();
  const [other, setOther] = useState('');
  const [preview, setPreview] = useState<Schemas['MergedRuns'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const ask = async (dryRun: boolean) => {
    setError(null);
    const withId = Number(other.trim().replace(/^#/, ''));
    if (!Number.isInteger(withId) || withId < 1) {
      setError("Type the other run's number, like 562 (it is in the run's address: /runs/562)");
      return;
    }
    if (withId === run.id) {
      setError('That is this run: type the number of the other one');
      return;
    }
    setBusy(true);
    try {
      const answer = await ok(
        api.POST('/api/runs/{id}/merge', { params: { path: { id: run.id } }, body: { with: withId, dry_run: dryRun } }),
      );
      if (dryRun) setPreview(answer);
      else if (answer.kept.run.id === run.id) {
        setPreview(null);
        setOther('');
        props.onMerged();
      } else location.route(`/runs/${answer.kept.run.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      setPreview(null);
    } finally {
      setBusy(false);
    }
  };

  const kept = preview?.kept.run;
  return (
    <details class="card run-action">
      <summary>Merge with another run</summary>
      <p class="muted">When one run was recorded twice (a watch and a phone), keep one run with the best of both.</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void ask(true);
        }}
      >
        <Field id="run-merge-with" label="The other run's number" error={error ?? undefined}>
          <input
            id="run-merge-with"
            inputMode="numeric"
            value={other}
            onInput={(e) => {
              setOther(e.currentTarget.value);
              setPreview(null);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'run-merge-with-error' : undefined}
          />
        </Field>
        <div class="row run-form-actions">
          <button type="submit" class="secondary" disabled={busy}>
            See what would be kept
          </button>
        </div>
      </form>
      {preview && kept && (
        <div class="run-merge-preview" role="status">
          <p>
            Merging keeps run #{kept.id} and removes run #{preview.removed_run_id}. The run kept would read:
          </p>
          <ul>
            <li>{formatLocal(kept.start.local ?? kept.start.utc)}</li>
            <li>{kept.title || sportLabel(kept.sport)}</li>
            <li>
              {[
                formatDistance(kept.distance_m, units),
                formatDuration(kept.elapsed_s),
                formatPace(kept.distance_m, kept.moving_s ?? kept.elapsed_s, units),
              ]
                .filter(Boolean)
                .join(' · ')}
            </li>
            {kept.avg_heart_rate_bpm != null && <li>Heart rate {kept.avg_heart_rate_bpm} bpm</li>}
            <li>{preview.kept.entry ? 'With its journal entry' : 'No journal entry'}</li>
          </ul>
          <button type="button" disabled={busy} onClick={() => void ask(false)}>
            Merge the two runs
          </button>
        </div>
      )}
    </details>
  );
}

function DeleteRun(props: { run: Run; hasEntry: boolean }) {
  const { run } = props;
  const location = useLocation();
  const [withEntry, setWithEntry] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    const what = withEntry ? 'this run and its journal entry' : 'this run';
    if (!window.confirm(`Delete ${what}? This cannot be undone.`)) return;
    setBusy(true);
    setError(null);
    try {
      await ok(
        api.DELETE('/api/runs/{id}', {
          params: { path: { id: run.id }, query: withEntry ? { with_entry: 'true' } : {} },
        }),
      );
      location.route('/runs');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <details class="card run-action">
      <summary>Delete this run</summary>
      {props.hasEntry && (
        <label class="run-check">
          <input type="checkbox" checked={withEntry} onChange={(e) => setWithEntry(e.currentTarget.checked)} />
          Delete its journal entry too
        </label>
      )}
      {props.hasEntry && !withEntry && (
        <p class="muted">Its journal entry stays, standing alone.</p>
      )}
      <button type="button" class="run-danger" disabled={busy} onClick={() => void remove()}>
        Delete run #{run.id}
      </button>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}
