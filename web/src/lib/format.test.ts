import { describe, expect, it } from 'vitest';
import {
  counted,
  formatDistance,
  formatDuration,
  formatLocal,
  formatPace,
  formatPacePerKm,
  formatSigned,
  todayIso,
} from './format';

describe('formatDistance', () => {
  it('reads kilometres with two decimals under ten and one from ten', () => {
    expect(formatDistance(5000, 'metric')).toBe('5.00 km');
    expect(formatDistance(15000, 'metric')).toBe('15.0 km');
  });
  it('reads miles in imperial units', () => {
    expect(formatDistance(10000, 'imperial')).toBe('6.21 mi');
  });
  it('is empty when there is no distance', () => {
    expect(formatDistance(null, 'metric')).toBe('');
  });
});

describe('formatDuration', () => {
  it('reads minutes and seconds under an hour, hours from an hour', () => {
    expect(formatDuration(3150)).toBe('52:30');
    expect(formatDuration(3907)).toBe('1:05:07');
  });
  it('is empty for a negative or missing time', () => {
    expect(formatDuration(-1)).toBe('');
    expect(formatDuration(undefined)).toBe('');
  });
});

describe('formatPace', () => {
  it('gives a 15 km run in 1:18:45 as 5:15 per kilometre', () => {
    expect(formatPace(15000, 4725, 'metric')).toBe('5:15 /km');
  });
  it('gives the same run per mile in imperial units', () => {
    expect(formatPace(15000, 4725, 'imperial')).toBe('8:27 /mi');
  });
  it('is empty without a distance', () => {
    expect(formatPace(0, 4725, 'metric')).toBe('');
    expect(formatPacePerKm(null, 'metric')).toBe('');
  });
});

describe('formatLocal', () => {
  it('reads the export local time with its weekday', () => {
    expect(formatLocal('2026-05-02 07:30')).toBe('Sat 2 May 2026, 07:30');
  });
  it('leaves text it cannot read as it is', () => {
    expect(formatLocal('soon')).toBe('soon');
  });
});

describe('todayIso and formatSigned', () => {
  it('writes the date as YYYY-MM-DD', () => {
    expect(todayIso(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
  it('signs differences with a true minus sign', () => {
    expect(formatSigned(1.24)).toBe('+1.2');
    expect(formatSigned(-0.44)).toBe('\u22120.4');
    expect(formatSigned(0.01)).toBe('0.0');
  });
});

describe('counted', () => {
  it('uses the singular for exactly one and the plural otherwise', () => {
    expect(counted(1, 'run')).toBe('1 run');
    expect(counted(0, 'run')).toBe('0 runs');
    expect(counted(2, 'entry', 'entries')).toBe('2 entries');
    expect(counted(1, 'entry', 'entries')).toBe('1 entry');
  });
});
