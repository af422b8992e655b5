// Cairn's web app end to end: the built app (web/dist) served by `cairn serve`, driven by headless
// Chromium through playwright-core. A newcomer's journeys on a fresh database, then a demo journal
// for insights, accessibility checks (axe-core) and screenshots of every main page, the largest
// contentful paint of heavy pages on ten years of data, and the initial JavaScript's size.
//
//   node e2e/run.mjs            (npm run e2e)
//
// Settings, as environment variables or --name=value arguments (paths relative to web/ by default):
//   CAIRN_BIN  --bin     the cairn program        (default ../build/ci/src/cli/cairn)
//   WEB_DIST   --dist    the built web app        (default dist)
//   OUT        --out     screenshots and reports  (default ../build/web-e2e)
//   CORPUS     --corpus  real activity files      (default ../../shared/corpus; else ../tests/data)
//   CHROMIUM   --chromium                         (default /usr/bin/chromium)
//   E2E_ONLY   --only    some of: bundle,journeys,insights,pages,lcp (comma-separated; default all)
//   LCP_BUDGET_MS --lcp-budget  the largest contentful paint allowed, in ms (default 1000)
//
// Every step is printed; a failed step leaves OUT/failures/<step>.png and its error, the run goes
// on with what does not depend on it, and the exit status is 1 when anything failed.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { budgetBytes, initialJs, kb } from './bundle.mjs';

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = Object.fromEntries(
  process.argv
    .slice(2)
    .filter((a) => a.startsWith('--'))
    .map((a) => {
      const [k, ...v] = a.slice(2).split('=');
      return [k, v.length ? v.join('=') : 'true'];
    }),
);
const setting = (arg, env, fallback) => {
  const given = args[arg] ?? process.env[env];
  return given ? resolve(given) : resolve(webDir, fallback);
};
const cairnBin = setting('bin', 'CAIRN_BIN', '../build/ci/src/cli/cairn');
const dist = setting('dist', 'WEB_DIST', 'dist');
const out = setting('out', 'OUT', '../build/web-e2e');
const corpus = setting('corpus', 'CORPUS', '../../shared/corpus');
const chromiumPath = args.chromium ?? process.env.CHROMIUM ?? '/usr/bin/chromium';
const only = new Set((args.only ?? process.env.E2E_ONLY ?? 'bundle,journeys,insights,pages,lcp').split(',').map((s) => s.trim()));
const lcpBudgetMs = Number(args['lcp-budget'] ?? process.env.LCP_BUDGET_MS ?? 1000);

const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };
const zone = 'Europe/Berlin';

// ---------------------------------------------------------------------------------------------
// Steps, failures and clean-up

const started = Date.now();
const failures = [];
const figures = [];
const children = new Set();
const tempDirs = [];
let browser = null;
let currentPage = null;

const elapsed = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

/** Runs one step: prints it, and on failure keeps a screenshot of the page and the error. */
async function step(name, fn) {
  const t0 = Date.now();
  console.log(`▶ ${name}`);
  try {
    const result = await fn();
    console.log(`  ✓ ${name} (${elapsed(t0)})`);
    return result;
  } catch (error) {
    const message = error?.stack ?? String(error);
    console.log(`  ✗ ${name} (${elapsed(t0)})\n${indent(message)}`);
    let shot = '';
    if (currentPage && !currentPage.isClosed()) {
      mkdirSync(join(out, 'failures'), { recursive: true });
      shot = join(out, 'failures', `${slug(name)}.png`);
      try {
        console.log(`    page: ${currentPage.url()}`);
        await currentPage.screenshot({ path: shot, fullPage: true, timeout: 10_000 });
        console.log(`    screenshot: ${relative(process.cwd(), shot)}`);
      } catch (e) {
        console.log(`    (no screenshot: ${String(e).split('\n')[0]})`);
        shot = '';
      }
    }
    for (const child of children) {
      const tail = child.log.trim().split('\n').slice(-8).join('\n');
      if (tail) console.log(`    cairn serve (${child.label}) said, last:\n${indent(tail)}`);
    }
    failures.push({ name, message: String(error?.message ?? error).split('\n')[0], shot });
    return undefined;
  }
}

function indent(text) {
  return text
    .split('\n')
    .slice(0, 25)
    .map((l) => `    ${l}`)
    .join('\n');
}

function note(text) {
  console.log(`    ${text}`);
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function cleanUp() {
  if (browser) await browser.close().catch(() => {});
  browser = null;
  await Promise.all([...children].map((c) => stopServer(c)));
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    console.log(`\n${signal}: stopping`);
    await cleanUp();
    process.exit(130);
  });
}

// ---------------------------------------------------------------------------------------------
// The server

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

function cairnEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  if (!('CAIRN_NOW' in extra)) delete env.CAIRN_NOW;
  delete env.CAIRN_DB;
  return env;
}

function cairn(db, argv) {
  const r = spawnSync(cairnBin, ['--db', db, ...argv], { env: cairnEnv(), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cairn ${argv.join(' ')} exited ${r.status}: ${r.stderr || r.stdout}`);
  return r.stdout;
}

/** Starts `cairn serve` on a free port and waits until it answers; its output is kept for errors. */
async function startServer(db, label) {
  const port = await freePort();
  const child = spawn(cairnBin, ['--db', db, 'serve', '--port', String(port), '--web', dist], {
    env: cairnEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.log = '';
  child.label = label;
  child.stdout.on('data', (d) => (child.log += d));
  child.stderr.on('data', (d) => (child.log += d));
  child.exited = new Promise((ok) => child.on('exit', (code, signal) => ok({ code, signal })));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`cairn serve (${label}) exited ${child.exitCode}:\n${child.log}`);
    try {
      const res = await fetch(`${base}/api/status`);
      if (res.ok) break;
    } catch {
      /* not yet listening */
    }
    if (Date.now() > deadline) throw new Error(`cairn serve (${label}) did not answer within 20 s:\n${child.log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  note(`${label}: ${base} (pid ${child.pid})`);
  return { base, child, db };
}

async function stopServer(child) {
  if (!children.has(child)) return;
  children.delete(child);
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    const { code, signal } = await child.exited;
    clearTimeout(timer);
    if (code !== 0 && signal !== 'SIGTERM') note(`cairn serve (${child.label}) ended with ${code ?? signal}`);
  }
}

async function api(server, path, init) {
  const res = await fetch(server.base + path, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

// ---------------------------------------------------------------------------------------------
// Pages

async function newContext(viewport, extra = {}) {
  const small = viewport.width < 600;
  return browser.newContext({
    viewport,
    deviceScaleFactor: small ? 2 : 1,
    isMobile: small,
    hasTouch: small,
    locale: 'en-GB',
    timezoneId: zone,
    // cairn serve's Content-Security-Policy refuses inline scripts: axe-core is injected as one.
    bypassCSP: true,
    ...extra,
  });
}

/** Waits until the page shows its heading and nothing is still loading. */
async function settled(page) {
  await page.waitForLoadState('load');
  await page.locator('main h1').first().waitFor({ state: 'visible', timeout: 15_000 });
  await page.waitForFunction(() => !document.querySelector('main [aria-busy="true"]'), null, { timeout: 15_000 });
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
}

async function open(page, server, path) {
  currentPage = page;
  await page.goto(server.base + path);
  await settled(page);
}

const axeSource = () => readFileSync(join(webDir, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const axeResults = [];

/** axe-core on the page as it is; serious and critical violations fail, the others are noted. */
async function axe(page, label) {
  const has = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!has) await page.addScriptTag({ content: axeSource() });
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.split('\n').slice(1).join(' ').trim()}` : ''}`),
      count: v.nodes.length,
    }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  axeResults.push({ label, violations });
  const minor = violations.filter((v) => !bad.includes(v));
  note(
    `axe ${label}: ${bad.length ? `${bad.length} serious/critical` : 'no serious or critical violation'}` +
      (minor.length ? `; also ${minor.map((v) => `${v.id} (${v.impact}, ${v.count})`).join(', ')}` : ''),
  );
  if (bad.length) {
    const detail = bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.count})\n      ${v.nodes.join('\n      ')}`).join('\n    ');
    throw new Error(`axe ${label}:\n    ${detail}`);
  }
}

async function withScheme(page, scheme) {
  await page.emulateMedia({ colorScheme: scheme });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

// ---------------------------------------------------------------------------------------------
// Activity files to import

function corpusFiles() {
  const wanted = [
    'fit/gc__suunto-run-2020-01-15.fit',
    'fit/gap__garmin-venusq-run-original.fit',
    'tcx/gpsbabel__forerunner110-14-laps.tcx',
    'gz/gap__strava-export-12866632127.fit.gz',
    'gpx/gpxpy__route-only.gpx',
  ];
  const found = wanted.map((w) => join(corpus, 'files', w)).filter((f) => existsSync(f));
  if (found.length >= 2) return { from: corpus, files: found };
  const data = resolve(webDir, '..', 'tests', 'data');
  const fixtures = existsSync(data)
    ? readdirSync(data)
        .map((f) => join(data, f))
        .filter((f) => statSync(f).isFile() && /\.(fit|gpx|tcx|gz|txt)$/i.test(f))
    : [];
  return { from: data, files: fixtures };
}

// ---------------------------------------------------------------------------------------------
// The newcomer's journeys, on a fresh database

async function journeys() {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-e2e-'));
  tempDirs.push(dir);
  const server = await step('start cairn serve on a fresh database', () => startServer(join(dir, 'fresh.db'), 'fresh'));
  if (!server) return;
  const context = await newContext(phone);
  const page = await context.newPage();
  currentPage = page;
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  const chosen = [];

  try {
    await step('newcomer: home leads to the values workshop (390×844)', async () => {
      await open(page, server, '/');
      await page.getByRole('heading', { level: 1, name: 'Welcome to Cairn' }).waitFor();
      await axe(page, 'home (fresh)');
      const toWorkshop = page.locator('main a[href="/workshop"]').first();
      if (await toWorkshop.isVisible().catch(() => false)) {
        await toWorkshop.click();
        await page.waitForURL('**/workshop');
      } else {
        note('the home page has no link to /workshop yet: opening it directly');
        await page.goto(server.base + '/workshop');
      }
      await page.getByRole('heading', { level: 1, name: 'Values workshop' }).waitFor();
      await page.getByRole('heading', { name: /Step 1 of 4/ }).waitFor();
      await axe(page, 'workshop step 1 (fresh)');
    });

    await step('workshop: sort cards, choose 3, write why, save', async () => {
      const toSort = page.getByRole('region', { name: 'To sort' });
      const sortFirst = async (pile) => {
        const card = toSort.getByRole('group').first();
        const name = await card.getAttribute('aria-labelledby').then((id) => page.locator(`#${id}`).innerText());
        await card.getByRole('button', { name: pile, exact: true }).click();
        return name;
      };
      for (let i = 0; i < 4; i += 1) chosen.push(await sortFirst('Very important'));
      await sortFirst('Important');
      await sortFirst('Less important');
      note(`very important: ${chosen.join(', ')}`);
      await page.getByRole('button', { name: 'Next: choose your core few' }).click();
      await page.getByRole('heading', { name: /Step 2 of 4/ }).waitFor();
      for (const name of chosen.slice(0, 3)) await page.getByRole('checkbox', { name: new RegExp(`^${escapeRe(name)}\\b`) }).check();
      // The second matters most after all.
      await page.getByRole('button', { name: `Move ${chosen[1]} up` }).click();
      await page.getByRole('button', { name: 'Next: link running to them' }).click();
      await page.getByRole('heading', { name: /Step 3 of 4/ }).waitFor();
      await axe(page, 'workshop step 3');
      const why = page.getByLabel(/^Why .* matters to you$/);
      check((await why.count()) === 3, `3 "Why … matters to you" fields expected, found ${await why.count()}`);
      for (let i = 0; i < 3; i += 1) {
        await why.nth(i).fill(`It keeps me whole (${i + 1}).`);
        await page.getByLabel('How running can serve it').nth(i).fill('Running makes room for it.');
        // Long held: the imported runs (from years ago) can then be rated against them.
        await page.getByLabel('Since when it has mattered to you').nth(i).fill('2015-03-01');
      }
      await page.getByRole('button', { name: 'Next: units and home zone' }).click();
      await page.getByRole('heading', { name: /Step 4 of 4/ }).waitFor();
      await page.getByRole('radio', { name: 'Kilometres' }).check();
      const zoneField = page.getByLabel('Home time zone');
      check((await zoneField.inputValue()) === zone, `the home zone offered is ${await zoneField.inputValue()}, not the browser's ${zone}`);
      await page.getByRole('button', { name: 'Start my journal' }).click();
      await page.waitForURL('**/values', { timeout: 10_000 });
      await page.getByRole('heading', { level: 1, name: 'Your values' }).waitFor();
      for (const name of [chosen[1], chosen[0], chosen[2]]) await page.getByRole('main').getByText(name, { exact: true }).first().waitFor();
      const values = await api(server, '/api/values');
      const names = values.values.map((v) => `${v.name} ${v.importance ?? ''}`.trim());
      note(`saved values: ${names.join(', ')}`);
      check(values.values.length === 3, `3 values expected, the server holds ${values.values.length}`);
    });

    const imported = [];
    await step('import: corpus files through the file input, per-file report', async () => {
      const { from, files } = corpusFiles();
      check(files.length > 0, `no activity files in ${from}`);
      note(`from ${from}: ${files.map((f) => basename(f)).join(', ')}`);
      await open(page, server, '/import');
      await page.getByLabel('Files', { exact: true }).setInputFiles(files);
      await page.getByRole('status').filter({ hasText: `Chosen: ${files.length} file` }).waitFor();
      await page.getByRole('button', { name: files.length === 1 ? 'Import the file' : `Import ${files.length} files` }).click();
      await page.getByRole('heading', { name: 'What happened' }).waitFor({ timeout: 90_000 });
      const items = page.locator('.import-files > li');
      check((await items.count()) === files.length, `${files.length} file reports expected, ${await items.count()} shown`);
      for (const text of await items.allInnerTexts()) note(`  ${text.split('\n').filter(Boolean).slice(0, 3).join(' — ')}`);
      const hrefs = await page.locator('.import-files a[href^="/runs/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      for (const h of hrefs) imported.push(Number(h.split('/').pop()));
      check(imported.length > 0, 'no file became a run');
      await axe(page, 'import report');
    });

    const runs = [...new Set(imported)];
    await step('entry: write a journal entry for an imported run (phone)', async () => {
      check(runs.length > 0, 'no imported run to write about');
      await open(page, server, `/runs/${runs[0]}`);
      await page.locator(`main a[href="/entry/${runs[0]}"]`).first().click();
      await page.waitForURL(`**/entry/${runs[0]}`);
      await page.getByRole('heading', { level: 1, name: 'How was it?' }).waitFor();
      await settled(page);
      await axe(page, 'entry form');
      const text = `E2E entry: the hills felt lighter today (${Date.now()}).`;
      await writeEntry(page, text);
      const entry = await waitForEntry(server, text, 10_000);
      check(entry.run_id === runs[0], `the entry is for run ${entry.run_id}, not #${runs[0]}`);
      check(entry.before.mood === 3 && entry.after.mood === 4 && entry.enjoyment === 8, `the entry's ratings are not those tapped: ${JSON.stringify({ before: entry.before, after: entry.after, enjoyment: entry.enjoyment })}`);
      check(entry.value_alignments.length === 1 && entry.value_alignments[0].rating === 8, `the value rating was not kept: ${JSON.stringify(entry.value_alignments)}`);
      await page.waitForURL(`**/runs/${runs[0]}`);
      await page.getByRole('main').getByText(text).waitFor();
      note(`entry for run #${runs[0]} is on the server and on the run's page`);
    });

    await step('entry offline: kept as a draft, sent when back online', async () => {
      const run = runs[1] ?? runs[0];
      check(run, 'no imported run to write about');
      await open(page, server, `/entry/${run}`);
      await page.getByRole('heading', { level: 1, name: 'How was it?' }).waitFor();
      const text = `E2E offline entry: written with no signal (${Date.now()}).`;
      await writeEntry(page, text.slice(0, 20), { save: false, ratings: false });
      await context.setOffline(true);
      await writeEntry(page, text);
      await page.getByRole('status').filter({ hasText: /offline/i }).waitFor();
      const drafts = await page.evaluate(() =>
        Object.keys(localStorage)
          .filter((k) => k.startsWith('cairn.draft.'))
          .map((k) => ({ key: k, draft: JSON.parse(localStorage.getItem(k)) })),
      );
      const pending = drafts.filter((d) => d.draft.pending);
      note(`drafts kept offline: ${drafts.map((d) => `${d.key}${d.draft.pending ? ' (pending)' : ''}`).join(', ') || 'none'}`);
      check(pending.length > 0, 'saving offline left no pending draft under cairn.draft.*');
      const said = await page.getByRole('status').or(page.getByRole('alert')).allInnerTexts().catch(() => []);
      if (said.length) note(`the page says: ${said.join(' | ').replace(/\s+/g, ' ').slice(0, 200)}`);
      const before = await api(server, '/api/entries');
      check(!before.entries.some((e) => e.text === text), 'the entry reached the server while offline');
      await context.setOffline(false);
      let sentBy = 'coming back online';
      try {
        await waitForEntry(server, text, 8_000);
      } catch {
        sentBy = 'a reload once online';
        await page.reload();
        await settled(page);
        await waitForEntry(server, text, 10_000);
      }
      await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.startsWith('cairn.draft.') && JSON.parse(localStorage.getItem(k)).pending), null, {
        timeout: 10_000,
      });
      note(`sent by ${sentBy}; no pending draft left`);
    });
    await context.setOffline(false);

    await step('entry offline, reloaded offline: the app opens, the draft is still there, sent once online', async () => {
      let run = runs[2];
      if (!run) {
        // Without the corpus, tests/data gives two runs, and the steps above wrote about both:
        // a run typed in stands in (its entry form is the same).
        const added = await api(server, '/api/runs', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ start: { utc: '2025-04-07T06:00:00Z', zone: 'UTC' }, distance_m: 5000, elapsed_s: 1500 }),
        });
        run = added.run.id;
        note(`no third imported run: wrote about run #${run}, typed in`);
      }
      await open(page, server, `/entry/${run}`);
      await page.getByRole('heading', { level: 1, name: 'How was it?' }).waitFor();
      const controlled = await page.evaluate(() => !!navigator.serviceWorker?.controller);
      note(`service worker controls the page: ${controlled}`);
      const text = `E2E entry kept through a reload offline (${Date.now()}).`;
      await context.setOffline(true);
      await writeEntry(page, text, { ratings: false });
      await page.getByRole('status').filter({ hasText: /offline/i }).waitFor();
      await page.reload();
      // The shell comes from the service worker; the form needs the run, which only the server has.
      const form = page.getByRole('heading', { level: 1, name: 'How was it?' });
      const problem = page.getByRole('main').getByRole('alert');
      await form.or(problem).first().waitFor({ timeout: 15_000 });
      let offlineForm = '';
      if (await form.isVisible()) {
        const kept = await page.getByRole('main').getByRole('textbox', { name: 'Notes', exact: true }).inputValue();
        if (kept !== text) offlineForm = `after the reload offline the form holds "${kept}", not the words saved`;
        else note('reloaded offline: the form came back with the words');
      } else {
        offlineForm = `reloaded offline, the entry page shows only "${(await problem.innerText()).trim()}" (the draft is not shown)`;
        note(offlineForm);
      }
      const stillKept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cairn.draft.')));
      check(stillKept.length > 0, 'the draft is gone from localStorage after the reload offline');
      note(`still kept on the phone: ${stillKept.join(', ')}`);
      await context.setOffline(false);
      await waitForEntry(server, text, 10_000);
      note('sent once back online (without another reload)');
      check(!offlineForm, offlineForm);
    });
    await context.setOffline(false);

    await step('experiment: start one', async () => {
      await open(page, server, '/experiments');
      await page.getByRole('button', { name: 'Start an experiment' }).click();
      await page.getByLabel('The practice to try').fill('Run one route without headphones');
      await page.getByLabel('The question to notice').fill('Do I notice more around me?');
      await page.getByRole('button', { name: 'Start the experiment' }).click();
      await page.waitForURL(/\/experiments\/\d+$/);
      await page.getByRole('heading', { level: 1, name: 'Run one route without headphones' }).waitFor();
      await settled(page);
      await axe(page, 'experiment just started');
    });

    await step('check-in: rate the week and save', async () => {
      await open(page, server, '/checkin');
      const values = (await api(server, '/api/values')).values;
      for (const v of values) await page.getByRole('radio', { name: `${v.name}: 7`, exact: true }).check();
      await page.getByRole('radio', { name: 'This week, running was a pleasure in itself: 4', exact: true }).check();
      await page.getByRole('radio', { name: 'I ran so as not to feel guilty or lazy: 1', exact: true }).check();
      await page.getByLabel('Anything else').fill('A good week.');
      await page.getByRole('button', { name: 'Save the check-in' }).click();
      await page.getByRole('status').filter({ hasText: /Check-in for .* saved/ }).waitFor();
      const saved = await api(server, '/api/checkins');
      check(saved.checkins.length === 1, `1 check-in expected, ${saved.checkins.length} on the server`);
      check(saved.checkins[0].areas.length === values.length, 'the check-in lost its ratings');
    });

    await step('export: the JSON link downloads the journal', async () => {
      await open(page, server, '/settings');
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 15_000 }),
        page.getByRole('link', { name: 'Export as JSON' }).click(),
      ]);
      const file = join(dir, download.suggestedFilename() || 'export.json');
      await download.saveAs(file);
      const data = JSON.parse(readFileSync(file, 'utf8'));
      const keys = Object.keys(data);
      note(`${download.suggestedFilename()}: ${statSync(file).size} bytes, members ${keys.join(', ')}`);
      const text = JSON.stringify(data);
      for (const name of chosen.slice(0, 3)) check(text.includes(name), `the export does not name the value ${name}`);
      check(text.includes('E2E offline entry'), 'the export lacks the entry sent after being offline');
    });

    await step('newcomer: home once there is a journal', async () => {
      await open(page, server, '/');
      await page.getByRole('heading', { level: 1, name: 'Your journal' }).waitFor();
      const toEntry = await page.locator('main a[href^="/entry/"]').evaluateAll((as) => as.map((a) => `${a.textContent.trim()} → ${a.getAttribute('href')}`));
      note(`links to entries: ${toEntry.join('; ') || 'none'}`);
      check(toEntry.some((l) => /\/entry\/\d+$/.test(l)), 'the home page links to no run’s entry');
      await axe(page, 'home with a journal');
    });

    if (pageErrors.length) {
      await step('no uncaught errors in the page', () => {
        throw new Error(pageErrors.join('\n'));
      });
    }
  } finally {
    await context.close();
    await stopServer(server.child);
  }
}

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Fills the entry form as a runner would with a thumb: moods before and after, enjoyment, how
 * well the run served the first value, and the words (the field labelled Notes); then saves.
 */
async function writeEntry(page, text, { save = true, ratings = true } = {}) {
  const main = page.getByRole('main');
  if (ratings) {
    await main.getByRole('radio', { name: 'Mood before: 3', exact: true }).check();
    await main.getByRole('radio', { name: 'Mood after: 4', exact: true }).check();
    await main.getByRole('radio', { name: 'Enjoyment: 8', exact: true }).check();
    const value = (await main.getByRole('combobox', { name: 'For which value, most of all?' }).locator('option').allTextContents())[1];
    check(value, 'the entry form offers no value to rate');
    await main.getByRole('radio', { name: `${value.trim()}: 8`, exact: true }).check();
  }
  const box = main.getByRole('textbox', { name: 'Notes', exact: true });
  await box.fill(text);
  if (!save) return;
  await main.getByRole('button', { name: /^Save (entry|changes)$/ }).click();
}

async function waitForEntry(server, text, timeout) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const { entries } = await api(server, '/api/entries');
    const entry = entries.find((e) => e.text === text);
    if (entry) return entry;
    if (Date.now() > deadline) throw new Error(`no entry with the text "${text}" reached the server within ${timeout / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

// ---------------------------------------------------------------------------------------------
// A demo journal: insights, and every main page checked and photographed

function mainPages(ids) {
  return [
    { name: 'home', path: '/' },
    { name: 'entry', path: ids.run ? `/entry/${ids.run}` : '/entry' },
    { name: 'workshop', path: '/workshop' },
    { name: 'values', path: '/values' },
    { name: 'runs', path: '/runs' },
    { name: 'run', path: `/runs/${ids.run}` },
    { name: 'import', path: '/import' },
    { name: 'experiments', path: '/experiments' },
    { name: 'experiment', path: `/experiments/${ids.experiment}` },
    { name: 'checkin', path: '/checkin' },
    { name: 'insights', path: '/insights' },
    { name: 'settings', path: '/settings' },
  ];
}

async function demoIds(server) {
  const runs = await api(server, '/api/runs');
  const list = (runs.runs ?? []).map((r) => r.run ?? r);
  // The newest run read from a file (it has a track to chart and draw), else the newest.
  const run = list.find((r) => r.source === 'file') ?? list[0];
  const experiments = (await api(server, '/api/experiments')).experiments;
  return { run: run?.id, experiment: experiments[0]?.id };
}

async function demoPhases() {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-e2e-demo-'));
  tempDirs.push(dir);
  const db = join(dir, 'demo3.db');
  const made = await step('make a demo journal (cairn demo --years 3)', () => cairn(db, ['demo', '--years', '3']));
  if (made === undefined) return;
  const server = await step('start cairn serve on the demo journal', () => startServer(db, 'demo 3 years'));
  if (!server) return;
  try {
    const ids = await demoIds(server);
    note(`demo: run #${ids.run}, experiment #${ids.experiment}`);

    if (only.has('insights')) {
      const context = await newContext(phone);
      const page = await context.newPage();
      await step('insights: the dashboard renders its sections', async () => {
        await open(page, server, '/insights');
        await page.getByRole('heading', { level: 1 }).filter({ hasText: /insight/i }).waitFor();
        const errors = await page.locator('main [role="alert"], main .error').allInnerTexts();
        check(errors.length === 0, `the dashboard shows an error: ${errors.join(' | ')}`);
        const headings = (await page.locator('main h2').allInnerTexts()).map((h) => h.trim());
        note(`sections: ${headings.join(' · ') || 'none'}`);
        check(headings.length >= 2, `the dashboard shows ${headings.length} section heading(s)`);
        const drawn = await page.locator('main canvas, main svg').count();
        note(`charts and drawings: ${drawn}`);
        // The weekly volume, read from the API's columns: three years of demo weeks.
        const weekly = await page.locator('#ins-weekly-distance-caption').innerText();
        note(`weekly distance: ${weekly}`);
        const weeks = Number(/(\d+) weeks from/.exec(weekly)?.[1] ?? 0);
        check(weeks >= 150, `the weekly distance chart covers ${weeks} weeks: ${weekly}`);
        check(/[1-9][0-9.]* km and [0-9.]+ runs a week/.test(weekly), `the weekly mean is missing: ${weekly}`);
      });
      await context.close();
    }

    if (only.has('pages')) await pagesPhase(server, ids);
  } finally {
    await stopServer(server.child);
  }
}

async function pagesPhase(server, ids) {
  mkdirSync(out, { recursive: true });
  const shots = [];
  for (const [size, viewport] of [
    ['phone', phone],
    ['desktop', desktop],
  ]) {
    const context = await newContext(viewport);
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e}`));
    for (const { name, path } of mainPages(ids)) {
      await step(`${name} (${path}) at ${size} ${viewport.width}×${viewport.height}: axe and screenshots`, async () => {
        await page.emulateMedia({ colorScheme: 'light' });
        await open(page, server, path);
        let problem = null;
        for (const scheme of ['light', 'dark']) {
          await withScheme(page, scheme);
          const file = `${name}-${size}-${scheme}.png`;
          await page.screenshot({ path: join(out, file), fullPage: true });
          shots.push({ name, path, size, scheme, file });
          // axe once per colour scheme (the layout does not change its findings otherwise).
          if (size === 'phone') {
            try {
              await axe(page, `${name} ${scheme}`);
            } catch (e) {
              problem ??= e;
            }
          }
        }
        if (problem) throw problem;
      });
    }
    if (pageErrors.length) {
      await step(`no uncaught errors in the pages (${size})`, () => {
        throw new Error(pageErrors.join('\n'));
      });
    }
    await context.close();
  }
  const lines = [
    '# Screenshots of Cairn’s web app',
    '',
    `Made by web/e2e/run.mjs on ${new Date().toISOString()} from a \`cairn demo --years 3\` journal.`,
    `Phone ${phone.width}×${phone.height} (device pixel ratio 2), desktop ${desktop.width}×${desktop.height}; full-page.`,
    '',
    '| page | path | phone light | phone dark | desktop light | desktop dark |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const { name, path } of mainPages(ids)) {
    const cell = (size, scheme) => {
      const s = shots.find((x) => x.name === name && x.size === size && x.scheme === scheme);
      return s ? `[${s.file}](${s.file})` : '—';
    };
    lines.push(`| ${name} | \`${path}\` | ${cell('phone', 'light')} | ${cell('phone', 'dark')} | ${cell('desktop', 'light')} | ${cell('desktop', 'dark')} |`);
  }
  lines.push('', '## Accessibility (axe-core)', '');
  for (const r of axeResults) {
    const v = r.violations;
    lines.push(`- ${r.label}: ${v.length === 0 ? 'no violations' : v.map((x) => `${x.id} (${x.impact}, ${x.count})`).join(', ')}`);
  }
  writeFileSync(join(out, 'screenshots.md'), lines.join('\n') + '\n');
  note(`${shots.length} screenshots and screenshots.md in ${out}`);
}

// ---------------------------------------------------------------------------------------------
// Largest contentful paint on ten years of data

async function lcpPhase() {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-e2e-lcp-'));
  tempDirs.push(dir);
  const db = join(dir, 'demo10.db');
  const made = await step('make a ten-year demo journal (cairn demo --years 10)', () => cairn(db, ['demo', '--years', '10']));
  if (made === undefined) return;
  const server = await step('start cairn serve on the ten-year journal', () => startServer(db, 'demo 10 years'));
  if (!server) return;
  try {
    const ids = await demoIds(server);
    for (const [what, path] of [
      ['insights', '/insights'],
      ['run', `/runs/${ids.run}`],
    ]) {
      for (const [size, viewport] of [
        ['phone', phone],
        ['desktop', desktop],
      ]) {
        await step(`largest contentful paint: ${what} (${path}) at ${size}`, async () => {
          const samples = [];
          for (let i = 0; i < 3; i += 1) samples.push(await measureLcp(server, path, viewport));
          samples.sort((a, b) => a.ms - b.ms);
          const median = samples[1];
          figures.push({ what: `LCP ${what} ${size}`, value: `${median.ms.toFixed(0)} ms` });
          note(`LCP ${samples.map((s) => s.ms.toFixed(0)).join(' / ')} ms, median ${median.ms.toFixed(0)} ms (element ${median.element}, ${median.size} px²)`);
          note(`  median load: ${median.timeline}`);
          // For comparison only (not checked): the same page asked for without compression.
          const plain = await measureLcp(server, path, viewport, { extraHTTPHeaders: { 'Accept-Encoding': 'identity' } });
          note(`  for comparison, uncompressed responses: LCP ${plain.ms.toFixed(0)} ms (${plain.timeline.split(';')[0]})`);
          check(median.ms <= lcpBudgetMs, `LCP ${median.ms.toFixed(0)} ms is over ${lcpBudgetMs} ms`);
        });
      }
    }
  } finally {
    await stopServer(server.child);
  }
}

/** One cold load (a new context: no cache, no service worker) and the browser's own LCP entry. */
async function measureLcp(server, path, viewport, extra = {}) {
  const context = await newContext(viewport, { serviceWorkers: 'block', ...extra });
  const page = await context.newPage();
  currentPage = page;
  try {
    await page.goto(server.base + path);
    await settled(page);
    return await page.evaluate(
      () =>
        new Promise((resolve) => {
          let last = null;
          new PerformanceObserver((list) => {
            const entries = list.getEntries();
            last = entries[entries.length - 1];
          }).observe({ type: 'largest-contentful-paint', buffered: true });
          setTimeout(() => {
            const el = last?.element;
            const nav = performance.getEntriesByType('navigation')[0];
            const res = performance.getEntriesByType('resource').filter((r) => r.startTime < (last?.startTime ?? Infinity));
            const end = (pred) => Math.max(0, ...res.filter(pred).map((r) => r.responseEnd));
            const slowest = res
              .map((r) => ({ name: new URL(r.name).pathname.replace(/^\/assets\//, ''), ms: r.responseEnd - r.startTime, kb: r.encodedBodySize / 1024 }))
              .sort((a, b) => b.ms - a.ms)
              .slice(0, 3)
              .map((r) => `${r.name} ${r.ms.toFixed(0)} ms (${r.kb.toFixed(0)} KB)`);
            const timeline = `html ${nav.responseEnd.toFixed(0)} · scripts ${end((r) => r.initiatorType === 'script' || r.name.endsWith('.js')).toFixed(0)} · api ${end((r) => r.name.includes('/api/')).toFixed(0)} · lcp ${(last?.startTime ?? 0).toFixed(0)} ms; slowest: ${slowest.join(', ')}`;
            resolve({
              timeline,
              ms: last ? last.startTime : Number.POSITIVE_INFINITY,
              size: last?.size ?? 0,
              element: el ? `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''}` : 'none',
            });
          }, 300);
        }),
    );
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  console.log(`Cairn web e2e\n  cairn: ${cairnBin}\n  web:   ${dist}\n  out:   ${out}\n  only:  ${[...only].join(',')}`);
  if (only.has('bundle')) {
    await step('bundle: initial JavaScript under 150 KB gzip', () => {
      const result = initialJs(dist);
      for (const f of result.files) note(`${f.file}: ${kb(f.raw)} raw, ${kb(f.gzip)} gzip`);
      figures.push({ what: 'initial JavaScript (gzip)', value: kb(result.gzip) });
      note(`initial JavaScript: ${kb(result.gzip)} gzip, ${kb(result.raw)} raw (budget ${kb(budgetBytes)})`);
      check(result.gzip <= budgetBytes, `the initial JavaScript is ${kb(result.gzip)} gzip, over ${kb(budgetBytes)}`);
    });
  }
  const browserNeeded = ['journeys', 'insights', 'pages', 'lcp'].some((p) => only.has(p));
  if (browserNeeded) {
    const ready = await step('check the cairn program, the built app and Chromium', () => {
      check(existsSync(cairnBin), `no cairn program at ${cairnBin} (set CAIRN_BIN)`);
      check(existsSync(join(dist, 'index.html')), `no built app at ${dist} (npx vite build, or set WEB_DIST)`);
      check(existsSync(chromiumPath), `no Chromium at ${chromiumPath} (set CHROMIUM)`);
      return true;
    });
    if (ready) {
      rmSync(join(out, 'failures'), { recursive: true, force: true });
      browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
      mkdirSync(out, { recursive: true });
      if (only.has('journeys')) await journeys();
      if (only.has('insights') || only.has('pages')) await demoPhases();
      if (only.has('lcp')) await lcpPhase();
    }
  }
}

try {
  await main();
} catch (error) {
  failures.push({ name: 'the run itself', message: String(error?.stack ?? error) });
  console.log(String(error?.stack ?? error));
} finally {
  await cleanUp();
}

console.log(`\n${'─'.repeat(60)}`);
for (const f of figures) console.log(`${f.what}: ${f.value}`);
const seriousAxe = axeResults.filter((r) => r.violations.some((v) => v.impact === 'serious' || v.impact === 'critical'));
if (axeResults.length) console.log(`axe: ${axeResults.length} checks, ${seriousAxe.length} with serious or critical violations`);
console.log(`took ${elapsed(started)}`);
if (failures.length) {
  console.log(`\n${failures.length} step(s) failed:`);
  for (const f of failures) console.log(`  ✗ ${f.name}: ${f.message}${f.shot ? `\n      ${relative(process.cwd(), f.shot)}` : ''}`);
  process.exitCode = 1;
} else {
  console.log('all steps passed');
}
