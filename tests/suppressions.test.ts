import { afterEach, describe, expect, it } from 'vitest';
import { findSuppressionComments } from '../src/suppress/comments.js';
import { lintJson, seedDocument, tempProject, type TempProject } from './helpers/project.js';

let project: TempProject;
afterEach(() => project?.cleanup());

const summary = (report: { findings: { ruleId: string; line: number; severity: string }[] }) => report.findings.map((finding) => `${finding.line} ${finding.severity} ${finding.ruleId}`);

describe('suppressions', () => {
  it('an inline comment silences the next line for the named rule, and the report lists it', () => {
    project = tempProject();
    const body = [
      '<!-- contentgov-disable-next-line link-missing-file -- the page moves in the next release -->',
      '[moving](moving.md) [other](other.md)',
      '[still broken](gone.md)',
      '',
      '```md',
      '<!-- contentgov-disable-next-line link-missing-file -- inside code: not a directive -->',
      '```',
    ].join('\n');
    project.write('content/a.md', seedDocument({}, `${body}\n`));
    const { report } = lintJson(project);
    expect(summary(report)).toEqual(['23 error link-missing-file']);
    expect(report.suppressions).toEqual([
      { file: 'content/a.md', line: 22, column: 1, ruleId: 'link-missing-file', message: 'broken link: "moving.md" (content/moving.md does not exist)', kind: 'comment', reason: 'the page moves in the next release' },
      { file: 'content/a.md', line: 22, column: 21, ruleId: 'link-missing-file', message: 'broken link: "other.md" (content/other.md does not exist)', kind: 'comment', reason: 'the page moves in the next release' },
    ]);
  });

  it('a file-level comment, a reason required, an until day that expires, and unused ones', () => {
    project = tempProject();
    project.write('content/file.md', seedDocument({ extra: 'x' }, '<!-- contentgov-disable-file metadata-unknown-field -- migrated corpus, fields cleaned up in Q3 -->\n'));
    project.write('content/no-reason.md', seedDocument({}, '<!-- contentgov-disable-next-line link-missing-file -->\n[x](x.md)\n'));
    project.write('content/expired.md', seedDocument({}, '<!-- contentgov-disable-next-line link-missing-file until 2026-01-14 -- moved in January -->\n[x](x.md)\n'));
    project.write('content/current.md', seedDocument({}, '<!-- contentgov-disable-next-line link-missing-file until 2026-01-15 -- moved in January -->\n[x](x.md)\n'));
    project.write('content/unused.md', seedDocument({}, '<!-- contentgov-disable-next-line link-missing-file -- was broken -->\n[fine](current.md)\n<!-- contentgov-disable-next-line no-such-rule -- typo -->\n'));
    const { report } = lintJson(project);
    const byFile = (file: string) => summary({ findings: report.findings.filter((finding) => finding.file === `content/${file}`) });
    expect(byFile('file.md')).toEqual([]);
    expect(byFile('no-reason.md')).toEqual(['21 error suppression-invalid', '22 error link-missing-file']);
    expect(byFile('expired.md')).toEqual(['21 error suppression-expired', '22 error link-missing-file']);
    expect(byFile('current.md')).toEqual([]);
    expect(byFile('unused.md')).toEqual(['21 warning suppression-unused', '23 error suppression-invalid']);
    expect((report.suppressions as { file: string; kind: string }[]).map((record) => `${record.file} ${record.kind}`)).toEqual(['content/current.md comment', 'content/file.md file-comment']);
  });

  it('config entries silence a rule for matching files, must give a reason, and are reported when unused', () => {
    project = tempProject();
    project.write(
      'contentgov.config.json',
      JSON.stringify({
        suppressions: [
          { rule: 'metadata-unknown-field', files: 'content/legacy/**', reason: 'legacy import', until: '2026-06-30' },
          { rule: 'link-missing-file', files: 'content/nowhere/**', reason: 'nothing matches' },
        ],
      }),
    );
    project.write('content/legacy/a.md', seedDocument({ extra: 'x' }));
    project.write('content/new.md', seedDocument({ extra: 'x' }));
    const { report } = lintJson(project);
    expect(report.findings.map((finding) => `${finding.file} ${finding.ruleId}`)).toEqual(['content/new.md metadata-unknown-field', 'contentgov.config.json suppression-unused']);
    expect(report.suppressions).toEqual([expect.objectContaining({ file: 'content/legacy/a.md', kind: 'config', reason: 'legacy import', until: '2026-06-30' })]);
    project.write('contentgov.config.json', JSON.stringify({ suppressions: [{ rule: 'metadata-unknown-field', files: '**' }] }));
    const result = project.run(['lint']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('contentgov.config.json: suppressions[0].reason: ');
  });
});

describe('suppression comments in a body', () => {
  it('are found however the comment opens, and only inside a comment', () => {
    const found = (body: string) => findSuppressionComments(body, 1).map(({ scope, rules, line, column }) => `${scope} ${rules.join(',')} ${line}:${column}`);
    expect(found('<!--contentgov-disable-file a -- r -->\n')).toEqual(['file a 1:1']);
    expect(found('x\n<!--\tcontentgov-disable-next-line a, b -- r -->\n')).toEqual(['next-line a,b 2:1']);
    expect(found('text <!--\ncontentgov-disable-file a -- r -->\n')).toEqual([]);
    expect(found('contentgov-disable-file a -- r -->\n')).toEqual([]);
    expect(found('<!-- a comment -->\n')).toEqual([]);
  });
});
