// How numbers read to a runner: distances, times and paces in the runner's units, dates as
// the export writes them. Every page formats through these, so a pace reads the same
// everywhere.

export type Units = 'metric' | 'imperial';

const metersPerMile = 1609.344;

/** "10.0 km" or "6.21 mi"; an empty string for no distance. */
export function formatDistance(meters: number | null | undefined, units: Units): string {
  if (meters == null || !Number.isFinite(meters)) return '';
  if (units === 'imperial') return `${(meters / metersPerMile).toFixed(2)} mi`;
  return `${(meters / 1000).toFixed(meters < 10000 ? 2 : 1)} km`;
}

/** "52:30" under an hour, "1:05:07" from an hour; an empty string for no time. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return '';
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** Seconds per kilometre or per mile, as "5:15 /km"; empty without both numbers. */
export function formatPace(
  meters: number | null | undefined,
  seconds: number | null | undefined,
  units: Units,
): string {
  if (meters == null || seconds == null || meters <= 0 || seconds <= 0) return '';
  const perUnit = units === 'imperial' ? metersPerMile : 1000;
  const pace = (seconds / meters) * perUnit;
  return `${formatDuration(pace)} /${units === 'imperial' ? 'mi' : 'km'}`;
}

/** A pace given in seconds per kilometre, in the runner's units. */
export function formatPacePerKm(secondsPerKm: number | null | undefined, units: Units): string {
  if (secondsPerKm == null || !Number.isFinite(secondsPerKm) || secondsPerKm <= 0) return '';
  return formatPace(1000, secondsPerKm, units);
}

/** "Sat 2 May 2026, 07:30" from the export's local time "2026-05-02 07:30". */
export function formatLocal(local: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})/.exec(local);
  if (!match) return local;
  const [, y, mo, d, h, mi] = match;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  const day = date.toLocaleDateString('en-GB', { weekday: 'short', timeZone: 'UTC' });
  const month = date.toLocaleDateString('en-GB', { month: 'short', timeZone: 'UTC' });
  return `${day} ${Number(d)} ${month} ${y}, ${h}:${mi}`;
}

/** Today as YYYY-MM-DD in the browser's zone. */
export function todayIso(now: Date = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

/** A signed difference with one decimal: "+1.2", "−0.4" (a true minus sign). */
export function formatSigned(value: number, digits = 1): string {
  const text = Math.abs(value).toFixed(digits);
  if (Number(text) === 0) return text;
  return `${value > 0 ? '+' : '\u2212'}${text}`;
}

/** "1 run", "3 runs": a count with its noun, singular only for exactly one. */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
