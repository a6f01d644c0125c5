import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedDocument, tempProject, type TempProject } from './helpers/project.js';

let project: TempProject;
afterEach(() => project?.cleanup());
/** Reviews are recorded up to today; these tests record them after the helpers' fixed day (2026-01-15). */
const LATER = { env: { CONTENTGOV_AS_OF: '2026-06-01' } };
const read = (file: string) => readFileSync(path.join(project.root, file), 'utf8');

describe('contentgov review', () => {
  it('changes only the date, keeping comments, order, quoting and the body byte for byte', () => {
    project = tempProject();
    const before = seedDocument({ lastReviewed: "'2025-12-30'  # set by the editor", title: '"Cryosurgery: \\"cold\\" treatment"' }, '# Body\n\nUnchanged  \n').replace('tags:', '# a comment line\ntags:');
    project.write('content/a.md', before);
    const result = project.run(['review', 'content/a.md', '--date', '2026-02-01'], LATER);
    expect(result).toMatchObject({ exitCode: 0, stdout: 'content/a.md: reviewed 2026-02-01, next review due 2026-05-01\n' });
    expect(read('content/a.md')).toBe(before.replace("'2025-12-30'", "'2026-02-01'"));
    // reviewedBy is a known (optional) field: a page reviewed --by still lints clean.
    expect(project.run(['review', 'content/a.md', '--date', '2026-02-01', '--by', 'Ana'], LATER).exitCode).toBe(0);
    expect(project.run(['lint', '--as-of', '2026-02-01']).exitCode).toBe(0);
  });

  it('keeps CRLF line endings, a BOM, and plain or double-quoted styles; adds reviewedBy', () => {
    project = tempProject();
    const plain = `\uFEFF${seedDocument({ lastReviewed: '2025-12-30' }).replace(/\n/g, '\r\n')}`;
    project.write('content/plain.md', plain);
    const double = seedDocument({ lastReviewed: '"2025-12-30"', reviewedBy: '"Ana"' });
    project.write('content/double.md', double);
    project.write('contentgov.config.json', JSON.stringify({ fields: { reviewedBy: { type: 'string', required: false } } }));
    expect(project.run(['review', 'content/plain.md', 'content/double.md', '--date', '2026-03-04', '--by', 'Bo Li'], LATER).exitCode).toBe(0);
    expect(read('content/plain.md')).toBe(plain.replace('lastReviewed: 2025-12-30', 'lastReviewed: 2026-03-04').replace('version: v1\r\n', "version: v1\r\nreviewedBy: 'Bo Li'\r\n"));
    expect(read('content/double.md')).toBe(double.replace('"2025-12-30"', '"2026-03-04"').replace('"Ana"', '"Bo Li"'));
    expect(project.run(['lint', 'content/plain.md', '--as-of', '2026-03-04']).exitCode).toBe(0);
  });

  it('refuses a --by the schema would refuse (empty, blank, or not the config\'s pattern), even with --force, and changes nothing', () => {
    project = tempProject();
    const page = seedDocument();
    project.write('content/a.md', page);
    for (const by of ['', '   ']) {
      const refused = project.run(['review', 'content/a.md', '--date', '2026-03-04', '--by', by, '--force'], LATER);
      expect(refused.exitCode).toBe(1);
      expect(refused.stderr).toMatch(/^contentgov: content\/a\.md: --by is not a value reviewedBy takes: "reviewedBy" must be non-empty text/);
      expect(read('content/a.md')).toBe(page);
    }
    project.write('contentgov.config.json', JSON.stringify({ fields: { reviewedBy: { type: 'string', required: false, pattern: '^[a-z]+$' } } }));
    expect(project.run(['review', 'content/a.md', '--date', '2026-03-04', '--by', 'Not Lower'], LATER).exitCode).toBe(1);
    expect(read('content/a.md')).toBe(page);
    expect(project.run(['review', 'content/a.md', '--date', '2026-03-04', '--by', 'ana'], LATER).exitCode).toBe(0);
    expect(project.run(['lint', 'content/a.md', '--no-links', '--as-of', '2026-03-04']).exitCode).toBe(0);
  });

  it('refuses a document whose metadata fails the schema unless --force, and files outside the content root', () => {
    project = tempProject();
    const broken = seedDocument({ status: 'published' });
    project.write('content/broken.md', broken);
    project.write('elsewhere.md', seedDocument());
    const refused = project.run(['review', 'content/broken.md', '--date', '2026-03-04'], LATER);
    expect(refused.exitCode).toBe(1);
    // One problem a line, not one long line.
    expect(refused.stderr).toMatch(/^contentgov: content\/broken\.md: its metadata fails the schema; fix it first, or use --force:\n {2}- "status" must be one of [^\n]*\n$/);
    // A file outside the root, or missing, is a usage error: exit 2, even beside a refused page.
    const outside = project.run(['review', 'content/broken.md', 'elsewhere.md', 'content/nope.md', '--date', '2026-03-04'], LATER);
    expect(outside.exitCode).toBe(2);
    expect(outside.stderr).toContain('contentgov: elsewhere.md: outside the content root; not changed\n');
    expect(outside.stderr).toContain('contentgov: content/nope.md: no such file\n');
    expect(read('content/broken.md')).toBe(broken);
    // Nor is a good page beside a usage error changed: no review is recorded at all.
    project.write('content/good.md', seedDocument());
    const mistyped = project.run(['review', 'content/good.md', 'content/nope.md', '--date', '2026-03-04'], LATER);
    expect(mistyped).toMatchObject({ exitCode: 2, stdout: '', stderr: 'contentgov: content/nope.md: no such file\ncontentgov: no review recorded\n' });
    expect(read('content/good.md')).toBe(seedDocument());
    expect(project.run(['review', 'content/broken.md', '--date', '2026-03-04', '--force'], LATER).exitCode).toBe(0);
    expect(read('content/broken.md')).toBe(broken.replace("'2025-12-30'", "'2026-03-04'"));
  });

  it('replaces a block scalar, an empty value and a value before a comment without touching the next line', () => {
    project = tempProject();
    const literal = seedDocument({ lastReviewed: '|-\n  2025-12-30' }).replace(/\n/g, '\r\n');
    const folded = seedDocument({ lastReviewed: '>\n  2025-12-30\n' });
    const empty = seedDocument({ lastReviewed: '' });
    const commented = seedDocument({ lastReviewed: ' # not reviewed yet' });
    project.write('content/literal.md', literal);
    project.write('content/folded.md', folded);
    project.write('content/empty.md', empty);
    project.write('content/commented.md', commented);
    const files = ['literal', 'folded', 'empty', 'commented'].map((name) => `content/${name}.md`);
    const result = project.run(['review', ...files, '--date', '2026-03-04', '--force'], LATER);
    expect(result.stderr).toBe('');
    expect(read('content/literal.md')).toBe(literal.replace('|-\r\n  2025-12-30', "'2026-03-04'"));
    expect(read('content/folded.md')).toBe(folded.replace('>\n  2025-12-30\n', "'2026-03-04'\n"));
    expect(read('content/empty.md')).toBe(empty.replace('lastReviewed: \n', 'lastReviewed: 2026-03-04\n'));
    expect(read('content/commented.md')).toBe(commented.replace('lastReviewed:  # not', 'lastReviewed:  2026-03-04 # not'));
    expect(project.run(['lint', ...files, '--as-of', '2026-03-04']).exitCode).toBe(0);
  });

  it('refuses a date field that is a list instead of appending a duplicate key', () => {
    project = tempProject();
    const listed = seedDocument({ lastReviewed: '\n- 2025-12-30' });
    project.write('content/listed.md', listed);
    const result = project.run(['review', 'content/listed.md', '--date', '2026-03-04', '--force'], LATER);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('lastReviewed is not a single value');
    expect(read('content/listed.md')).toBe(listed);
  });
});
