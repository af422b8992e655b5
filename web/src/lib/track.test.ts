import { describe, expect, it } from 'vitest';
import { chartSeries, projectRoute, quantile, smoothPace, stoppedSpeed, summarize, tilesFor } from './track';
import { distanceInUnits, parseDistance, parseDuration, unitsOf } from './run-edit';

// A steady 5:00 /km (3.333 m/s) sampled every 5 s.
function steady(samples: number, speed = 1000 / 300) {
  const offsets = Array.from({ length: samples }, (_, i) => i * 5);
  const distances = offsets.map((t) => t * speed);
  return { offsets, distances };
}

describe('smoothPace', () => {
  it('reads a steady run as its pace everywhere', () => {
    const { offsets, distances } = steady(40);
    const pace = smoothPace(offsets, distances);
    expect(pace).toHaveLength(40);
    for (const p of pace) expect(p).toBeCloseTo(300, 6);
  });

  it('leaves a stop out instead of drawing an enormous pace', () => {
    const { offsets } = steady(60);
    // Runs 5:00 /km, stands still from 100 s to 200 s, then runs on.
    const distances = offsets.map((t) => (t <= 100 ? t : t <= 200 ? 100 : t - 100) * (1000 / 300));
    const pace = smoothPace(offsets, distances);
    expect(pace[30]).toBeNull(); // 150 s: standing
    expect(pace[5]).toBeCloseTo(300, 6);
    expect(pace[55]).toBeCloseTo(300, 6);
    const drawn = pace.filter((p): p is number => p != null);
    expect(Math.max(...drawn)).toBeLessThan(1000 / stoppedSpeed);
  });

  it('clips a lone spike to the bulk of the paces', () => {
    const offsets = Array.from({ length: 200 }, (_, i) => i * 5);
    const distances: number[] = [];
    let d = 0;
    for (let i = 0; i < 200; i += 1) {
      distances.push(d);
      d += i === 100 ? 400 : 5 * (1000 / 300); // a GPS jump of 400 m in 5 s
    }
    const pace = smoothPace(offsets, distances);
    const drawn = pace.filter((p): p is number => p != null);
    // The jump would read as ~0:30 /km; clipping keeps the chart's floor near the real pace.
    expect(Math.min(...drawn)).toBeGreaterThan(30);
    expect(quantile([...drawn].sort((a, b) => a - b), 0.5)).toBeCloseTo(300, 0);
  });

  it('gives nothing without distances and skips samples whose distance is missing', () => {
    expect(smoothPace([0, 5, 10], null)).toEqual([null, null, null]);
    const { offsets, distances } = steady(20);
    const holed: Array<number | null> = [...distances];
    holed[7] = null;
    const pace = smoothPace(offsets, holed);
    expect(pace[7]).toBeNull();
    expect(pace[8]).toBeCloseTo(300, 6);
  });
});

describe('chartSeries', () => {
  const { offsets, distances } = steady(10);
  const track = {
    offset_s: offsets,
    distance_m: distances,
    altitude_m: offsets.map((t) => 50 + t / 10),
    heart_rate_bpm: null,
  };

  it('draws over distance in the runner units, pace per mile for miles', () => {
    const km = chartSeries(track, 'distance', 'metric');
    expect(km.x[9]).toBeCloseTo(0.15, 6);
    expect(km.pace?.[3]).toBeCloseTo(300, 6);
    expect(km.heartRate).toBeNull();
    expect(km.altitude?.[0]).toBe(50);
    const mi = chartSeries(track, 'distance', 'imperial');
    expect(mi.x[9]).toBeCloseTo(150 / 1609.344, 6);
    expect(mi.pace?.[3]).toBeCloseTo(300 * 1.609344, 6);
  });

  it('draws over time in minutes and keeps every sample', () => {
    const byTime = chartSeries({ ...track, distance_m: null }, 'time', 'metric');
    expect(byTime.x).toEqual(offsets.map((t) => t / 60));
    expect(byTime.pace).toBeNull();
  });

  it('leaves out samples without a distance and keeps x from going back', () => {
    const bumpy = { ...track, distance_m: [0, 10, null, 30, 25, 50, 60, 70, 80, 90] };
    const s = chartSeries(bumpy, 'distance', 'metric');
    expect(s.x).toHaveLength(9);
    for (let i = 1; i < s.x.length; i += 1) expect(s.x[i]).toBeGreaterThanOrEqual(s.x[i - 1]);
  });

  it('treats a column of nulls as absent', () => {
    const s = chartSeries({ ...track, heart_rate_bpm: [null, null, null, null, null, null, null, null, null, null] }, 'time', 'metric');
    expect(s.heartRate).toBeNull();
  });
});

describe('summarize', () => {
  it('reads the least, mean and most of the numbers present', () => {
    expect(summarize([1, null, 3, 5])).toEqual({ min: 1, mean: 3, max: 5 });
    expect(summarize([null])).toBeNull();
  });
});

describe('projectRoute', () => {
  it('is null without positions', () => {
    expect(projectRoute(null, null)).toBeNull();
    expect(projectRoute([52], [13])).toBeNull();
  });

  it('scales longitude by the cosine of latitude, north up', () => {
    // A square 0.01° of latitude by 0.01°/cos(60°) = 0.02° of longitude at 60° N.
    const lat = [60, 60, 60.01, 60.01, 60];
    const lon = [10, 10.02, 10.02, 10, 10];
    const d = projectRoute(lat, lon, 100, 0)!;
    expect(d.width).toBeCloseTo(100, -1);
    expect(d.height).toBeCloseTo(100, -1);
    expect(d.lines).toHaveLength(1);
    const pts = d.lines[0].split(' ').map((p) => p.split(',').map(Number));
    expect(pts[0][1]).toBeCloseTo(100, 0); // the southern start is at the bottom
    expect(pts[2][1]).toBeCloseTo(0, 0); // north at the top
    expect(pts[1][0]).toBeGreaterThan(pts[0][0]); // east to the right
    expect(d.start).toEqual([pts[0][0], pts[0][1]]);
  });

  it('keeps a long route wide and short, padded', () => {
    const d = projectRoute([0, 0, 0.001], [0, 0.02, 0.02], 300, 10)!;
    expect(d.width).toBe(300);
    expect(d.height).toBeLessThan(40);
  });

  it('breaks the line where positions are missing and thins long tracks', () => {
    const lat: Array<number | null> = [];
    const lon: Array<number | null> = [];
    for (let i = 0; i < 5000; i += 1) {
      lat.push(i === 2500 ? null : 52 + i * 1e-5);
      lon.push(i === 2500 ? null : 13 + Math.sin(i / 100) * 1e-3);
    }
    const d = projectRoute(lat, lon, 300, 12, 1000)!;
    expect(d.lines).toHaveLength(2);
    const total = d.lines.reduce((n, l) => n + l.split(' ').length, 0);
    expect(total).toBeLessThanOrEqual(1010);
    expect(d.finish).not.toBeNull();
  });
});

describe('the edit form', () => {
  it('reads times as typed', () => {
    expect(parseDuration('52:30')).toBe(3150);
    expect(parseDuration('1:05:07')).toBe(3907);
    expect(parseDuration('45')).toBe(2700);
    expect(parseDuration('')).toBeNull();
    expect(parseDuration('5:75')).toBeNaN();
    expect(parseDuration('abc')).toBeNaN();
  });

  it('reads distances in the runner units', () => {
    expect(parseDistance('10', 'metric')).toBe(10000);
    expect(parseDistance('10,5', 'metric')).toBe(10500);
    expect(parseDistance('1', 'imperial')).toBeCloseTo(1609.344, 6);
    expect(parseDistance('', 'metric')).toBeNull();
    expect(parseDistance('ten', 'metric')).toBeNaN();
    expect(distanceInUnits(10000, 'metric')).toBe('10');
    expect(distanceInUnits(1609.344, 'imperial')).toBe('1');
    expect(unitsOf('mi')).toBe('imperial');
    expect(unitsOf('km')).toBe('metric');
  });
});

describe('tilesFor', () => {
  it('covers a route in Berlin with a few tiles that line up with the drawing', () => {
    const lat = [52.5, 52.51, 52.52, 52.5];
    const lon = [13.4, 13.42, 13.41, 13.4];
    const drawing = projectRoute(lat, lon)!;
    const tiles = tilesFor(drawing, 'https://tile.example/{z}/{x}/{y}.png');
    expect(tiles.length).toBeGreaterThan(0);
    expect(tiles.length).toBeLessThanOrEqual(16);
    // The tiles together cover the whole drawing.
    const left = Math.min(...tiles.map((t) => t.x));
    const top = Math.min(...tiles.map((t) => t.y));
    const right = Math.max(...tiles.map((t) => t.x + t.width));
    const bottom = Math.max(...tiles.map((t) => t.y + t.height));
    expect(left).toBeLessThanOrEqual(0);
    expect(top).toBeLessThanOrEqual(0);
    expect(right).toBeGreaterThanOrEqual(drawing.width);
    expect(bottom).toBeGreaterThanOrEqual(drawing.height);
    // The tile holding the start point (OpenStreetMap's numbering) is among them.
    const z = Number(/tile.example\/(\d+)\//.exec(tiles[0].href)![1]);
    const x = Math.floor(((13.4 + 180) / 360) * 2 ** z);
    const r = (52.5 * Math.PI) / 180;
    const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
    expect(tiles.some((t) => t.href === `https://tile.example/${z}/${x}/${y}.png`)).toBe(true);
  });
});
