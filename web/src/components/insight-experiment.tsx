// An experiment's result card on the insights page: its practice, its runs against the weeks
// before it as interval plots (claims at once, the rest behind "more"), its goal met week by
// week in a sentence, and a link to the experiment.

import type { Schemas } from '../api/client';
import { extents, outcomeLabel, splitClaims } from '../lib/insights';
import { counted } from '../lib/format';
import { ComparisonItem } from './insight-interval';

type Card = Schemas['ExperimentCard'];
type CardEffect = Schemas['CardEffect'];

export function InsightExperiment(props: { card: Card }) {
  const { card } = props;
  const reach = extents(card.effects);
  // The server's sentences follow the line that names the experiment, one per effect in order.
  const lines = card.text.split('\n').slice(1);
  const sentences = new Map<CardEffect, string>();
  card.effects.forEach((e, i) => {
    if (lines.length === card.effects.length && lines[i]) sentences.set(e, lines[i]);
  });
  const { shown, more, moreClaims } = splitClaims(card.effects);
  const item = (e: CardEffect) => (
    <ComparisonItem
      key={e.outcome}
      label={outcomeLabel(e.outcome)}
      difference={e.difference}
      interval={e.interval}
      claim={e.claim}
      tested={e.tested}
      extent={reach.get(e.outcome) ?? 1}
      text={sentences.get(e) ?? `${outcomeLabel(e.outcome)}: its runs against the runs before it.`}
      counts={`${e.n_inside} runs in it, ${e.n_outside} before`}
      needed={e.runs_needed}
      sides={['inside', 'before']}
    />
  );
  const headingId = `ins-exp-${card.experiment_id}`;
  return (
    <article class="card ins-exp" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <a href={`/experiments/${card.experiment_id}`}>{card.practice.replace(/^./, (c) => c.toUpperCase())}</a>
      </h3>
      <p class="muted">
        For {card.value} · {card.starts_on} to {card.ends_on}
        {card.ended ? ' · ended' : ' · under way'}
      </p>
      <p>
        {counted(card.runs_inside, 'run')} {card.inside === 'tagged' ? 'tagged in it' : 'in its period'} against{' '}
        {card.runs_outside} in the weeks before it.
        {card.goal && ` Its goal was met in ${card.weeks_met} of ${counted(card.progress.length, 'week')}.`}
      </p>
      {shown.length > 0 && <ul class="ins-list">{shown.map(item)}</ul>}
      {shown.length === 0 && card.effects.length > 0 && <p class="muted">Nothing in it stands out from chance yet.</p>}
      {more.length > 0 && (
        <details class="ins-more">
          <summary>
            {shown.length > 0 ? `${more.length} more comparisons` : `All ${more.length} comparisons`}
            {moreClaims > 0 && `, ${moreClaims} of them claims`}
            <span class="visually-hidden"> for {card.practice}</span>
          </summary>
          <ul class="ins-list">{more.map(item)}</ul>
        </details>
      )}
      <p>
        <a href={`/experiments/${card.experiment_id}`}>
          The experiment<span class="visually-hidden">: {card.practice}</span> →
        </a>
      </p>
    </article>
  );
}
