import type { Schemas } from '../api/client';
import { type DistanceUnit, describeGoal } from '../lib/experiment-goal';
import { formatDuration, formatSigned } from '../lib/format';

const outcomeWords: Record<Schemas['CardEffect']['outcome'], string> = {
  enjoyment: 'Enjoyment',
  mood_after: 'Mood after',
  mood_lift: 'Mood lift',
  energy_lift: 'Energy lift',
  effort: 'Effort',
  days_to_next_run: 'Days to the next run',
  alignment: 'Alignment with the value',
};

function interval(i: Schemas['Interval']): string {
  if (!i || i.length < 2) return '—';
  return `${formatSigned(i[0])} to ${formatSigned(i[1])}`;
}

function shortDay(iso: string): string {
  const [, m, d] = iso.split('-').map(Number);
  const month = new Date(Date.UTC(2000, m - 1, 1)).toLocaleDateString('en-GB', { month: 'short', timeZone: 'UTC' });
  return `${d} ${month}`;
}

/** A week's measured number beside its target, in words a runner reads. */
function measure(week: Schemas['GoalWeek'], unit: DistanceUnit): string {
  const show = (n: number | null) => {
    if (n == null) return '—';
    if (week.unit === 's') return formatDuration(n);
    if (week.unit === 'm') return `${(n / (unit === 'mi' ? 1609.344 : 1000)).toFixed(1)} ${unit}`;
    if (week.unit === 's_per_km' || week.unit === 's/km') return `${formatDuration(unit === 'mi' ? n * 1.609344 : n)} /${unit}`;
    if (week.unit === 'rating') return `${Math.round(n * 10) / 10}/10`;
    if (week.unit === 'runs') return `${Math.round(n * 10) / 10} ${n === 1 ? 'run' : 'runs'}`;
    return `${Math.round(n * 10) / 10} ${week.unit}`;
  };
  if (week.measured == null) return `${week.unit === 'rating' ? 'no rating yet' : 'no runs'} (target ${show(week.target)})`;
  return week.unit === 's_per_km' ? `${show(week.measured)} (target ${show(week.target)})` : `${show(week.measured)} of ${show(week.target)}`;
}

/** An experiment's result: the comparison with the runner's other runs, its sentences, the goal week by week. */
export function ExperimentResult(props: { card: Schemas['ExperimentCard']; unit: DistanceUnit }) {
  const { card } = props;
  // The first sentence names the experiment (the page already does); "not enough runs" ones are in the list below.
  const sentences = card.text
    .split('\n')
    .slice(1)
    .filter((line) => line && !line.includes('not enough runs'));
  return (
    <section class="card" aria-labelledby="exp-result">
      <h2 id="exp-result">{card.ended ? 'How it turned out' : 'How it is going'}</h2>
      <p>
        {card.runs_inside} {card.runs_inside === 1 ? 'run' : 'runs'} {card.inside === 'tagged' ? 'tagged in it' : 'in its period'}{' '}
        against {card.runs_outside} other {card.runs_outside === 1 ? 'run' : 'runs'}.
      </p>
      {sentences.length > 0 && (
        <ul>
          {sentences.map((s, i) => (
            <li key={i}>{s}</li>
          ))}
        </ul>
      )}
      {card.effects.length > 0 && (
        <>
          <h3>Its runs against the others</h3>
          <ul class="exp-effects">
            {card.effects.map((e) => (
              <li key={e.outcome}>
                <strong>{outcomeWords[e.outcome] ?? e.outcome}</strong>{' '}
                {!e.tested || e.difference == null ? (
                  <span class="muted">not enough runs yet</span>
                ) : (
                  <>
                    <span class="val-importance">{formatSigned(e.difference)}</span>{' '}
                    <span class="muted">
                      (90% interval {interval(e.interval)}; {e.n_inside} vs {e.n_outside} runs)
                    </span>
                    {!e.claim && <span class="exp-badge">too uncertain</span>}
                  </>
                )}
              </li>
            ))}
          </ul>
          <p class="muted">Differences go with the practice; they do not show it caused them.</p>
        </>
      )}
      {card.goal && (
        <>
          <h3>Goal: {describeGoal(card.goal, props.unit)}</h3>
          <p>
            Met in {card.weeks_met} of {card.progress.length} {card.progress.length === 1 ? 'week' : 'weeks'}.
          </p>
          {card.progress.length > 0 && (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Week of</th>
                    <th scope="col">Runs</th>
                    <th scope="col">Measured</th>
                    <th scope="col">Met</th>
                  </tr>
                </thead>
                <tbody>
                  {card.progress.map((w) => (
                    <tr key={w.week_of}>
                      <td>{shortDay(w.week_of)}</td>
                      <td>{w.runs}</td>
                      <td>{measure(w, props.unit)}</td>
                      <td class={w.met ? 'exp-week-met' : ''}>{w.met ? 'Yes' : w.under_way ? 'Under way' : 'No'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
