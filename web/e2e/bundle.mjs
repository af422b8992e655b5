// The initial JavaScript of the built app: the entry chunk dist/index.html loads, with what it
// preloads and what it imports statically (followed through), each gzip-compressed as a server
// would send it. Run alone with `node e2e/bundle.mjs [dist]`, or through e2e/run.mjs.

import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const budgetBytes = 150 * 1024;

/** The static imports of a built ES module (not the dynamic import("…") of the lazy pages). */
export function staticImports(code) {
  const found = new Set();
  // import{a as b}from"./x.js"  import x from"./x.js"  import*as x from"./x.js"  import"./x.js"  export{a}from"./x.js"
  const re = /(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.js)["']/g;
  for (const m of code.matchAll(re)) found.add(m[1]);
  return [...found];
}

/** The initial JavaScript files (paths under dist) and their gzip sizes. */
export function initialJs(dist) {
  const indexPath = join(dist, 'index.html');
  if (!existsSync(indexPath)) throw new Error(`${indexPath} is missing: build the app first (npx vite build)`);
  const html = readFileSync(indexPath, 'utf8');
  const roots = [];
  for (const m of html.matchAll(/<script\b[^>]*\btype=["']module["'][^>]*\bsrc=["']([^"']+)["']/g)) roots.push(m[1]);
  for (const m of html.matchAll(/<script\b[^>]*\bsrc=["']([^"']+)["'][^>]*\btype=["']module["']/g)) roots.push(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*\brel=["']modulepreload["'][^>]*\bhref=["']([^"']+)["']/g)) roots.push(m[1]);
  if (roots.length === 0) throw new Error('dist/index.html names no module script');
  const seen = new Map();
  const visit = (urlPath) => {
    const file = join(dist, urlPath.replace(/^\//, ''));
    if (seen.has(file)) return;
    const code = readFileSync(file);
    seen.set(file, { file: file.slice(dist.length + 1), raw: code.length, gzip: gzipSync(code).length });
    for (const dep of staticImports(code.toString('utf8'))) {
      if (/^https?:/.test(dep)) continue;
      const next = dep.startsWith('/') ? dep : '/' + join(dirname(urlPath.replace(/^\//, '')), dep);
      visit(next);
    }
  };
  for (const root of new Set(roots)) visit(root);
  const files = [...seen.values()];
  return { files, gzip: files.reduce((n, f) => n + f.gzip, 0), raw: files.reduce((n, f) => n + f.raw, 0) };
}

export function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist'));
  const result = initialJs(dist);
  for (const f of result.files) console.log(`  ${f.file}  ${kb(f.raw)} raw, ${kb(f.gzip)} gzip`);
  console.log(`initial JavaScript: ${kb(result.gzip)} gzip (budget ${kb(budgetBytes)})`);
  process.exit(result.gzip <= budgetBytes ? 0 : 1);
}
