// The runner's units (from GET /api/settings), for pages that show distances and paces.
// Until the settings arrive the units last read (kilometres at first); read again on each page.

import { useEffect, useState } from 'preact/hooks';
import { api, ok } from '../api/client';
import type { Units } from './format';
import { unitsOf } from './run-edit';

let cached: Units | null = null;

export function useUnits(): Units {
  const [units, setUnits] = useState<Units>(cached ?? 'metric');
  useEffect(() => {
    let current = true;
    ok(api.GET('/api/settings')).then(
      (settings) => {
        cached = unitsOf(settings.units);
        if (current) setUnits(cached);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
  return units;
}
