// Miles and minutes on the insights page: totals, weekly distance and runs as uPlot charts
// (time across), streaks and the longest gap, pace and heart-rate trends with their
// intervals, the longest runs and the best efforts, each run linked to its page.

import { useMemo } from 'preact/hooks';
import type { Schemas } from '../api/client';
import { counted, formatDistance, formatDuration, formatPacePerKm, type Units } from '../lib/format';
import { bestEfforts, dayFromSeconds, trendSentence, weeklySeries, weeklySummary } from '../lib/insights';
import { Chart } from './chart';
import { IntervalPlot } from './insight-interval';

const week = 7 * 86400;
const monthShort = (seconds: number) =>
  new Date(seconds * 1000).toLocaleDateString('en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' });

function TrendRow(props: { id: string; sentence: string; trend: Schemas['Trend'] | null; scale?: number }) {
  const t = props.trend;
  const scale = props.scale ?? 1;
  const interval = t?.interval ? (t.interval as number[]).map((v) => v * scale) : null;
  const reach = interval ? Math.max(...interval.map(Math.abs), Math.abs((t?.slope_per_week ?? 0) * scale)) : 1;
  return (
    <li class={`ins-item${t?.claim ? ' ins-claim' : ''}`}>
      {t && interval && (
        <IntervalPlot difference={t.slope_per_week * scale} interval={interval} extent={reach} claim={t.claim} labelledBy={props.id} />
      )}
      <p id={props.id} class="ins-sentence">
        {props.sentence}
      </p>
    </li>
  );
}

export function InsightVolume(props: { volume: Schemas['Volume']; units: Units }) {
  const { volume, units } = props;
  const unit = units === 'imperial' ? 'mi' : 'km';
  const series = useMemo(() => weeklySeries(volume.weeks, units), [volume.weeks, units]);
  const summary = weeklySummary(series, unit);
  const perUnit = units === 'imperial' ? 1.609344 : 1;
  const efforts = bestEfforts(volume.best_efforts);
  return (
    <>
      <dl class="numbers card">
        <div>
          <dt>Runs</dt>
          <dd>{volume.total_runs}</dd>
        </div>
        <div>
          <dt>Distance</dt>
          <dd>{formatDistance(volume.total_distance_m, units)}</dd>
        </div>
        <div>
          <dt>Time</dt>
          <dd>{Math.round(volume.total_seconds / 3600)} h</dd>
        </div>
        <div>
          <dt>Weeks in a row</dt>
          <dd>{volume.current_streak_weeks}</dd>
        </div>
        <div>
          <dt>Longest streak</dt>
          <dd>{volume.longest_streak_weeks} weeks</dd>
        </div>
        <div>
          <dt>Longest gap</dt>
          <dd>{volume.longest_gap_days == null ? '—' : `${volume.longest_gap_days} days`}</dd>
        </div>
      </dl>
      <p>
        {volume.current_streak_weeks > 0
          ? `You have run in each of the last ${counted(volume.current_streak_weeks, 'week')} (the week under way does not break a streak); your longest run of weeks is ${volume.longest_streak_weeks}.`
          : `No streak of weeks under way; your longest was ${counted(volume.longest_streak_weeks, 'week')}.`}
        {volume.longest_gap_days != null && ` The longest gap between two runs was ${volume.longest_gap_days} days.`}
      </p>

      {series.x.length > 1 && (
        <>
          <Chart
            id="ins-weekly-distance"
            title={`Distance a week (${unit})`}
            summary={summary}
            x={series.x}
            y={series.distance}
            xLabel="Week of"
            formatX={(v) => monthShort(v)}
            formatY={(v) => `${Math.round(v * 10) / 10}`}
            stepsX={[week, 4 * week, 13 * week, 26 * week, 52 * week]}
          />
          <Chart
            id="ins-weekly-runs"
            title="Runs a week"
            summary={`Runs each week over the same ${series.x.length} weeks, up to the week of ${dayFromSeconds(series.x[series.x.length - 1])}.`}
            x={series.x}
            y={series.runs}
            xLabel="Week of"
            formatX={(v) => monthShort(v)}
            formatY={(v) => `${Math.round(v)}`}
            stepsX={[week, 4 * week, 13 * week, 26 * week, 52 * week]}
            stepsY={[1, 2, 5, 10]}
            colour="--muted"
          />
        </>
      )}

      <h3>Pace and heart rate over the last half-year</h3>
      <ul class="ins-list">
        <TrendRow
          id="ins-pace-trend"
          trend={volume.pace_trend}
          scale={perUnit}
          sentence={trendSentence('Pace', volume.pace_trend, `s/${unit}`, { up: 'slowing', down: 'quickening' }, perUnit)}
        />
        <TrendRow
          id="ins-hr-trend"
          trend={volume.heart_rate_trend}
          sentence={trendSentence('Heart rate', volume.heart_rate_trend, 'bpm', { up: 'rising', down: 'falling' })}
        />
      </ul>

      {volume.longest_runs.length > 0 && (
        <>
          <h3>Longest runs</h3>
          <MarkTable caption="Longest runs" rows={volume.longest_runs.map((mark, i) => ({ label: `${i + 1}`, mark }))} units={units} first="#" />
        </>
      )}
      {efforts.length > 0 && (
        <>
          <h3>Best efforts</h3>
          <p class="muted">The fastest average pace of a run at least this long (from runs' summaries: a fast stretch inside a longer run is not seen).</p>
          <MarkTable caption="Best efforts" rows={efforts} units={units} first="Distance" />
        </>
      )}
    </>
  );
}

function MarkTable(props: { caption: string; rows: Array<{ label: string; mark: Schemas['RunMark'] }>; units: Units; first: string }) {
  return (
    <div class="run-table-wrap" tabIndex={0} role="region" aria-label={`${props.caption} table`}>
      <table>
        <thead>
          <tr>
            <th scope="col">{props.first}</th>
            <th scope="col">Date</th>
            <th scope="col">Distance</th>
            <th scope="col">Time</th>
            <th scope="col">Pace</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map(({ label, mark }) => (
            <tr key={label}>
              <td>{label}</td>
              <td>
                <a href={`/runs/${mark.run_id}`}>{mark.date}</a>
              </td>
              <td>{formatDistance(mark.distance_m, props.units)}</td>
              <td>{formatDuration(mark.seconds)}</td>
              <td>{formatPacePerKm(mark.pace_s_per_km, props.units)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
