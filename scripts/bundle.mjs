// Bundles the CLI into dist/cli.js (ESM, Node 20). Runtime dependencies stay external so the
// published package installs them; the firmware is read from build/ next to dist/.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// better-sqlite3 (the DCC store, host/dcc/store-sqlite.ts) loads a native addon from its own
// package directory: bundled, its `bindings` lookup would search dist/ and fail at `serve --db`.
const external = [...new Set([...Object.keys(pkg.dependencies ?? {}), 'better-sqlite3'])];

await build({
  entryPoints: ['host/cli/bin.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  banner: { js: '#!/usr/bin/env node' },
  sourcemap: true,
  logLevel: 'warning',
});

// The fleet's worker thread entry (host/fleet/worker.ts), loaded by path next to dist/cli.js.
await build({
  entryPoints: ['host/fleet/worker.ts'],
  outfile: 'dist/fleet-worker.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  sourcemap: true,
  logLevel: 'warning',
});
