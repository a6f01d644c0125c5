import { readdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lintJson, seedDocument, tempProject, type TempProject } from './helpers/project.js';

let project: TempProject;
afterEach(() => project?.cleanup());

const filesOf = (report: { documents: Record<string, unknown>[] }) => report.documents.map((document) => document.file);

describe('discovery', () => {
  it('walks the content root in code-point order, skipping node_modules, dot-folders and ignore globs', () => {
    project = tempProject();
    for (const file of ['b.md', 'a/z.md', 'a.md', 'B.md', 'é.md', 'a/b/c.md', 'node_modules/x.md', '.hidden/x.md', '.dot.md', 'drafts/wip.md', 'notes.txt', 'a/skip.draft.md']) {
      project.write(`content/${file}`, seedDocument());
    }
    project.write('contentgov.config.json', JSON.stringify({ ignore: ['content/drafts/**', '**/*.draft.md'] }));
    const { report } = lintJson(project);
    expect(filesOf(report)).toEqual(['content/B.md', 'content/a.md', 'content/a/b/c.md', 'content/a/z.md', 'content/b.md', 'content/é.md']);
  });

  it('takes explicit files and folders, once each', () => {
    project = tempProject();
    project.write('content/a/one.md', seedDocument());
    project.write('content/b/two.md', seedDocument());
    const { report } = lintJson(project, ['content/b/two.md', 'content/a', 'content/a/one.md']);
    expect(filesOf(report)).toEqual(['content/a/one.md', 'content/b/two.md']);
  });

  it('a missing path or content root is a usage error', () => {
    project = tempProject();
    const result = project.run(['lint', 'content/nope.md']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('contentgov: no such file or directory: content/nope.md\n');
    expect(project.run(['lint'])).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/^contentgov: the content root content\/ does not exist: .+\n$/) });
    // It names the config the run read: -c another file, or the one init would write.
    project.write('settings/docs.json', JSON.stringify({ root: 'pages' }));
    expect(project.run(['lint', '-c', 'settings/docs.json']).stderr).toBe('contentgov: the content root pages/ does not exist: set "root" in settings/docs.json, name files to check, or run contentgov init\n');
  });

  it('a symlink loop does not hang and each real folder is read once', () => {
    project = tempProject();
    project.write('content/a/doc.md', seedDocument());
    symlinkSync('..', path.join(project.root, 'content/a/up'));
    symlinkSync('.', path.join(project.root, 'content/self'));
    const { report } = lintJson(project);
    expect(filesOf(report)).toEqual(['content/a/doc.md']);
  });
});

describe('output', () => {
  it('stylish: grouped by file, clickable file:line:col, a summary, no colour off a TTY', () => {
    project = tempProject();
    project.write('content/a.md', seedDocument({ status: 'published', extra: 'x' }));
    project.write('content/b.md', seedDocument());
    const result = project.run(['lint', '--as-of', '2026-01-15']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe(
      [
        'content/a.md',
        '  content/a.md:13:1  error    "status" must be one of active, draft, archived, retired; got "published"  metadata-schema',
        '  content/a.md:19:1  warning  unknown field "extra"  metadata-unknown-field',
        '',
        '✖ 2 problems (1 error, 1 warning) in 1 of 2 documents',
        // "published" is no exempt status: a.md is judged like an active page.
        'review: judged 2 = 2 current + 0 due soon + 0 overdue + 0 unknown; exempt 0',
        'files: read 2 documents, skipped 0',
        '',
      ].join('\n'),
    );
  });

  it('colour with FORCE_COLOR, none with NO_COLOR', () => {
    project = tempProject();
    project.write('content/a.md', seedDocument({ status: 'published' }));
    expect(project.run(['lint'], { env: { FORCE_COLOR: '1' } }).stdout).toContain('\u001b[');
    expect(project.run(['lint'], { env: { NO_COLOR: '1' } }).stdout).not.toContain('\u001b[');
  });

  it('a clean run says so and exits 0', () => {
    project = tempProject();
    project.write('content/a.md', seedDocument());
    const result = project.run(['lint']);
    expect(result).toMatchObject({
      exitCode: 0,
      stdout: '✔ 1 document checked, no problems\nreview: judged 1 = 1 current + 0 due soon + 0 overdue + 0 unknown; exempt 0\nfiles: read 1 document, skipped 0\n',
    });
  });

  it('json: the report shape, findings sorted by file, line, column', () => {
    project = tempProject();
    project.write('content/b.md', seedDocument({ version: '1', title: "''" }));
    project.write('content/a.md', '# no frontmatter\n');
    const { report } = lintJson(project);
    expect(Object.keys(report)).toEqual(['schemaVersion', 'tool', 'generatedAt', 'asOf', 'configHash', 'summary', 'documents', 'findings', 'links']);
    expect(report).toMatchObject({ schemaVersion: 1, tool: { name: 'contentgov', version: expect.stringMatching(/^\d+\.\d+\.\d+/) }, asOf: '2026-01-15' });
    expect(report.summary).toEqual({ documents: 2, read: 2, skipped: {}, errors: 3, warnings: 0, passed: 0, current: 1, dueSoon: 0, overdue: 0, unknown: 1, exempt: 0, exemptByStatus: {} });
    expect(report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column}`)).toEqual(['content/a.md:1:1', 'content/b.md:16:1', 'content/b.md:18:1']);
    expect(report.documents[1]).toMatchObject({ file: 'content/b.md', url: expect.stringContaining('https://'), errors: 2, warnings: 0 });
  });

  it('--report writes the same JSON atomically and leaves no temp file', () => {
    project = tempProject();
    project.write('content/a.md', seedDocument());
    const stdout = project.run(['lint', '--format', 'json', '--as-of', '2026-01-15', '--report', 'out/report.json']).stdout;
    expect(readFileSync(path.join(project.root, 'out/report.json'), 'utf8')).toBe(stdout);
    expect(readdirSync(path.join(project.root, 'out'))).toEqual(['report.json']);
  });

  it('is byte-for-byte reproducible with --as-of', () => {
    project = tempProject();
    project.write('content/a.md', seedDocument({ status: 'x' }));
    const first = project.run(['lint', '--format', 'json', '--as-of', '2026-01-15']).stdout;
    const second = project.run(['lint', '--format', 'json', '--as-of', '2026-01-15'], { env: { TZ: 'Pacific/Kiritimati' } }).stdout;
    expect(second).toBe(first);
  });
});

describe('exit codes', () => {
  it('0 clean, 1 errors or too many warnings, 2 usage errors', () => {
    project = tempProject();
    project.write('content/a.md', seedDocument({ extra: 'x' }));
    expect(project.run(['lint']).exitCode).toBe(0);
    expect(project.run(['lint', '--max-warnings', '1']).exitCode).toBe(0);
    const tooMany = project.run(['lint', '--max-warnings', '0']);
    expect(tooMany.exitCode).toBe(1);
    expect(tooMany.stderr).toContain('too many warnings (1; --max-warnings is 0)');
    for (const args of [['lint', '--bogus'], ['frobnicate'], ['lint', '--as-of', '2025-02-30'], ['lint', '--max-warnings', 'many'], ['lint', '--rule', 'nope=error'], ['lint', '--format', 'xml']]) {
      const result = project.run(args);
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).not.toBe('');
    }
  });
});
