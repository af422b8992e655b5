// The runs, newest first: a page at a time ("Older runs" fetches the next), narrowed by date,
// sport and distance (in the runner's units). The filters live in the address, so going back
// to the list keeps them.

import { useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, ok, type Schemas } from '../api/client';
import { Field } from '../components/forms';
import { formatDistance, formatDuration, formatLocal, formatPace } from '../lib/format';
import { parseDistance, sportLabel, sports, unitName } from '../lib/run-edit';
import { useUnits } from '../lib/run-units';
import { useLoad } from '../lib/use-load';

type Run = Schemas['Run'];
type Filters = { from: string; to: string; sport: string; min: string; max: string };
const pageSize = 30;

/** The API's names for the filter fields, to put its refusal beside the right input. */
const fieldOf: Record<string, keyof Filters> = {
  from: 'from',
  to: 'to',
  sport: 'sport',
  min_distance_m: 'min',
  max_distance_m: 'max',
};

function filtersFrom(query: Record<string, string>): Filters {
  return {
    from: query.from ?? '',
    to: query.to ?? '',
    sport: query.sport ?? '',
    min: query.min ?? '',
    max: query.max ?? '',
  };
}

export default function Runs() {
  const location = useLocation();
  const units = useUnits();
  const applied = filtersFrom(location.query);
  const key = JSON.stringify(applied);
  const [draft, setDraft] = useState<Filters>(applied);
  const [older, setOlder] = useState<{ runs: Run[]; next: string | null } | null>(null);
  const [olderError, setOlderError] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);

  useEffect(() => {
    setDraft(applied);
    setOlder(null);
    setOlderError(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  // Distances typed in the runner's units, sent in metres; an unreadable one is refused here.
  const min = parseDistance(applied.min, units);
  const max = parseDistance(applied.max, units);
  const query = (before?: string) => ({
    limit: pageSize,
    before,
    from: applied.from || undefined,
    to: applied.to || undefined,
    sport: (applied.sport || undefined) as Schemas['Run']['sport'] | undefined,
    min_distance_m: min ?? undefined,
    max_distance_m: max ?? undefined,
  });

  const loaded = useLoad(async () => {
    const hint = `Type a distance in ${unitName(units)}, like 5 or 10.5`;
    if (Number.isNaN(min)) throw new ApiError(hint, 400, 'min_distance_m');
    if (Number.isNaN(max)) throw new ApiError(hint, 400, 'max_distance_m');
    return ok(api.GET('/api/runs', { params: { query: query() } }));
  }, [key, units]);

  const fieldError = (name: keyof Filters) =>
    loaded.state === 'failed' && loaded.error.field && fieldOf[loaded.error.field] === name
      ? loaded.error.message
      : undefined;
  const pageError =
    loaded.state === 'failed' && !(loaded.error.field && fieldOf[loaded.error.field]) ? loaded.error.message : null;

  const apply = (event: Event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(draft)) if (value.trim()) params.set(name, value.trim());
    const search = params.toString();
    location.route(search ? `/runs?${search}` : '/runs');
  };

  const loadOlder = async (cursor: string) => {
    setLoadingOlder(true);
    setOlderError(null);
    try {
      const page = await ok(api.GET('/api/runs', { params: { query: query(cursor) } }));
      setOlder((prev) => ({ runs: [...(prev?.runs ?? []), ...page.runs], next: page.next }));
    } catch (error) {
      setOlderError(error instanceof ApiError ? error.message : String(error));
    } finally {
      setLoadingOlder(false);
    }
  };

  const input = (name: keyof Filters) => ({
    id: `runs-${name}`,
    name,
    value: draft[name],
    onInput: (e: Event) => setDraft({ ...draft, [name]: (e.currentTarget as HTMLInputElement).value }),
    'aria-invalid': fieldError(name) ? true : undefined,
    'aria-describedby': fieldError(name) ? `runs-${name}-error` : undefined,
  });
  const filtered = Object.values(applied).some((v) => v !== '');

  return (
    <>
      <div class="row">
        <h1>Runs</h1>
        <span class="spacer" />
        <a class="button secondary" href="/import">
          Import files
        </a>
      </div>

      <details class="card runs-filters" open={filtered}>
        <summary>Filter runs{filtered ? ' (filtered)' : ''}</summary>
        <form onSubmit={apply} aria-label="Filter runs">
          <div class="runs-filter-grid">
            <Field id="runs-from" label="From" error={fieldError('from')}>
              <input type="date" {...input('from')} />
            </Field>
            <Field id="runs-to" label="To" error={fieldError('to')}>
              <input type="date" {...input('to')} />
            </Field>
            <Field id="runs-sport" label="Sport" error={fieldError('sport')}>
              <select {...input('sport')}>
                <option value="">Any</option>
                {sports.map((s) => (
                  <option key={s} value={s}>
                    {sportLabel(s)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="runs-min" label={`At least (${unitName(units)})`} error={fieldError('min')}>
              <input type="text" inputMode="decimal" autoComplete="off" {...input('min')} />
            </Field>
            <Field id="runs-max" label={`At most (${unitName(units)})`} error={fieldError('max')}>
              <input type="text" inputMode="decimal" autoComplete="off" {...input('max')} />
            </Field>
          </div>
          <div class="row runs-filter-actions">
            <button type="submit">Show runs</button>
            {filtered && (
              <a class="button secondary" href="/runs">
                Clear filters
              </a>
            )}
          </div>
        </form>
      </details>

      {loaded.state === 'loading' && <p aria-busy="true">Loading…</p>}
      {pageError && (
        <p class="error" role="alert">
          {pageError}
        </p>
      )}
      {loaded.state === 'ready' && (
        <RunList
          runs={[...loaded.data.runs, ...(older?.runs ?? [])]}
          total={loaded.data.total}
          filtered={filtered}
          units={units}
        />
      )}
      {loaded.state === 'ready' && (older ? older.next : loaded.data.next) && (
        <p>
          <button
            type="button"
            class="secondary"
            disabled={loadingOlder}
            onClick={() => loadOlder((older ? older.next : loaded.data.next) as string)}
          >
            {loadingOlder ? 'Loading…' : 'Older runs'}
          </button>
        </p>
      )}
      {olderError && (
        <p class="error" role="alert">
          {olderError}
        </p>
      )}
    </>
  );
}

function RunList(props: { runs: Run[]; total: number; filtered: boolean; units: 'metric' | 'imperial' }) {
  const { runs, total, units } = props;
  if (total === 0) {
    return (
      <p class="notice">
        {props.filtered ? (
          'No runs match these filters.'
        ) : (
          <>
            No runs yet. <a href="/import">Import your watch or app files</a> or write an entry for a run.
          </>
        )}
      </p>
    );
  }
  return (
    <>
      <p class="muted" aria-live="polite">
        {total === 1 ? '1 run' : `${total} runs`}
        {props.filtered ? ' match' : ''}
        {runs.length < total ? ` · showing the newest ${runs.length}` : ''}
      </p>
      <ul class="list runs-list">
        {runs.map((run) => (
          <li key={run.id}>
            <a href={`/runs/${run.id}`}>
              <span class="runs-when">{formatLocal(run.start.local ?? run.start.utc)}</span>
              <span class="runs-title">
                {run.title || sportLabel(run.sport)}
                {run.review && <span class="runs-review"> · needs a look</span>}
              </span>
              <span class="runs-figures">
                {[
                  formatDistance(run.distance_m, units),
                  formatDuration(run.elapsed_s),
                  formatPace(run.distance_m, run.moving_s ?? run.elapsed_s, units),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
