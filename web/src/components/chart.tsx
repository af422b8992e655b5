// One line chart drawn by uPlot, as wide as its column, in the page's colours (light or
// dark), with its words beside it: a caption and a one-sentence summary that screen readers
// read instead of the canvas. Only the run page imports this, so uPlot loads with its chunk.

import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

export type ChartProps = {
  id: string;
  title: string;
  /** What the chart shows, in words: its text alternative. */
  summary: string;
  x: number[];
  y: Array<number | null>;
  xLabel: string;
  formatX: (value: number) => string;
  formatY: (value: number) => string;
  /** Draw smaller numbers higher (a faster pace is up). */
  invert?: boolean;
  colour?: string;
  /** The steps the axes' ticks may take (say 30 s, 1 min for a pace). */
  stepsX?: number[];
  stepsY?: number[];
};

export function Chart(props: ChartProps) {
  const holder = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = holder.current;
    if (!el) return;
    const width = Math.max(200, el.clientWidth);
    const axis = {
      stroke: () => cssVar('--muted'),
      grid: { stroke: () => cssVar('--line'), width: 1 },
      ticks: { stroke: () => cssVar('--line'), width: 1 },
      font: '12px system-ui, sans-serif',
    };
    const plot = new uPlot(
      {
        width,
        height: 180,
        padding: [8, 20, 0, 0],
        scales: { x: { time: false }, y: { dir: props.invert ? -1 : 1 } },
        legend: { show: true, live: true },
        cursor: { drag: { x: false, y: false }, points: { size: 8 } },
        series: [
          { label: props.xLabel, value: (_u, v) => (v == null ? '–' : props.formatX(v)) },
          {
            label: props.title,
            stroke: () => cssVar(props.colour ?? '--accent'),
            width: 2,
            spanGaps: false,
            points: { show: false },
            value: (_u, v) => (v == null ? '–' : props.formatY(v)),
          },
        ],
        axes: [
          { ...axis, ...(props.stepsX ? { incrs: props.stepsX } : {}), values: (_u, ticks) => ticks.map((t) => props.formatX(t)) },
          {
            ...axis,
            size: 52,
            ...(props.stepsY ? { incrs: props.stepsY } : {}),
            values: (_u, ticks) => ticks.map((t) => props.formatY(t)),
          },
        ],
      },
      [props.x, props.y as number[]],
      el,
    );
    const resize = new ResizeObserver(() => {
      const w = Math.max(200, el.clientWidth);
      if (w !== plot.width) plot.setSize({ width: w, height: 180 });
    });
    resize.observe(el);
    // The colours come from CSS variables: redraw when the theme changes.
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    const redraw = () => plot.redraw(false, true);
    scheme.addEventListener('change', redraw);
    const themeWatch = new MutationObserver(redraw);
    themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      resize.disconnect();
      scheme.removeEventListener('change', redraw);
      themeWatch.disconnect();
      plot.destroy();
    };
  }, [props.x, props.y, props.invert]);

  return (
    <figure class="run-chart" aria-labelledby={`${props.id}-caption`}>
      <figcaption id={`${props.id}-caption`}>
        <strong>{props.title}</strong>
        <span class="muted"> — {props.summary}</span>
      </figcaption>
      <div class="chart" ref={holder} aria-hidden="true" />
    </figure>
  );
}
