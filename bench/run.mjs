/**
 * npm run bench: times contentgov on synthetic corpora of seed-shaped documents (1,000 and 10,000;
 * BENCH_SIZES to choose, 100000 among them for the large run) against, in the same run on the
 * same files, the floor (bench/floor.mjs: read, parse the frontmatter with js-yaml, regex-count
 * the links, no checks, one thread) and two peers: remark-cli with remark-frontmatter and
 * remark-lint-frontmatter-schema against the equivalent JSON Schema, and with
 * remark-validate-links. lint runs with the default jobs and, when the build has the flag, with
 * --jobs 1. Prints medians of BENCH_RUNS runs after a warm-up run, documents per second, peak RSS,
 * and ratios: to the floor, --jobs 1 to the default, each size to the next smaller, the peers.
 * From 50,000 documents up the peers are skipped and contentgov runs BENCH_LARGE_RUNS times
 * (default 1) after one warm-up pass of the floor. Timings are wall-clock on this machine, so
 * other load on it shows in them: read the medians, not a single run.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchExternal } from './external.mjs';
import { generateCorpus } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const cli = path.join(repo, 'bin/contentgov.js');
const remarkCli = path.join(repo, 'node_modules/remark-cli/cli.js');
const floorScript = path.join(here, 'floor.mjs');
const AS_OF = '2026-11-25';
// BENCH_SIZES=1000 for a quick run (the default, 1,000 and 10,000, takes about 14 minutes on 2 cores).
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// From this size up the peers would take many minutes: they are skipped, and contentgov runs fewer times.
const LARGE = 50_000;
const LARGE_RUNS = Number(process.env.BENCH_LARGE_RUNS ?? 1);
const isCount = (value) => Number.isInteger(value) && value > 0;
if (!SIZES.every(isCount) || !isCount(RUNS) || !isCount(LARGE_RUNS)) {
  console.error('bench: BENCH_SIZES is a comma-separated list of document counts (such as 1000,10000), BENCH_RUNS and BENCH_LARGE_RUNS counts');
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

/** Median wall time and highest peak RSS of `runs` runs, after one more that is not counted when `warmUp`. */
function timed(label, runs, run, warmUp) {
  const results = Array.from({ length: runs + (warmUp ? 1 : 0) }, run);
  const failed = results.find((result) => result.exitCode !== 0 && result.exitCode !== 1);
  if (failed) throw new Error(`${label} failed (exit ${failed.exitCode}): ${failed.stderr.slice(0, 500)}`);
  const counted = results.slice(warmUp ? 1 : 0);
  return { milliseconds: median(counted.map((result) => result.milliseconds)), peakRss: Math.max(...counted.map((result) => result.peakRss)), runs };
}

const lintHelp = spawnSync(process.execPath, [cli, 'lint', '--help'], { encoding: 'utf8' }).stdout;
const hasJobs = /^\s+(?:-\w, )?--jobs\b/m.test(lintHelp);
const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' }).stdout;
const hasOverdue = /^\s+overdue\b/m.test(help);
const FLOOR = 'floor (read, js-yaml, link regex)';
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
  const large = size >= LARGE;
  const row = (tool, result, extra = {}) => {
    rows.push({ size, tool, ...result, ...extra });
    return result;
  };
  // The floor's warm-up pass also brings the corpus into the file cache for the runs after it.
  const floor = row(FLOOR, timed(FLOOR, RUNS, () => measure(floorScript, ['content'], directory), true));
  const runs = large ? LARGE_RUNS : RUNS;
  const contentgov = (name, args) => row(`contentgov ${name}`, timed(`contentgov ${name}`, runs, () => measure(cli, args, directory), !large), { floor });
  // Link checking of local files and anchors runs inside lint; external checking needs a network and is not benchmarked here.
  const lintArgs = ['lint', 'content', '--format', 'json', '--as-of', AS_OF];
  const lint = contentgov('lint', lintArgs);
  if (hasJobs) contentgov('lint --jobs 1', [...lintArgs, '--jobs', '1']);
  const metadataOnly = contentgov('lint --no-links', ['lint', 'content', '--no-links', '--format', 'json', '--as-of', AS_OF]);
  if (hasOverdue) contentgov('overdue', ['overdue', 'content', '--format', 'json', '--as-of', AS_OF, '--all']);
  if (large) continue;
  // The peers are slow: time them fewer times on the large corpus, without a warm-up (contentgov's runs were theirs).
  const peerRuns = size >= 10_000 ? 1 : 3;
  const peer = timed('remark-cli', peerRuns, () => measure(remarkCli, ['content', '--rc-path', '.remarkrc.json', '--no-ignore', '--quiet', '--no-stdout'], directory), false);
  // Like for like: the frontmatter-schema peer checks metadata only, as lint --no-links does.
  row('remark-cli + frontmatter-schema (peer)', peer, { floor, ratio: peer.milliseconds / metadataOnly.milliseconds, against: 'lint --no-links' });
  const linkPeer = timed('remark-validate-links', peerRuns, () => measure(remarkCli, ['content', '--rc-path', '.remarkrc-links.json', '--no-ignore', '--quiet', '--no-stdout'], directory), false);
  row('remark-cli + remark-validate-links (peer)', linkPeer, { floor, ratio: linkPeer.milliseconds / lint.milliseconds, against: 'lint' });
}

const count = (size) => size.toLocaleString('en-US');
const seconds = (milliseconds) => `${(milliseconds / 1000).toFixed(2)} s`;
const megabytes = (bytes) => `${Math.round(bytes / 1024 / 1024)} MB`;
const table = [['documents', 'tool', 'runs', 'median wall', 'docs/s', 'peak RSS', '× floor', 'peer is slower by']];
for (const row of rows) {
  table.push([
    count(row.size),
    row.tool,
    String(row.runs),
    seconds(row.milliseconds),
    Math.round(row.size / (row.milliseconds / 1000)).toLocaleString('en-US'),
    megabytes(row.peakRss),
    row.floor ? `${(row.milliseconds / row.floor.milliseconds).toFixed(2)}×` : '',
    row.ratio ? `${row.ratio.toFixed(1)}× (vs ${row.against})` : '',
  ]);
}
console.log(`contentgov lint includes metadata, review dates, and local file, anchor and site-link checks (external links off); ${availableParallelism()} cores.`);
console.log(`Medians after a warm-up run (the peers: none, contentgov's runs warmed the files)${hasJobs ? '; lint without --jobs runs one worker per core' : ''}.`);
const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
for (const row of table) console.log(row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());
const largeSizes = SIZES.filter((size) => size >= LARGE);
if (largeSizes.length) {
  console.log(`${largeSizes.map(count).join(', ')} documents: contentgov ${LARGE_RUNS === 1 ? 'once' : `${LARGE_RUNS} times`} per job after one warm-up pass of the floor; the remark peers skipped (they would take many minutes).`);
}

// Ratios: how far lint is from the floor, what the workers buy, and how time and memory grow with the corpus.
const find = (size, tool) => rows.find((row) => row.size === size && row.tool === tool);
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
console.log('');
console.log('ratios (targets: lint within 2× the floor at 10,000 documents on 2 cores; 100,000 documents under 600 MB and within 11× the 10,000 time)');
for (const size of SIZES) {
  const lint = find(size, 'contentgov lint');
  const single = find(size, 'contentgov lint --jobs 1');
  const floor = find(size, FLOOR);
  const parts = [`lint ÷ floor ${ratio(lint.milliseconds, floor.milliseconds)}`];
  if (single) parts.push(`lint --jobs 1 ÷ floor ${ratio(single.milliseconds, floor.milliseconds)}`, `lint --jobs 1 ÷ lint ${ratio(single.milliseconds, lint.milliseconds)} (the workers' speed-up)`);
  parts.push(`lint peak RSS ${megabytes(lint.peakRss)}`);
  console.log(`${count(size)} documents: ${parts.join(', ')}`);
}
const ascending = [...new Set(SIZES)].sort((a, b) => a - b);
for (let index = 1; index < ascending.length; index++) {
  const [small, big] = [ascending[index - 1], ascending[index]];
  const growth = (tool) => {
    const [a, b] = [find(small, tool), find(big, tool)];
    return a && b ? `${tool.replace(/^contentgov /, '').replace(/ \(.*/, '')} ${ratio(b.milliseconds, a.milliseconds)} the time, ${ratio(b.peakRss, a.peakRss)} the memory` : null;
  };
  const parts = ['contentgov lint', 'contentgov lint --jobs 1', FLOOR].map(growth).filter(Boolean);
  console.log(`${count(big)} ÷ ${count(small)} documents (${(big / small).toFixed(big % small ? 1 : 0)}× the pages): ${parts.join('; ')}`);
}

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
