import { defineConfig } from 'vitest/config';

// The app is served by `cairn serve` from web/dist; `npm run dev` proxies the API to a
// `cairn serve` on port 8080.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', target: 'es2022', sourcemap: false },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  test: { include: ['src/**/*.test.ts'] },
});
