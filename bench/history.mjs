/**
 * overdue --history on a 10,000-page repository with a year of monthly changes (30 pages reviewed
 * and 5 added a month, back-dated commits): its time against one plain overdue run, which is what
 * each of the 13 periods would cost if every period were judged from a full checkout.
 * Usage: node bench/history.mjs [pages]   (after npm run build)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './generate.mjs';

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/contentgov.js');
const pages = Number(process.argv[2] ?? 10_000);
const directory = mkdtempSync(path.join(tmpdir(), 'contentgov-history-bench-'));
try {
  const content = generateCorpus(directory, pages);
  rmSync(path.join(directory, 'corpus.json'));
  writeFileSync(path.join(directory, 'contentgov.config.json'), JSON.stringify({ root: 'content' }));
  const git = (args, env = {}) => execFileSync('git', args, { cwd: directory, env: { ...process.env, ...env }, maxBuffer: 1 << 28 });
  const commit = (day) => {
    const date = `${day}T12:00:00Z`;
    git(['add', '-A']);
    git(['-c', 'user.name=Bench', '-c', 'user.email=bench@example.org', 'commit', '-q', '-m', day], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  };
  git(['init', '-q', '-b', 'main']);
  commit('2025-11-01');
  const files = git(['ls-files', 'content']).toString().trim().split('\n');
  for (let month = 0; month < 12; month++) {
    const day = `${month < 1 ? 2025 : 2026}-${String(((month + 11) % 12) + 1).padStart(2, '0')}-15`;
    for (let index = 0; index < 30; index++) {
      const file = path.join(directory, files[(month * 331 + index * 97) % files.length]);
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^lastReviewed: .*$/m, `lastReviewed: '${day}'`));
    }
    for (let index = 0; index < 5; index++) {
      const target = path.join(content, 'new', `month-${month}-${index}.md`);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, `---\ntitle: New ${month}-${index}\nlastReviewed: '${day}'\nreviewFrequency: quarterly\nstatus: active\n---\n\nBody.\n`);
    }
    commit(day);
  }
  const time = (args) => {
    const started = process.hrtime.bigint();
    const child = spawnSync(process.execPath, [CLI, ...args], { cwd: directory, encoding: 'utf8', maxBuffer: 1 << 28 });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (child.status !== 0) throw new Error(`contentgov ${args.join(' ')}: exit ${child.status}\n${child.stderr}`);
    return { seconds, stdout: child.stdout };
  };
  const plain = time(['overdue', '--as-of', '2026-11-25', '--format', 'json']);
  const history = time(['overdue', '--as-of', '2026-11-25', '--history', '--since', '12m', '--format', 'json']);
  const periods = JSON.parse(history.stdout).overdue.history;
  console.log(`${pages} pages, ${periods.length} period ends, 12 monthly commits of 35 changed pages`);
  console.log(`one plain overdue run:   ${plain.seconds.toFixed(2)} s (13 full runs: ~${(13 * plain.seconds).toFixed(1)} s)`);
  console.log(`overdue --history 12m:   ${history.seconds.toFixed(2)} s (the plain run included)`);
  console.log(periods.map((point) => `${point.periodEnd} overdue ${point.overdue} unknown ${point.unknown}`).join('\n'));
} finally {
  rmSync(directory, { recursive: true, force: true });
}
