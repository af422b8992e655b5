import { useState } from 'preact/hooks';
import { type Schemas, api, ok } from '../api/client';
import { Field, Status } from '../components/forms';
import { errorsOf } from '../components/value-card';
import { type Theme, applyTheme, savedTheme } from '../lib/theme';
import { allowTiles, tilesAllowed } from '../lib/tiles';
import { useLoad } from '../lib/use-load';
import { knownZone } from '../lib/workshop';

function zoneNames(): string[] {
  try {
    return (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

export default function Settings() {
  const loaded = useLoad(() => ok(api.GET('/api/settings')), []);
  return (
    <>
      <h1>Settings</h1>
      <Status loaded={loaded}>{(settings) => <JournalSettings settings={settings} />}</Status>
      <ThisDevice />
      <section aria-labelledby="set-data">
        <h2 id="set-data">Your data</h2>
        <p>Everything you have written and imported, to keep or to take elsewhere.</p>
        <ul class="set-links">
          <li>
            <a class="button secondary" href="/api/export?format=json" download>
              Export as JSON
            </a>
            <span class="muted">everything, to restore or move</span>
          </li>
          <li>
            <a class="button secondary" href="/api/export?format=csv" download>
              Export as CSV
            </a>
            <span class="muted">runs and entries, for a spreadsheet</span>
          </li>
          <li>
            <a class="button secondary" href="/api/export?format=markdown" download>
              Export as Markdown
            </a>
            <span class="muted">the journal to read</span>
          </li>
          <li>
            <a class="button secondary" href="/api/backup" download>
              Download a backup
            </a>
            <span class="muted">the whole database, as it is now</span>
          </li>
        </ul>
      </section>
    </>
  );
}

function JournalSettings(props: { settings: Schemas['Settings'] }) {
  const [units, setUnits] = useState(props.settings.units);
  const [zone, setZone] = useState(props.settings.zone);
  const [saved, setSaved] = useState(props.settings);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const zones = zoneNames();
  const browser = (() => {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch {
      return '';
    }
  })();

  const submit = async (e: Event) => {
    e.preventDefault();
    setStatus('');
    if (!knownZone(zone)) {
      setErrors({ zone: `“${zone}” is not a time zone name; try one such as Europe/Berlin.` });
      document.getElementById('set-zone')?.focus();
      return;
    }
    const change: Schemas['SettingsChange'] = {};
    if (units !== saved.units) change.units = units;
    if (zone.trim() !== saved.zone) change.zone = zone.trim();
    if (Object.keys(change).length === 0) {
      setStatus('Nothing to save: these are your settings.');
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const now = await ok(api.PATCH('/api/settings', { body: change }));
      setSaved(now);
      setUnits(now.units);
      setZone(now.zone);
      setStatus('Saved.');
    } catch (error) {
      setErrors(errorsOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-labelledby="set-journal">
      <h2 id="set-journal">Journal</h2>
      <fieldset aria-describedby={errors.units ? 'set-units-error' : undefined}>
        <legend>Distances in</legend>
        <div class="row">
          {(['km', 'mi'] as const).map((u) => (
            <label key={u} class="wk-check">
              <input type="radio" name="units" checked={units === u} onChange={() => setUnits(u)} />
              <span>{u === 'km' ? 'Kilometres' : 'Miles'}</span>
            </label>
          ))}
        </div>
        {errors.units && (
          <p class="field-error" id="set-units-error" role="alert">
            {errors.units}
          </p>
        )}
      </fieldset>
      <Field
        id="set-zone"
        label="Home time zone"
        hint="Runs without a zone of their own are read in this one."
        error={errors.zone}
      >
        <input
          id="set-zone"
          list={zones.length ? 'set-zones' : undefined}
          autoComplete="off"
          value={zone}
          onInput={(e) => setZone(e.currentTarget.value)}
        />
      </Field>
      {zones.length > 0 && (
        <datalist id="set-zones">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      )}
      {browser && browser !== zone && (
        <p>
          <button type="button" class="secondary" onClick={() => setZone(browser)}>
            Use this device’s zone ({browser})
          </button>
        </p>
      )}
      {errors.form && (
        <p class="error" role="alert">
          {errors.form}
        </p>
      )}
      <div class="row">
        <button type="submit" disabled={busy}>
          Save
        </button>
        <span role="status" class="muted">
          {status}
        </span>
      </div>
    </form>
  );
}

function ThisDevice() {
  const [theme, setTheme] = useState<Theme>(savedTheme());
  const [tiles, setTiles] = useState(tilesAllowed());
  const themes: { theme: Theme; label: string }[] = [
    { theme: 'system', label: 'As the system' },
    { theme: 'light', label: 'Light' },
    { theme: 'dark', label: 'Dark' },
  ];
  return (
    <section aria-labelledby="set-device">
      <h2 id="set-device">On this device</h2>
      <fieldset>
        <legend>Appearance</legend>
        <div class="row">
          {themes.map((t) => (
            <label key={t.theme} class="wk-check">
              <input
                type="radio"
                name="theme"
                checked={theme === t.theme}
                onChange={() => {
                  applyTheme(t.theme);
                  setTheme(t.theme);
                }}
              />
              <span>{t.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset aria-describedby="set-tiles-note">
        <legend>Privacy</legend>
        <label class="wk-check">
          <input
            type="checkbox"
            checked={tiles}
            onChange={(e) => {
              allowTiles(e.currentTarget.checked);
              setTiles(e.currentTarget.checked);
            }}
          />
          <span>Show map tiles behind routes</span>
        </label>
        <p class="muted" id="set-tiles-note">
          Off by default. Map tiles come from a third-party server: showing them sends it where your runs were. With
          tiles off, routes are drawn on a plain background and nothing leaves this machine.
        </p>
      </fieldset>
    </section>
  );
}
