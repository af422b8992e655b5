// One comparison of the insights as a horizontal interval plot: the difference as a dot, its
// 90% interval as a bar with whiskers, zero as a line down the middle; beside it the server's
// sentence (the plot's text alternative), the runs on each side, whether it is a claim, and
// how many more runs it needs. Claims are said "went with"; nothing here says "caused".

import type { ComponentChildren } from 'preact';
import { formatSigned } from '../lib/format';
import { bounds, niceCeil, runsNeeded, whisker, type Interval } from '../lib/insights';

let nextId = 0;

/** The plot alone: `extent` is how far the scale reaches either side of zero. */
export function IntervalPlot(props: {
  difference: number | null;
  interval: Interval;
  extent: number;
  claim: boolean;
  /** The id of the element whose words describe this plot. */
  labelledBy?: string;
  label?: string;
  digits?: number;
}) {
  const extent = niceCeil(props.extent * 1.05);
  const w = whisker(props.difference, props.interval, extent);
  if (!w) return null;
  const digits = props.digits ?? 1;
  const tick = (v: number) => (v === 0 ? '0' : formatSigned(v, extent < 1 ? 2 : digits));
  return (
    <svg
      class={`ins-plot${props.claim ? ' ins-claim-plot' : ''}`}
      role="img"
      aria-labelledby={props.labelledBy}
      aria-label={props.labelledBy ? undefined : props.label}
      width="100%"
      height="40"
    >
      <line class="ins-axis" x1="0%" x2="100%" y1="14" y2="14" />
      <line class="ins-zero" x1="50%" x2="50%" y1="2" y2="26" />
      <rect class="ins-bar" x={`${w.low}%`} width={`${Math.max(0.5, w.high - w.low)}%`} y="9" height="10" rx="3" />
      <line class="ins-whisker" x1={`${w.low}%`} x2={`${w.low}%`} y1="6" y2="22" />
      <line class="ins-whisker" x1={`${w.high}%`} x2={`${w.high}%`} y1="6" y2="22" />
      <circle class="ins-point" cx={`${w.point}%`} cy="14" r="5" />
      <text class="ins-tick" x="0%" y="38" text-anchor="start">
        {tick(-extent)}
      </text>
      <text class="ins-tick" x="50%" y="38" text-anchor="middle">
        0
      </text>
      <text class="ins-tick" x="100%" y="38" text-anchor="end">
        {tick(extent)}
      </text>
    </svg>
  );
}

/** A comparison as a list item: its label, plot, sentence, counts and claim. */
export function ComparisonItem(props: {
  label: ComponentChildren;
  difference: number | null;
  interval: Interval;
  claim: boolean;
  tested: boolean;
  extent: number;
  text: string;
  counts: string;
  needed: { a: number; b: number };
  sides: [string, string];
}) {
  const id = `ins-c${nextId++}`;
  const needs = runsNeeded(props.needed, props.sides);
  const drawn = props.tested && props.difference != null && bounds(props.interval) != null;
  return (
    <li class={`ins-item${props.claim ? ' ins-claim' : ''}`}>
      <div class="ins-item-head">
        <strong>{props.label}</strong>
        {props.claim && <span class="ins-badge">went with</span>}
        {!props.tested && needs && <span class="ins-badge ins-badge-wait">{needs.replace(/ to be weighed\.$/, '')}</span>}
      </div>
      {drawn && (
        <IntervalPlot
          difference={props.difference}
          interval={props.interval}
          extent={props.extent}
          claim={props.claim}
          labelledBy={id}
        />
      )}
      <p id={id} class="ins-sentence">
        {props.text}
      </p>
      <p class="ins-counts muted">
        {props.counts}
      </p>
    </li>
  );
}
