/**
 * npm run build: bundles src/ into dist/ with esbuild, then saves V8's code cache of the bundle
 * every run loads (bin/load-bundle.cjs reads it).
 * - dist/main.cjs (src/bundle.ts): the CLI, and the worker threads of a parallel lint, which load
 *   the same file. One CommonJS file, as only a classic script can be given a code cache on
 *   Node 20 (ES modules are compiled anew by every run). Code loaded on demand (undici, the
 *   language server, the yaml editor) is bundled in but only evaluated when first asked for.
 * - Its cache is made after a training run (lints, one with external links to a server of this
 *   process, and an overdue report of a generated corpus, in this process), so it holds the
 *   bytecode of the functions a run calls, not only of the top level: a lint of 1,000 pages
 *   spends ~60 ms less compiling.
 * - dist/links-exact.cjs, the exact link extractor, loaded with require() by the few documents that
 *   need it; dist/rule-docs.js, dist/json-schema.js and dist/scaffold-templates.js for scripts/docs.mjs.
 * Entry points sit at the top of dist/, so `../package.json` means the package from every bundle.
 * Types are checked by `npm run typecheck` (tsc), not here.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { build } from 'esbuild';
import { generateCorpus } from '../bench/generate.mjs';

const require = createRequire(import.meta.url);
const sourcemap = process.argv.includes('--sourcemap') ? 'linked' : false;
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap, logLevel: 'warning' };

rmSync('dist', { recursive: true, force: true });
await build({
  ...common,
  // The CLI, and the entry of a parallel lint's worker threads, which load the same bundle.
  entryPoints: { main: 'src/bundle.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // yaml is loaded on demand with require() (src/corpus/frontmatter.ts): one copy, from node_modules.
  external: ['yaml'],
  // The sources are ES modules: each bundle is their import.meta.url.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// The exact link extractor (src/links/exact.ts), loaded with require() only when a document needs it.
await build({ ...common, entryPoints: ['src/links/exact.ts'], outfile: 'dist/links-exact.cjs', format: 'cjs' });
// For scripts/docs.mjs, which regenerates the README's rule table and the config schema.
await build({
  ...common,
  entryPoints: { 'rule-docs': 'src/rules/docs.ts', 'json-schema': 'src/schema/json-schema.ts', 'scaffold-templates': 'src/scaffold/templates.ts' },
  outdir: 'dist',
  format: 'esm',
  external: ['yaml'],
  banner: { js: "import { createRequire as __contentgovRequire } from 'node:module'; const require = __contentgovRequire(import.meta.url);" },
});

await saveCodeCaches();

/** Loads the bundle as a run does, runs the commands a user runs most, and saves what V8 compiled. */
async function saveCodeCaches() {
  const { loadBundle } = require('../bin/load-bundle.cjs');
  const cli = loadBundle(path.resolve('dist/main.cjs'));
  const work = mkdtempSync(path.join(tmpdir(), 'contentgov-build-'));
  // A generated corpus, and a project whose only external links go to a server of this process
  // (the HTTP client's code is in the cache too; the build asks nothing of any other host).
  const corpus = path.join(work, 'corpus');
  const external = path.join(work, 'external');
  const server = createServer((_request, response) => response.writeHead(200).end());
  const cwd = process.cwd();
  try {
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    generateCorpus(path.join(corpus, 'content'), 300);
    writeFileSync(path.join(corpus, 'contentgov.config.json'), JSON.stringify({ root: 'content' }));
    const links = Array.from({ length: 64 }, (_, page) => `- [page ${page}](http://127.0.0.1:${server.address().port}/${page})`);
    mkdirSync(path.join(external, 'content'), { recursive: true });
    writeFileSync(path.join(external, 'content', 'external.md'), `---\ntitle: External\n---\n\n# External\n\n${links.join('\n')}\n`);
    writeFileSync(path.join(external, 'contentgov.config.json'), JSON.stringify({ root: 'content', links: { cache: { enabled: false } } }));
    for (const [project, args] of [
      [corpus, ['lint', '--jobs', '1', '--format', 'json', '--as-of', '2026-01-15']],
      [corpus, ['lint', '--jobs', '1', '--as-of', '2026-01-15']],
      [corpus, ['overdue', '--all', '--as-of', '2026-01-15']],
      [external, ['lint', '--external', '--allow-private-hosts', '--format', 'json', '--as-of', '2026-01-15']],
    ]) {
      const errors = [];
      process.chdir(project);
      // Findings (1) are expected of the generated corpus; a usage error (2) would train nothing.
      const exitCode = await cli.exports.main(['node', 'contentgov', ...args], { stdout: sink(), stderr: sink((text) => errors.push(text)), env: {}, cwd: project });
      if (exitCode > 1) throw new Error(`build: the training run \`contentgov ${args.join(' ')}\` exited with ${exitCode}: ${errors.join('')}`);
    }
  } finally {
    process.chdir(cwd);
    server.close();
    rmSync(work, { recursive: true, force: true });
  }
  writeFileSync('dist/main.cjs.cache', cli.script.createCachedData());
}

function sink(onText = () => {}) {
  return new Writable({
    write: (chunk, _encoding, done) => {
      onText(String(chunk));
      done();
    },
  });
}
