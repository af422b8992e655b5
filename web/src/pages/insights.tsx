// What the journal says (GET /api/insights, docs/insights.md): the prompts to re-evaluate a
// value first, then every comparison as an interval plot with the server's sentence, the
// experiments' cards, importance against what was lived, motivation and mood lift, and the
// miles and minutes. Only claims are said "went with"; nothing is said to cause anything.

import { useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { api, ok, type Schemas } from '../api/client';
import { Field, Status } from '../components/forms';
import { InsightExperiment } from '../components/insight-experiment';
import { ComparisonItem, IntervalPlot } from '../components/insight-interval';
import { InsightVolume } from '../components/insight-volume';
import { type Units } from '../lib/format';
import {
  days,
  experimentsLatestFirst,
  extents,
  factorLabel,
  groupContextEffects,
  groupValueEffects,
  importanceRows,
  isValueEffect,
  levelLabel,
  outcomeLabel,
  promptTitle,
  reviewHref,
  splitClaims,
  trendSentence,
  type ContextEffect,
  type Insights,
  type Outcome,
  type ValueEffect,
} from '../lib/insights';
import { useUnits } from '../lib/run-units';
import { useLoad } from '../lib/use-load';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export default function InsightsPage() {
  const { query, route } = useLocation();
  const asOf = typeof query.as_of === 'string' && isoDate.test(query.as_of) ? query.as_of : '';
  const units = useUnits();
  const loaded = useLoad(
    () => ok(api.GET('/api/insights', { params: { query: asOf ? { as_of: asOf } : {} } })),
    [asOf],
  );
  return (
    <>
      <h1>Insights</h1>
      <AsOf asOf={asOf} onPick={(d) => route(d ? `/insights?as_of=${d}` : '/insights')} />
      <Status loaded={loaded}>{(data) => <InsightsView data={data} units={units} current={!asOf} />}</Status>
    </>
  );
}

function AsOf(props: { asOf: string; onPick: (date: string) => void }) {
  const [value, setValue] = useState(props.asOf);
  return (
    <form
      class="ins-asof row"
      onSubmit={(e) => {
        e.preventDefault();
        props.onPick(value);
      }}
    >
      <Field id="ins-asof" label="As of" hint="What the journal said on that day; empty for today.">
        <input id="ins-asof" type="date" value={value} onInput={(e) => setValue(e.currentTarget.value)} />
      </Field>
      <button type="submit">Show</button>
      {props.asOf && (
        <button
          type="button"
          class="secondary"
          onClick={() => {
            setValue('');
            props.onPick('');
          }}
        >
          Today
        </button>
      )}
    </form>
  );
}

const sections = [
  ['ins-prompts', 'Time to re-evaluate?'],
  ['ins-values', 'Your values and your runs'],
  ['ins-contexts', 'Circumstances'],
  ['ins-experiments', 'Experiments'],
  ['ins-importance', 'Importance against what was lived'],
  ['ins-motivation', 'Motivation'],
  ['ins-mood', 'Mood lift'],
  ['ins-volume', 'Miles and minutes'],
  ['ins-routes', 'Routes'],
] as const;

function InsightsView(props: { data: Insights; units: Units; current: boolean }) {
  const { data, units } = props;
  // The top of the page first: what is below the prompts (on ten years, some three thousand
  // elements, most of them the small plots of each comparison) is drawn once the browser has
  // painted it, so the page can be read at once instead of after all of it is laid out.
  // (Preact runs an effect after the next paint.)
  const [below, setBelow] = useState(false);
  useEffect(() => setBelow(true), []);
  const names = new Map<number, string>([
    ...data.importance_vs_lived.map((v) => [v.value_id, v.value] as [number, string]),
    ...data.value_effects.map((v) => [v.value_id, v.value] as [number, string]),
  ]);
  return (
    <>
      <p class="ins-lead">
        As of {data.as_of}: {data.runs_considered} runs, {data.comparisons_tested} comparisons weighed together. A difference is a
        claim (<span class="ins-badge">went with</span>) only when it holds among all of them at a{' '}
        {Math.round(data.false_discovery_rate * 100)}% false discovery rate; each side needs {data.min_runs_per_group} runs. A journal is
        not an experiment: these say what went together, never what caused what.
      </p>
      <nav aria-label="On this page" class="ins-toc">
        <ul>
          {sections.map(([id, title]) => (
            <li key={id}>
              <a href={`#${id}`}>{title}</a>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="ins-prompts">
        <h2 id="ins-prompts">Time to re-evaluate?</h2>
        {data.prompts.length === 0 ? (
          <p>Nothing in the journal asks you to look again at a value.</p>
        ) : (
          data.prompts.map((p, i) => (
            <PromptCard key={i} prompt={p} index={i} reach={extents(p.evidence)} current={props.current} value={p.value_id == null ? undefined : names.get(p.value_id)} />
          ))
        )}
      </section>

      {below && (
      <>
      <section aria-labelledby="ins-values">
        <h2 id="ins-values">Your values and your runs</h2>
        <p class="muted">
          For each value, the runs you rated 7 or more for it against the runs you rated 6 or less. Runs not rated for it take no
          part. The bar is the 90% interval of the difference; when it crosses zero the runs cannot tell the two apart yet.
        </p>
        {data.value_effects.length === 0 && <p>No value has rated runs yet.</p>}
        {groupValueEffects(data.value_effects).map((g) => (
          <Group
            key={g.valueId}
            id={`ins-value-${g.valueId}`}
            title={g.value}
            effects={g.effects}
            item={(e, reach) => <ValueItem effect={e as ValueEffect} reach={reach} />}
          />
        ))}
      </section>

      <section aria-labelledby="ins-contexts">
        <h2 id="ins-contexts">Circumstances</h2>
        <p class="muted">Each circumstance against your usual one (the level most of your runs had).</p>
        {data.context_effects.length === 0 && <p>Not enough runs with answers yet.</p>}
        {groupContextEffects(data.context_effects).map((g) => (
          <Group
            key={g.factor}
            id={`ins-factor-${g.factor}`}
            title={`${factorLabel(g.factor)} (usual: ${levelLabel(g.usual)})`}
            effects={g.effects}
            item={(e, reach) => <ContextItem effect={e as ContextEffect} reach={reach} withFactor={false} />}
          />
        ))}
      </section>

      <section aria-labelledby="ins-experiments">
        <h2 id="ins-experiments">Experiments</h2>
        {data.experiments.length === 0 ? (
          <p>
            No experiment had started by this date (see <a href="/experiments">your experiments</a>).
          </p>
        ) : (
          <>
            <p class="muted">Each experiment's runs against the same number of weeks just before it.</p>
            {experimentsLatestFirst(data.experiments).map((card) => (
              <InsightExperiment key={card.experiment_id} card={card} />
            ))}
          </>
        )}
      </section>

      <section aria-labelledby="ins-importance">
        <h2 id="ins-importance">Importance against what was lived</h2>
        <p class="muted">
          Each value's importance beside the share of the last eight weeks' journaled runs that lived it well (and the check-ins'
          rating of its life area), widest gap first.
        </p>
        <ImportanceList items={data.importance_vs_lived} />
      </section>

      <section aria-labelledby="ins-motivation">
        <h2 id="ins-motivation">Motivation</h2>
        <Motivation motivation={data.motivation} />
      </section>

      <section aria-labelledby="ins-mood">
        <h2 id="ins-mood">Mood lift</h2>
        <MoodLift mood={data.mood_lift} />
      </section>

      <section aria-labelledby="ins-volume">
        <h2 id="ins-volume">Miles and minutes</h2>
        <InsightVolume volume={data.volume} units={units} />
      </section>

      <section aria-labelledby="ins-routes">
        <h2 id="ins-routes">Routes</h2>
        {data.routes.length === 0 ? (
          <p>No route run more than once with GPS yet.</p>
        ) : (
          <ol class="ins-routes">
            {data.routes.map((r) => (
              <li key={r.route_id}>
                <strong>{r.named ? r.name : r.name.replace(/^./, (c) => c.toUpperCase())}</strong>: {r.runs} runs
                <p class="ins-sentence">{r.text}</p>
              </li>
            ))}
          </ol>
        )}
      </section>
      </>
      )}
    </>
  );
}

type Effect = ValueEffect | ContextEffect;

/** A group's claims at once, the other comparisons behind "more"; one outcome's plots share a scale. */
function Group(props: {
  id: string;
  title: string;
  effects: Effect[];
  item: (e: Effect, reach: Map<Outcome, number>) => preact.JSX.Element;
}) {
  const { shown, more, moreClaims } = splitClaims(props.effects, 4);
  const reach = extents(props.effects);
  return (
    <div class="ins-group">
      <h3 id={props.id}>{props.title}</h3>
      {shown.length === 0 && <p class="muted">Nothing here stands out from chance yet.</p>}
      {shown.length > 0 && <ul class="ins-list">{shown.map((e) => <Keyed key={e.outcome + key(e)}>{props.item(e, reach)}</Keyed>)}</ul>}
      {more.length > 0 && (
        <details class="ins-more">
          <summary>
            {shown.length > 0 ? `${more.length} more comparisons` : `All ${more.length} comparisons`}
            {moreClaims > 0 && `, ${moreClaims} of them ${moreClaims === 1 ? 'a claim' : 'claims'}`}
            <span class="visually-hidden"> for {props.title}</span>
          </summary>
          <ul class="ins-list">{more.map((e) => <Keyed key={e.outcome + key(e)}>{props.item(e, reach)}</Keyed>)}</ul>
        </details>
      )}
    </div>
  );
}

function key(e: Effect): string {
  return isValueEffect(e) ? `v${e.value_id}` : `${e.factor}:${e.level_a}`;
}

function Keyed(props: { children: preact.JSX.Element }) {
  return props.children;
}

function ValueItem(props: { effect: ValueEffect; reach: Map<Outcome, number>; withValue?: boolean }) {
  const e = props.effect;
  return (
    <ComparisonItem
      label={props.withValue ? `${e.value}: ${outcomeLabel(e.outcome).toLowerCase()}` : outcomeLabel(e.outcome)}
      difference={e.difference}
      interval={e.interval}
      claim={e.claim}
      tested={e.tested}
      extent={props.reach.get(e.outcome) ?? 1}
      text={e.text}
      counts={`${e.n_aligned} well-aligned runs, ${e.n_other} other`}
      needed={e.runs_needed}
      sides={['well-aligned', 'other']}
    />
  );
}

function ContextItem(props: { effect: ContextEffect; reach: Map<Outcome, number>; withFactor: boolean }) {
  const e = props.effect;
  const a = levelLabel(e.level_a);
  const b = levelLabel(e.level_b);
  return (
    <ComparisonItem
      label={`${props.withFactor ? `${factorLabel(e.factor)}: ${a}` : a.replace(/^./, (c) => c.toUpperCase())} against ${b} · ${outcomeLabel(e.outcome).toLowerCase()}`}
      difference={e.difference}
      interval={e.interval}
      claim={e.claim}
      tested={e.tested}
      extent={props.reach.get(e.outcome) ?? 1}
      text={e.text}
      counts={`${a}: ${e.n_a} runs · ${b}: ${e.n_b} runs`}
      needed={e.runs_needed}
      sides={[a, b]}
    />
  );
}

function PromptCard(props: {
  prompt: Schemas['Prompt'];
  index: number;
  reach: Map<Outcome, number>;
  current: boolean;
  value?: string;
}) {
  const p = props.prompt;
  const value = props.value ?? p.evidence.find(isValueEffect)?.value;
  const id = `ins-prompt-${props.index}`;
  return (
    <article class="card ins-prompt" aria-labelledby={id}>
      <h3 id={id}>
        {promptTitle(p.kind)}
        {value ? `: ${value}` : ''}
      </h3>
      <p>{p.text}</p>
      {p.evidence.length > 0 && (
        <>
          <p class="muted">The evidence:</p>
          <ul class="ins-list">
            {p.evidence.map((e, i) =>
              isValueEffect(e) ? (
                <ValueItem key={i} effect={e} reach={props.reach} withValue />
              ) : (
                <ContextItem key={i} effect={e} reach={props.reach} withFactor />
              ),
            )}
          </ul>
        </>
      )}
      {props.current ? (
        <p>
          <a class="button" href={reviewHref(props.index)}>
            Review your values<span class="visually-hidden"> with this prompt</span>
          </a>
        </p>
      ) : (
        // The review weighs today's journal: its prompts are today's, not this date's.
        <p class="muted">
          This is what the journal said then; a review starts from <a href="/insights">today's prompts</a>.
        </p>
      )}
    </article>
  );
}

function ImportanceList(props: { items: Schemas['ImportanceVsLived'][] }) {
  const rows = importanceRows(props.items);
  if (rows.length === 0) return <p>No values held yet.</p>;
  return (
    <ul class="ins-list">
      {rows.map((r) => {
        const id = `ins-imp-${r.value_id}`;
        const bars: Array<[string, number | null, string]> = [
          ['Importance', r.importance / 10, `${r.importance}/10`],
          ['Lived well', r.lived_share, r.lived_share == null ? 'not rated' : `${Math.round(r.lived_share * 100)}%`],
          ['Life area', r.life_area_mean == null ? null : r.life_area_mean / 10, r.life_area_mean == null ? '—' : `${r.life_area_mean.toFixed(1)}/10`],
        ];
        return (
          <li key={r.value_id} class="ins-item">
            <div class="ins-item-head">
              <strong>{r.value}</strong>
              {r.gap != null && (
                <span class="muted">
                  {r.gap > 0 ? `lived ${Math.round(r.gap * 100)} points short of its importance` : 'lived as much as its importance'}
                </span>
              )}
            </div>
            <div class="ins-bars" role="img" aria-labelledby={id}>
              {bars
                .filter(([, v, label]) => v != null || label !== '—')
                .map(([name, v, label]) => (
                  <div key={name} class="ins-bar-row" aria-hidden="true">
                    <span class="ins-bar-name">{name}</span>
                    <span class="ins-bar-track">
                      <span class={`ins-bar-fill ins-bar-${name === 'Importance' ? 'imp' : 'lived'}`} style={{ width: `${Math.round((v ?? 0) * 100)}%` }} />
                    </span>
                    <span class="ins-bar-label">{label}</span>
                  </div>
                ))}
            </div>
            <p id={id} class="ins-sentence">
              {r.text}
            </p>
            <p class="ins-counts muted">
              {r.aligned_runs} of {r.rated_runs} rated runs lived it well ({r.recent_runs} recent runs)
              {r.mean_alignment != null && `; mean rating ${r.mean_alignment.toFixed(1)}`}
            </p>
          </li>
        );
      })}
    </ul>
  );
}

function Motivation(props: { motivation: Schemas['Motivation'] }) {
  const m = props.motivation;
  const gap = m.gaps_recent_vs_usual;
  const trendPlot = (id: string, t: Schemas['Trend'] | null, sentence: string) => {
    const interval = t?.interval as number[] | null | undefined;
    return (
      <li class={`ins-item${t?.claim ? ' ins-claim' : ''}`}>
        {t && interval && (
          <IntervalPlot
            difference={t.slope_per_week}
            interval={interval}
            extent={Math.max(...interval.map(Math.abs), Math.abs(t.slope_per_week), 0.1)}
            claim={t.claim}
            labelledBy={id}
            digits={2}
          />
        )}
        <p id={id} class="ins-sentence">
          {sentence}
        </p>
      </li>
    );
  };
  return (
    <>
      <p class={m.warnings.length > 0 ? 'notice' : ''}>{m.text.split(/(?<=\.) /)[0]}</p>
      {m.warnings.length > 0 && (
        <ul>
          {m.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
      <dl class="numbers card">
        <div>
          <dt>Enjoyment, last six weeks</dt>
          <dd>{m.recent_enjoyment == null ? '—' : m.recent_enjoyment.toFixed(1)}</dd>
        </div>
        <div>
          <dt>The half-year before</dt>
          <dd>{m.earlier_enjoyment == null ? '—' : m.earlier_enjoyment.toFixed(1)}</dd>
        </div>
        <div>
          <dt>Usual gap</dt>
          <dd>{days(m.usual_gap_days)}</dd>
        </div>
        <div>
          <dt>A long gap</dt>
          <dd>{days(m.long_gap_days)}</dd>
        </div>
        <div>
          <dt>Since the last run</dt>
          <dd>{days(m.days_since_last_run)}</dd>
        </div>
      </dl>
      <h3>Trends</h3>
      <ul class="ins-list">
        {trendPlot(
          'ins-enjoyment-trend',
          m.enjoyment_trend,
          trendSentence('Enjoyment over twelve weeks', m.enjoyment_trend, 'points', { up: 'rising', down: 'falling' }),
        )}
        {trendPlot(
          'ins-selfdir-trend',
          m.self_direction_trend,
          m.self_direction_trend
            ? trendSentence('Self-direction in check-ins over half a year', m.self_direction_trend, 'points', { up: 'rising', down: 'falling' })
            : 'Self-direction in check-ins: fewer than six check-ins in the half-year, no line yet.',
        )}
      </ul>
      <h3>Gaps between runs</h3>
      {gap ? (
        <ul class="ins-list">
          <ComparisonItem
            label="Recent gaps against your usual ones (days)"
            difference={gap.difference}
            interval={gap.interval}
            claim={gap.claim}
            tested={gap.tested}
            extent={Math.max(...((gap.interval as number[] | null) ?? [1]).map(Math.abs), 1)}
            text={gapSentence(gap)}
            counts={`${gap.n_recent} recent gaps, ${gap.n_usual} usual`}
            needed={gap.runs_needed}
            sides={['recent', 'usual']}
          />
        </ul>
      ) : (
        <p>Too few runs in the last six weeks to compare their gaps with your usual ones.</p>
      )}
    </>
  );
}

function gapSentence(gap: Schemas['GapEffect']): string {
  if (!gap.tested || gap.difference == null) return 'Not enough runs yet to compare recent gaps with the usual ones.';
  const size = Math.abs(gap.difference).toFixed(1);
  const way = gap.difference >= 0 ? 'longer' : 'shorter';
  if (gap.claim) return `The gaps between your runs have been ${size} days ${way} lately than your usual ones.`;
  return `Recent gaps: ${size} days ${way} than your usual ones, too uncertain to tell from chance.`;
}

function MoodLift(props: { mood: Schemas['MoodLift'] }) {
  const m = props.mood;
  const interval = m.interval as number[] | null;
  return (
    <ul class="ins-list">
      <li class="ins-item">
        {m.mean != null && interval && (
          <IntervalPlot
            difference={m.mean}
            interval={interval}
            extent={Math.max(...interval.map(Math.abs), 1)}
            claim={false}
            labelledBy="ins-mood-text"
          />
        )}
        <p id="ins-mood-text" class="ins-sentence">
          {m.text}
        </p>
        <p class="ins-counts muted">
          {m.n} runs with mood before and after{m.largest_when ? ` · largest ${m.largest_when}` : ''}
        </p>
      </li>
    </ul>
  );
}
