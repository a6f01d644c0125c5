/**
 * lint --jobs: worker threads check the corpus in chunks, and the reports are the same, byte for
 * byte, as on the main thread alone — on a generated corpus with the things a merge of threads
 * could get wrong: links and anchors across chunks, a url whose site links have one root cause,
 * config suppressions used in one thread and not another, unreadable files, a shard of the run.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the bench's generator is plain JavaScript.
import { generateCorpus } from '../bench/generate.mjs';
import { seedDocument, tempProject, type TempProject } from './helpers/project.js';

const DOCUMENTS = 2600;
let project: TempProject;

beforeAll(() => {
  project = tempProject('contentgov-jobs-');
  (generateCorpus as (directory: string, count: number) => string)(project.root, DOCUMENTS);
  project.write(
    'contentgov.config.json',
    JSON.stringify({
      root: 'content',
      suppressions: [
        { rule: 'link-missing-anchor', files: 'content/treatment/**', reason: 'used by the last chunks only', until: '2030-01-01' },
        { rule: 'metadata-schema', files: 'content/nowhere/**', reason: 'never used' },
      ],
    }),
  );
  // Links into the first chunk from the last, and back, broken and not.
  project.write('content/aaa-first.md', seedDocument({}, '# First\n\n## Kept heading\n\n[last](zzz-last.md#gone) and [ok](zzz-last.md#last-heading)\n'));
  project.write('content/zzz-last.md', seedDocument({}, '# Last\n\n## Last heading\n\n[first](aaa-first.md#kept-heading) [bad](aaa-first.md#nope)\n'));
  // One root cause: a bad url and the site links it leaves unresolved.
  project.write('content/zzz-bad-url.md', seedDocument({ url: 'not a url' }, '# Bad\n\n[a](/x/y) [b](/x/z)\n'));
  project.write('content/zzz-bad-utf8.md', Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0x0a]));
  mkdirSync(path.join(project.root, 'outside'), { recursive: true });
  writeFileSync(path.join(project.root, 'outside', 'secret.md'), '---\ntitle: secret\n---\n');
  symlinkSync(path.join(project.root, 'outside', 'secret.md'), path.join(project.root, 'content', 'zzz-link-out.md'));
  execFileSync('mkfifo', [path.join(project.root, 'content', 'zzz-pipe.md')]);
}, 120_000);

afterAll(() => project.cleanup());

const AS_OF = ['--as-of', '2026-11-25'];

describe('lint --jobs', () => {
  it('gives byte-identical reports with 1, 2 and 3 threads, and really uses them', () => {
    const runs = ['1', '2', '3'].map((jobs) => project.run(['lint', '--jobs', jobs, ...AS_OF, '--format', 'json', '-o', `r${jobs}.sarif`, '-o', `r${jobs}.xml`], { env: { CONTENTGOV_STATS: '1' } }));
    for (const run of runs) expect(run.exitCode).toBe(1);
    const report = JSON.parse(runs[0]!.stdout);
    expect(report.summary.documents).toBe(DOCUMENTS + 6);
    expect(runs[0]!.stderr).toContain(`threads: ${DOCUMENTS + 6} documents on 1 thread `);
    expect(runs[1]!.stderr).toMatch(new RegExp(`threads: ${DOCUMENTS + 6} documents on 2 threads \\(chunks: [1-9]\\d* \\+ [1-9]\\d*\\)`));
    expect(runs[2]!.stderr).toMatch(/on 3 threads \(chunks: [1-9]\d* \+ [1-9]\d* \+ [1-9]\d*\)/);
    for (const run of runs.slice(1)) {
      expect(run.stdout).toBe(runs[0]!.stdout);
      expect(run.stderr.replace(/^threads: .*\n/m, '')).toBe(runs[0]!.stderr.replace(/^threads: .*\n/m, ''));
    }
    const read = (name: string) => readFileSync(path.join(project.root, name), 'utf8');
    expect(read('r2.sarif')).toBe(read('r1.sarif'));
    expect(read('r2.xml')).toBe(read('r1.xml'));
    // What a merge could lose: findings across chunks, the root cause, suppressions used or not.
    const findings = (report.findings as { file: string; ruleId: string; message: string }[]).map((finding) => `${finding.file} ${finding.ruleId} ${finding.message}`);
    expect(findings).toContain('content/aaa-first.md link-missing-anchor broken anchor: "zzz-last.md#gone" (content/zzz-last.md has no heading or id "gone")');
    expect(findings).toContain('content/zzz-last.md link-missing-anchor broken anchor: "aaa-first.md#nope" (content/aaa-first.md has no heading or id "nope")');
    expect(findings.filter((finding) => finding.includes('#last-heading') || finding.includes('#kept-heading'))).toEqual([]);
    expect(findings.filter((finding) => finding.startsWith('content/zzz-bad-url.md') && !finding.includes(' review-'))).toEqual([
      'content/zzz-bad-url.md metadata-schema "url" must be an absolute http(s) URL; got "not a url"; its 2 site links could not be checked',
    ]);
    expect(findings).toContain('contentgov.config.json suppression-unused suppressions[1] (metadata-schema in content/nowhere/**) silenced nothing; remove it');
    expect(findings.some((finding) => finding.startsWith('contentgov.config.json') && finding.includes('suppressions[0]'))).toBe(false);
    expect(report.suppressions.length).toBeGreaterThan(0);
    expect(report.summary.skipped).toEqual({ 'outside the root': 1, unreadable: 2 });
  }, 180_000);

  it('holds the corpus compact (links packed, rules run as each page is read) with the same reports', () => {
    const plain = project.run(['lint', '--jobs', '1', ...AS_OF, '--format', 'json'], { env: { CONTENTGOV_STATS: '1' } });
    expect(plain.stderr).toMatch(/^threads: .*\)\n/m);
    const withoutSharing = (stderr: string) => stderr.replace(/^threads: .*\n/m, '');
    for (const jobs of ['1', '2']) {
      const compact = project.run(['lint', '--jobs', jobs, ...AS_OF, '--format', 'json'], { env: { CONTENTGOV_COMPACT: '1', CONTENTGOV_STATS: '1' } });
      expect(compact.stderr).toMatch(/^threads: .*\), compact\n/m);
      expect(compact.exitCode).toBe(plain.exitCode);
      expect(compact.stdout).toBe(plain.stdout);
      expect(withoutSharing(compact.stderr)).toBe(withoutSharing(plain.stderr));
    }
  }, 180_000);

  it('an overdue report of a compact corpus is the same as of one held whole', () => {
    const args = ['overdue', ...AS_OF, '--all', '--format', 'json'];
    const whole = project.run(args, { env: { CONTENTGOV_COMPACT: '0', CONTENTGOV_STATS: '1' } });
    const compact = project.run(args, { env: { CONTENTGOV_COMPACT: '1', CONTENTGOV_STATS: '1' } });
    expect(whole.stderr).toMatch(/^threads: .* on 1 thread .*\)\n/m);
    expect(compact.stderr).toMatch(/^threads: .* on 1 thread .*\), compact\n/m);
    expect(JSON.parse(whole.stdout).overdue.rows.length).toBeGreaterThan(100);
    expect(compact.exitCode).toBe(whole.exitCode);
    expect(compact.stdout).toBe(whole.stdout);
  }, 120_000);

  it('--shard with threads judges the same documents as without', () => {
    const one = project.run(['lint', '--jobs', '1', '--shard', '2/3', ...AS_OF, '--format', 'json']);
    const two = project.run(['lint', '--jobs', '2', '--shard', '2/3', ...AS_OF, '--format', 'json']);
    expect(two.exitCode).toBe(one.exitCode);
    expect(two.stdout).toBe(one.stdout);
    expect(JSON.parse(one.stdout).summary.documents).toBe(Math.ceil((DOCUMENTS + 6 - 1) / 3));
  }, 120_000);

  it('--changed with --shard splits the change across chunks: each changed page in exactly one shard', () => {
    const repository = tempProject('contentgov-jobs-changed-');
    try {
      (generateCorpus as (directory: string, count: number) => string)(repository.root, 800);
      repository.write('contentgov.config.json', JSON.stringify({ root: 'content' }));
      const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', '-c', 'init.defaultBranch=main', ...args], { cwd: repository.root, stdio: 'pipe' });
      git('init', '-q');
      git('add', '-A');
      git('commit', '-qm', 'corpus');
      // The first and the last page of the sorted corpus: in the first chunk and in the fourth.
      const report = JSON.parse(repository.run(['lint', '--jobs', '1', ...AS_OF, '--format', 'json']).stdout) as { documents: { file: string }[] };
      const first = report.documents[0]!.file;
      const last = report.documents.at(-1)!.file;
      for (const file of [first, last]) repository.write(file, `${readFileSync(path.join(repository.root, file), 'utf8')}\nOne more line.\n`);
      const judged = ['1/2', '2/2'].map((shard) => {
        const run = repository.run(['lint', '--changed', '--base', 'main', '--shard', shard, ...AS_OF, '--format', 'json']);
        return (JSON.parse(run.stdout) as { documents: { file: string }[] }).documents.map((document) => document.file);
      });
      expect(judged).toEqual([[first], [last]]);
    } finally {
      repository.cleanup();
    }
  }, 120_000);

  it('refuses a count that is not a whole number of at least 1', () => {
    for (const jobs of ['0', '-1', 'two', '1.5']) {
      const run = project.run(['lint', '--jobs', jobs]);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toContain('expected a whole number of at least 1');
    }
  });
});
