/**
 * npm run bench: times contentgov on synthetic corpora of 1,000 and 10,000 seed-shaped documents
 * and, in the same run on the same files, a peer: remark-cli with remark-frontmatter and
 * remark-lint-frontmatter-schema against the equivalent JSON Schema. Prints medians, documents
 * per second, peak RSS and the ratio. Timings are wall-clock on this machine, so other load on
 * it shows in them: read the medians, not a single run.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchExternal } from './external.mjs';
import { generateCorpus } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const cli = path.join(repo, 'bin/contentgov.js');
const remarkCli = path.join(repo, 'node_modules/remark-cli/cli.js');
const AS_OF = '2026-11-25';
// BENCH_SIZES=1000 for a quick run (the default, 1,000 and 10,000, takes about 12 minutes on 2 cores).
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
if (!SIZES.every((size) => Number.isInteger(size) && size > 0) || !(Number.isInteger(RUNS) && RUNS > 0)) {
  console.error('bench: BENCH_SIZES is a comma-separated list of document counts (such as 1000,10000), BENCH_RUNS a count');
  process.exit(2);
}

/** Runs `node script args` in `cwd`; returns wall milliseconds, peak RSS and exit code. */
function measure(script, args, cwd) {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [path.join(here, 'peak-rss.mjs'), script, ...args], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 30,
    env: { ...process.env, CI: 'true', NO_COLOR: '1' },
  });
  const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
  const peakRss = Number(child.output[3]?.toString() || 0);
  return { milliseconds, peakRss, exitCode: child.status, stderr: child.stderr?.toString() ?? '' };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timed(label, runs, run) {
  const results = Array.from({ length: runs }, run);
  const failed = results.find((result) => result.exitCode !== 0 && result.exitCode !== 1);
  if (failed) throw new Error(`${label} failed (exit ${failed.exitCode}): ${failed.stderr.slice(0, 500)}`);
  return { milliseconds: median(results.map((result) => result.milliseconds)), peakRss: Math.max(...results.map((result) => result.peakRss)), runs };
}

const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' }).stdout;
const rows = [];
for (const size of SIZES) {
  const directory = path.join(here, '.corpus', String(size));
  process.stderr.write(`generating ${size} documents… `);
  generateCorpus(directory, size);
  copyFileSync(path.join(here, 'document.schema.json'), path.join(directory, 'schema.json'));
  // Its own project, so the repository's config (found upward) does not apply.
  writeFileSync(path.join(directory, 'contentgov.config.json'), JSON.stringify({ root: 'content' }));
  writeFileSync(
    path.join(directory, '.remarkrc.json'),
    JSON.stringify({ plugins: ['remark-frontmatter', ['remark-lint-frontmatter-schema', { schemas: { './schema.json': ['content/**/*.md'] } }]] }),
  );
  writeFileSync(path.join(directory, '.remarkrc-links.json'), JSON.stringify({ plugins: ['remark-frontmatter', ['remark-validate-links', { repository: false }]] }));
  process.stderr.write('timing\n');
  const jobs = [
    ['lint', ['lint', 'content', '--format', 'json', '--as-of', AS_OF]],
    ['lint --no-links', ['lint', 'content', '--no-links', '--format', 'json', '--as-of', AS_OF]],
  ];
  if (/^\s+overdue\b/m.test(help)) jobs.push(['overdue', ['overdue', 'content', '--format', 'json', '--as-of', AS_OF, '--all']]);
  // Link checking of local files and anchors runs inside lint; external checking needs a network and is not benchmarked here.
  const lint = timed('contentgov lint', RUNS, () => measure(cli, jobs[0][1], directory));
  rows.push({ size, tool: 'contentgov lint', ...lint });
  for (const [name, args] of jobs.slice(1)) rows.push({ size, tool: `contentgov ${name}`, ...timed(`contentgov ${name}`, RUNS, () => measure(cli, args, directory)) });
  // The peer is slow: time it fewer times on the large corpus.
  const peerRuns = size >= 10_000 ? 1 : 3;
  const peer = timed('remark-cli', peerRuns, () => measure(remarkCli, ['content', '--rc-path', '.remarkrc.json', '--no-ignore', '--quiet', '--no-stdout'], directory));
  // Like for like: the frontmatter-schema peer checks metadata only, as lint --no-links does.
  const metadataOnly = rows.find((row) => row.size === size && row.tool === 'contentgov lint --no-links');
  rows.push({ size, tool: 'remark-cli + frontmatter-schema (peer)', ...peer, ratio: peer.milliseconds / metadataOnly.milliseconds, against: 'lint --no-links' });
  const linkPeer = timed('remark-validate-links', peerRuns, () => measure(remarkCli, ['content', '--rc-path', '.remarkrc-links.json', '--no-ignore', '--quiet', '--no-stdout'], directory));
  rows.push({ size, tool: 'remark-cli + remark-validate-links (peer)', ...linkPeer, ratio: linkPeer.milliseconds / lint.milliseconds, against: 'lint' });
}

const table = [['documents', 'tool', 'runs', 'median wall', 'docs/s', 'peak RSS', 'peer is slower by']];
for (const row of rows) {
  table.push([
    row.size.toLocaleString('en-US'),
    row.tool,
    String(row.runs),
    `${(row.milliseconds / 1000).toFixed(2)} s`,
    Math.round(row.size / (row.milliseconds / 1000)).toLocaleString('en-US'),
    `${Math.round(row.peakRss / 1024 / 1024)} MB`,
    row.ratio ? `${row.ratio.toFixed(1)}× (vs ${row.against})` : '',
  ]);
}
console.log('contentgov lint includes metadata, review dates, and local file, anchor and site-link checks (external links off).');
const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
for (const row of table) console.log(row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());

if (process.env.BENCH_EXTERNAL !== '0') {
  process.stderr.write('external: 5,000 URLs on 50 loopback hosts…\n');
  const external = await benchExternal({ cli, linkinatorCli: path.join(repo, 'node_modules/linkinator/build/src/cli.js'), directory: path.join(here, '.corpus', 'external') });
  const line = (name, result) => `${name.padEnd(12)} ${(result.milliseconds / 1000).toFixed(2)} s  ${result.requests} requests  exit ${result.exitCode}`;
  console.log('');
  console.log(`external links: ${external.urls} unique URLs, 50 hosts, 50 ms each; bound at 128 concurrent ≈ ${(external.bound / 1000).toFixed(2)} s`);
  console.log(line('contentgov', external.contentgov) + `  (${(external.contentgov.milliseconds / external.bound).toFixed(2)}× the bound; HEAD first, the default)`);
  console.log(line('  method get', external.contentgovGet) + `  (${(external.contentgovGet.milliseconds / external.bound).toFixed(2)}× the bound; links.method "get")`);
  console.log(line('linkinator', external.linkinator) + `  (${(external.linkinator.milliseconds / external.contentgov.milliseconds).toFixed(1)}× contentgov)`);
}

if (process.env.BENCH_LSP !== '0') {
  // The language server's startup and per-edit latency, on the same 10,000-document corpus.
  console.log('');
  spawnSync(process.execPath, [path.join(here, 'lsp.mjs')], { stdio: 'inherit' });
}
