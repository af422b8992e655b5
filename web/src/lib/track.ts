// A run's track made ready to read: pace smoothed so a stop at a crossing does not flatten
// the chart, the series a chart draws over distance or time, and the route projected onto a
// flat drawing (no map tiles: the shape of the run on a plain background).

import type { Units } from './format';

const metersPerMile = 1609.344;

type Column = ReadonlyArray<number | null> | null | undefined;

/** Below this speed (m/s) the runner is taken as stopped: no pace is drawn there. */
export const stoppedSpeed = 0.8;

/**
 * Pace in seconds per kilometre at each sample, from distance over a window of about
 * `windowS` seconds centred on it; null where the runner stood still or the track has no
 * distance. The paces left are clipped to the 2nd-98th percentile, so a GPS jump or a
 * slow shuffle does not squash the rest of the chart.
 */
export function smoothPace(
  offsets: ReadonlyArray<number>,
  distances: Column,
  windowS = 30,
): Array<number | null> {
  const n = offsets.length;
  const out: Array<number | null> = new Array(n).fill(null);
  if (!distances || distances.length !== n || n < 2) return out;
  // Samples with both a time and a distance, in order.
  const idx: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const d = distances[i];
    if (d != null && Number.isFinite(d) && Number.isFinite(offsets[i])) idx.push(i);
  }
  if (idx.length < 2) return out;
  const half = windowS / 2;
  let lo = 0;
  let hi = 0;
  for (let k = 0; k < idx.length; k += 1) {
    const t = offsets[idx[k]];
    while (lo < k && offsets[idx[lo]] < t - half) lo += 1;
    if (hi < k) hi = k;
    while (hi + 1 < idx.length && offsets[idx[hi + 1]] <= t + half) hi += 1;
    let a = lo;
    let b = hi;
    // At the very ends the window is lopsided; widen it to at least two samples.
    if (a === b) {
      if (b + 1 < idx.length) b += 1;
      else if (a > 0) a -= 1;
    }
    const dt = offsets[idx[b]] - offsets[idx[a]];
    const dd = (distances[idx[b]] as number) - (distances[idx[a]] as number);
    if (dt <= 0 || dd <= 0 || dd / dt < stoppedSpeed) continue;
    out[idx[k]] = (dt / dd) * 1000;
  }
  const kept = out.filter((p): p is number => p != null).sort((x, y) => x - y);
  if (kept.length === 0) return out;
  const floor = quantile(kept, 0.02);
  const ceiling = quantile(kept, 0.98);
  return out.map((p) => (p == null ? null : Math.min(ceiling, Math.max(floor, p))));
}

/** The q-quantile of sorted numbers, interpolated. */
export function quantile(sorted: ReadonlyArray<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  const above = Math.ceil(at);
  return sorted[below] + (sorted[above] - sorted[below]) * (at - below);
}

export type TrackColumns = {
  offset_s: number[];
  distance_m: Column;
  altitude_m: Column;
  heart_rate_bpm: Column;
};

export type Axis = 'distance' | 'time';

export type Series = {
  /** Distance in the runner's units (km or mi), or time in minutes; ascending. */
  x: number[];
  /** Seconds per km or per mile (the runner's units); null without a distance column. */
  pace: Array<number | null> | null;
  heartRate: Array<number | null> | null;
  altitude: Array<number | null> | null;
};

function hasValues(column: Column): column is ReadonlyArray<number | null> {
  return !!column && column.some((v) => v != null);
}

/**
 * The series the charts draw, over distance (in km or mi) or over time (minutes). Over
 * distance, samples without a distance are left out and the x stays non-decreasing; a
 * column with no values at all becomes null, so its chart is skipped.
 */
export function chartSeries(track: TrackColumns, axis: Axis, units: Units): Series {
  const perUnit = units === 'imperial' ? metersPerMile : 1000;
  const paceAll = hasValues(track.distance_m) ? smoothPace(track.offset_s, track.distance_m) : null;
  const keep: number[] = [];
  const x: number[] = [];
  let last = -Infinity;
  for (let i = 0; i < track.offset_s.length; i += 1) {
    if (axis === 'time') {
      keep.push(i);
      x.push(track.offset_s[i] / 60);
      continue;
    }
    const d = track.distance_m?.[i];
    if (d == null || !Number.isFinite(d)) continue;
    const value = Math.max(last, d / perUnit);
    last = value;
    keep.push(i);
    x.push(value);
  }
  const pick = (column: Column, scale = 1) =>
    hasValues(column) ? keep.map((i) => (column[i] == null ? null : (column[i] as number) * scale)) : null;
  return {
    x,
    pace: paceAll && paceAll.some((p) => p != null) ? pick(paceAll, perUnit / 1000) : null,
    heartRate: pick(track.heart_rate_bpm),
    altitude: pick(track.altitude_m),
  };
}

/** Smallest, mean and largest of the numbers present (for a chart's text alternative). */
export function summarize(values: ReadonlyArray<number | null>): { min: number; mean: number; max: number } | null {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let count = 0;
  for (const v of values) {
    if (v == null || !Number.isFinite(v)) continue;
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
    count += 1;
  }
  return count === 0 ? null : { min, mean: sum / count, max };
}

export type Drawing = {
  width: number;
  height: number;
  /** Each unbroken stretch of the route as SVG polyline points ("x,y x,y ..."). */
  lines: string[];
  start: [number, number] | null;
  finish: [number, number] | null;
  /** How positions map to the drawing: x = pad + (lon - minLon) * scaleX * k, y = pad + (maxLat - lat) * k. */
  frame: { minLon: number; maxLat: number; scaleX: number; k: number; pad: number };
};

/** A map tile placed in a drawing's coordinates. */
export type PlacedTile = { href: string; x: number; y: number; width: number; height: number };

const tileLatitude = (y: number, z: number) =>
  (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 2 ** z))) * 180) / Math.PI;
const tileY = (lat: number, z: number) => {
  const r = (lat * Math.PI) / 180;
  return ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z;
};

/**
 * The map tiles (Web Mercator, `template` with {z}, {x}, {y}) that cover a drawing, placed in
 * its coordinates, at the zoom where about two tiles span it. Only called when the runner
 * turned tiles on: each one asks the tile server for a piece of map where they run. Over a
 * few kilometres the drawing's projection and the tiles' agree to a fraction of a pixel.
 */
export function tilesFor(drawing: Drawing, template: string, maxTiles = 16): PlacedTile[] {
  const { minLon, maxLat, scaleX, k, pad } = drawing.frame;
  const west = minLon - pad / (scaleX * k);
  const east = minLon + (drawing.width - pad) / (scaleX * k);
  const north = Math.min(85, maxLat + pad / k);
  const south = Math.max(-85, maxLat - (drawing.height - pad) / k);
  let z = Math.max(1, Math.min(17, Math.floor(Math.log2((360 * 2) / Math.max(east - west, 1e-6)))));
  let x0 = 0;
  let x1 = 0;
  let y0 = 0;
  let y1 = 0;
  for (; z >= 1; z -= 1) {
    x0 = Math.floor(((west + 180) / 360) * 2 ** z);
    x1 = Math.floor(((east + 180) / 360) * 2 ** z);
    y0 = Math.floor(tileY(north, z));
    y1 = Math.floor(tileY(south, z));
    if ((x1 - x0 + 1) * (y1 - y0 + 1) <= maxTiles) break;
  }
  const toX = (lon: number) => pad + (lon - minLon) * scaleX * k;
  const toY = (lat: number) => pad + (maxLat - lat) * k;
  const tiles: PlacedTile[] = [];
  for (let tx = x0; tx <= x1; tx += 1) {
    for (let ty = y0; ty <= y1; ty += 1) {
      const lonW = (tx / 2 ** z) * 360 - 180;
      const lonE = ((tx + 1) / 2 ** z) * 360 - 180;
      const latN = tileLatitude(ty, z);
      const latS = tileLatitude(ty + 1, z);
      tiles.push({
        href: template.replace('{z}', String(z)).replace('{x}', String(tx)).replace('{y}', String(ty)),
        x: round1(toX(lonW)),
        y: round1(toY(latN)),
        width: round1(toX(lonE) - toX(lonW)),
        height: round1(toY(latS) - toY(latN)),
      });
    }
  }
  return tiles;
}

/**
 * The route on a flat drawing: an equirectangular projection with longitudes scaled by the
 * cosine of the route's middle latitude (so a loop is not stretched sideways), fitted into
 * `size` with `pad` around it, north up. A gap in the positions breaks the line. At most
 * `maxPoints` points are kept (evenly), enough for a drawing on a phone.
 */
export function projectRoute(
  latitudes: Column,
  longitudes: Column,
  size = 300,
  pad = 12,
  maxPoints = 1500,
): Drawing | null {
  if (!latitudes || !longitudes) return null;
  const n = Math.min(latitudes.length, longitudes.length);
  const points: Array<[number, number] | null> = [];
  let minLat = Infinity;
  let maxLat = -Infinity;
  let minLon = Infinity;
  let maxLon = -Infinity;
  let count = 0;
  for (let i = 0; i < n; i += 1) {
    const lat = latitudes[i];
    const lon = longitudes[i];
    if (lat == null || lon == null || !Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90) {
      points.push(null);
      continue;
    }
    points.push([lat, lon]);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
    count += 1;
  }
  if (count < 2) return null;
  const scaleX = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = (maxLon - minLon) * scaleX;
  const spanY = maxLat - minLat;
  const span = Math.max(spanX, spanY);
  if (span <= 0) return null;
  const inner = size - 2 * pad;
  const k = inner / span;
  const width = Math.round(spanX * k + 2 * pad);
  const height = Math.round(spanY * k + 2 * pad);
  const project = ([lat, lon]: [number, number]): [number, number] => [
    round1(pad + (lon - minLon) * scaleX * k),
    round1(pad + (maxLat - lat) * k),
  ];
  const step = Math.max(1, Math.ceil(count / maxPoints));
  const lines: string[] = [];
  let current: string[] = [];
  let seen = 0;
  let start: [number, number] | null = null;
  let finish: [number, number] | null = null;
  for (let i = 0; i < points.length; i += 1) {
    const p = points[i];
    if (!p) {
      if (current.length > 1) lines.push(current.join(' '));
      current = [];
      continue;
    }
    const isLast = seen === count - 1;
    if (seen % step === 0 || isLast || current.length === 0) {
      const xy = project(p);
      if (!start) start = xy;
      finish = xy;
      current.push(`${xy[0]},${xy[1]}`);
    }
    seen += 1;
  }
  if (current.length > 1) lines.push(current.join(' '));
  return { width, height, lines, start, finish, frame: { minLon, maxLat, scaleX, k, pad } };
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}
