/**
 * npm run build: bundles src/ into dist/ with esbuild. One file per entry point (plus shared and
 * lazily loaded chunks) starts in about two thirds of the time that ~100 separately resolved
 * modules take, which every run pays. Types are checked by `npm run typecheck` (tsc), not here.
 * Entry points sit at the top of dist/, so `../package.json` means the package from every chunk.
 */
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: {
    main: 'src/cli/main.ts',
    // The worker threads of a parallel lint (src/check/shards.ts starts them from ./check-worker.js).
    'check-worker': 'src/check/worker.ts',
    // For scripts/docs.mjs, which regenerates the README's rule table and the config schema.
    'rule-docs': 'src/rules/docs.ts',
    'json-schema': 'src/schema/json-schema.ts',
  },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // yaml is loaded on demand with require() (src/corpus/frontmatter.ts): one copy, from node_modules.
  external: ['yaml'],
  // Bundled CommonJS dependencies (commander, undici…) call require() for Node's own modules.
  banner: { js: "import { createRequire as __contentgovRequire } from 'node:module'; const require = __contentgovRequire(import.meta.url);" },
  // Source maps only when asked (npm run build -- --sourcemap): the package ships none.
  sourcemap: process.argv.includes('--sourcemap') ? 'linked' : false,
  logLevel: 'warning',
});
// The exact link extractor (src/links/exact.ts), loaded with require() only when a document needs it.
await build({
  entryPoints: ['src/links/exact.ts'],
  outfile: 'dist/links-exact.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: process.argv.includes('--sourcemap') ? 'linked' : false,
  logLevel: 'warning',
});
