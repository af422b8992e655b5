// An experiment's result card on the insights page: its practice, its runs against the weeks
// before it as interval plots, its goal met week by week, and a link to the experiment.

import type { Schemas } from '../api/client';
import { bounds, extents, outcomeLabel } from '../lib/insights';
import { ComparisonItem } from './insight-interval';

type Card = Schemas['ExperimentCard'];

export function InsightExperiment(props: { card: Card }) {
  const { card } = props;
  const reach = extents(
    card.effects.map((e) => ({ ...e, outcome: e.outcome })),
    0.5,
  );
  // The server's sentences are one per effect, after the first line that names the experiment.
  const lines = card.text.split('\n').slice(1);
  const sentence = (i: number, e: Schemas['CardEffect']) => {
    const line = lines[i];
    if (line) return line;
    const b = bounds(e.interval);
    return `${outcomeLabel(e.outcome)}: ${e.difference ?? '—'}${b ? ` (90% interval ${b[0].toFixed(1)} to ${b[1].toFixed(1)})` : ''}.`;
  };
  const headingId = `ins-exp-${card.experiment_id}`;
  return (
    <article class="card ins-exp" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <a href={`/experiments/${card.experiment_id}`}>{card.practice}</a>
      </h3>
      <p class="muted">
        For {card.value} · {card.starts_on} to {card.ends_on}
        {card.ended ? ' · ended' : ' · under way'}
      </p>
      <p>
        {card.runs_inside} {card.runs_inside === 1 ? 'run' : 'runs'} {card.inside === 'tagged' ? 'tagged in it' : 'in its period'} against{' '}
        {card.runs_outside} in the weeks before it.
        {card.goal && ` Goal met in ${card.weeks_met} of ${card.progress.length} ${card.progress.length === 1 ? 'week' : 'weeks'}.`}
      </p>
      {card.effects.length > 0 && (
        <ul class="ins-list">
          {card.effects.map((e, i) => (
            <ComparisonItem
              key={e.outcome}
              label={outcomeLabel(e.outcome)}
              difference={e.difference}
              interval={e.interval}
              claim={e.claim}
              tested={e.tested}
              extent={reach.get(e.outcome) ?? 1}
              text={sentence(i, e)}
              counts={`${e.n_inside} runs in it, ${e.n_outside} before`}
              needed={e.runs_needed}
              sides={['inside', 'before']}
            />
          ))}
        </ul>
      )}
      <p>
        <a href={`/experiments/${card.experiment_id}`}>
          The experiment<span class="visually-hidden">: {card.practice}</span> →
        </a>
      </p>
    </article>
  );
}
