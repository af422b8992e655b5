// What the run page's edit form reads from its inputs: a time as the runner types it and a
// distance in the runner's units, both to the API's seconds and metres.

import type { Units } from './format';

const metersPerMile = 1609.344;

/** Seconds from "52:30", "1:05:07" or "45" (minutes); null for empty, NaN when unreadable. */
export function parseDuration(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  if (!/^\d+(:\d{1,2}){0,2}(\.\d+)?$/.test(t)) return NaN;
  const parts = t.split(':').map(Number);
  if (parts.some((p) => !Number.isFinite(p))) return NaN;
  if (parts.length === 1) return parts[0] * 60;
  if (parts.slice(1).some((p) => p >= 60)) return NaN;
  if (parts.length === 2) return parts[0] * 60 + parts[1];
  return parts[0] * 3600 + parts[1] * 60 + parts[2];
}

/** Metres from a distance typed in the runner's units ("10", "6.2", "10,5"); null for empty. */
export function parseDistance(text: string, units: Units): number | null {
  const t = text.trim().replace(',', '.');
  if (t === '') return null;
  if (!/^\d*\.?\d+$/.test(t)) return NaN;
  const value = Number(t);
  return value * (units === 'imperial' ? metersPerMile : 1000);
}

/** A distance in metres as the runner would type it in their units (for a form's first value). */
export function distanceInUnits(meters: number | null | undefined, units: Units): string {
  if (meters == null || !Number.isFinite(meters)) return '';
  const value = meters / (units === 'imperial' ? metersPerMile : 1000);
  return String(Math.round(value * 100) / 100);
}

/** The runner's settings units ("km" or "mi") as the formatter's. */
export function unitsOf(settingsUnits: string | undefined): Units {
  return settingsUnits === 'mi' ? 'imperial' : 'metric';
}

/** The unit's short name: "km" or "mi". */
export function unitName(units: Units): string {
  return units === 'imperial' ? 'mi' : 'km';
}

export const sports = ['road', 'trail', 'track', 'treadmill', 'cross_country', 'other'] as const;
export type Sport = (typeof sports)[number];

/** "Road run", "Cross country", ... for a sport the API names. */
export function sportLabel(sport: string): string {
  const labels: Record<string, string> = {
    road: 'Road run',
    trail: 'Trail run',
    track: 'Track',
    treadmill: 'Treadmill',
    cross_country: 'Cross country',
    other: 'Other run',
  };
  return labels[sport] ?? sport;
}
