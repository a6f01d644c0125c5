import { existsSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintJson, seedDocument, tempProject, type JsonReport, type TempProject } from './helpers/project.js';

let project: TempProject;
let report: JsonReport;
let exitCode: number;
const canary = () => path.join(project.root, 'PWNED');

const findingsOf = (name: string) =>
  report.findings.filter((finding) => finding.file === `content/${name}`).map(({ ruleId, line, column, message }) => ({ ruleId, line, column, message }));

beforeAll(() => {
  project = tempProject();
  const seed = seedDocument();
  const files: Record<string, string | Buffer> = {
    'good.md': seed,
    'no-frontmatter.md': '# Just a heading\n\nNo metadata.\n',
    'unterminated.md': '---\ntitle: Never closed\n\n# Body that became frontmatter\n',
    'yaml-error.md': '---\ntitle: ok\nurl: [unclosed\nsource: NCI\n---\n',
    'colon-in-value.md': seedDocument({ title: 'Surgery: What to Expect - NCI' }),
    'duplicate-keys.md': seed.replace('title: ', 'title: First\ntitle: '),
    'list.md': '---\n- a\n- b\n---\n',
    'scalar.md': '---\njust a string\n---\n',
    'empty.md': '',
    'empty-block.md': '---\n---\nbody\n',
    'bom.md': `\uFEFF${seed}`,
    'crlf.md': seedDocument({ status: 'published' }).replace(/\n/g, '\r\n'),
    'latin1.md': Buffer.concat([Buffer.from('---\ntitle: caf'), Buffer.from([0xe9]), Buffer.from('\n---\n')]),
    'js.md': `---js\n{ title: (require('fs').writeFileSync(${JSON.stringify(path.join('PLACEHOLDER'))}, 'x'), 'x') }\n---\n`,
    'javascript.md': `---javascript\nmodule.exports = { title: 'x' }\n---\n`,
    'tag.md': '---\ntitle: !!js/function "function () { return 1 }"\n---\n',
    'bad-date-unquoted.md': seedDocument({ lastReviewed: '2025-02-30' }),
    'cache-twin.md': seedDocument({ lastReviewed: '2025-02-30' }),
    'toml.md': '+++\ntitle = "x"\n+++\n',
    'bomb.md': [
      '---',
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      ...'bcdefghi'.split('').map((name, index) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[index]}`).join(',')}]`),
      '---',
      '',
    ].join('\n'),
  };
  for (const [name, contents] of Object.entries(files)) {
    project.write(`content/${name}`, typeof contents === 'string' ? contents.replace('PLACEHOLDER', canary()) : contents);
  }
  // 8 MB, just under limits.fileBytes (8 MiB): valid frontmatter, huge body.
  writeFileSync(path.join(project.root, 'content/huge.md'), seed + 'Cryosurgery uses extreme cold. '.repeat(270_000));
  // One byte over the default limits.fileBytes, sparse: refused by its size, never read.
  writeFileSync(path.join(project.root, 'content/over-limit.md'), '');
  truncateSync(path.join(project.root, 'content/over-limit.md'), 8 * 1024 * 1024 + 1);
  symlinkSync('/etc/passwd', path.join(project.root, 'content/outside.md'));
  ({ report, exitCode } = lintJson(project));
});
afterAll(() => project.cleanup());

describe('bad input gets a located finding and the run goes on', () => {
  it('checks every file, the good ones clean', () => {
    expect(exitCode).toBe(1);
    expect(report.summary.documents).toBe(23);
    expect(findingsOf('good.md')).toEqual([]);
    expect(findingsOf('huge.md')).toEqual([]);
    expect(findingsOf('bom.md')).toEqual([]);
  });

  it('no frontmatter, empty file, TOML', () => {
    expect(findingsOf('no-frontmatter.md')).toEqual([expect.objectContaining({ ruleId: 'frontmatter-missing', line: 1, column: 1 })]);
    expect(findingsOf('empty.md')).toEqual([{ ruleId: 'frontmatter-missing', line: 1, column: 1, message: 'no frontmatter: the file is empty' }]);
    expect(findingsOf('toml.md')[0]!.message).toContain('TOML frontmatter is not supported');
  });

  it('an unterminated block is not read as frontmatter', () => {
    expect(findingsOf('unterminated.md')).toEqual([
      { ruleId: 'frontmatter-syntax', line: 1, column: 1, message: 'frontmatter opened by --- on line 1 is never closed by a --- line' },
    ]);
  });

  it('a YAML syntax error names its line', () => {
    const [finding] = findingsOf('yaml-error.md');
    expect(finding).toMatchObject({ ruleId: 'frontmatter-syntax' });
    expect(finding!.line).toBeGreaterThanOrEqual(3);
    expect(finding!.message).toMatch(/^YAML syntax error: /);
  });

  it('an unquoted value holding ": " says to quote it', () => {
    expect(findingsOf('colon-in-value.md')).toEqual([
      expect.objectContaining({ ruleId: 'frontmatter-syntax', message: 'YAML syntax error: Nested mappings are not allowed in compact mappings (a value that holds ": " must be quoted: title: "Surgery: What to Expect")' }),
    ]);
  });

  it('duplicate keys', () => {
    const findings = findingsOf('duplicate-keys.md');
    expect(findings).toEqual([expect.objectContaining({ ruleId: 'frontmatter-syntax', message: 'duplicate key "title" in frontmatter: each field may appear once' })]);
    expect(seedDocument().replace('title: ', 'title: First\ntitle: ').split('\n')[findings[0]!.line - 1]).toMatch(/^title: Cryosurgery/);
  });

  it('a list or a scalar instead of a mapping', () => {
    expect(findingsOf('list.md')).toEqual([expect.objectContaining({ ruleId: 'frontmatter-syntax', line: 2, message: expect.stringContaining('but it is a list') })]);
    expect(findingsOf('scalar.md')).toEqual([expect.objectContaining({ ruleId: 'frontmatter-syntax', line: 2, message: expect.stringContaining('a single value') })]);
  });

  it('an empty block reports every required field as missing', () => {
    const findings = findingsOf('empty-block.md');
    expect(findings).toHaveLength(14);
    expect(findings.every((finding) => finding.line === 1)).toBe(true);
    // No status means judged; the missing review date is the one finding review-unknown makes instead of metadata-schema's.
    expect(findings.filter((finding) => finding.ruleId !== 'metadata-schema')).toEqual([expect.objectContaining({ ruleId: 'review-unknown', message: 'review cannot be judged: no review date: "lastReviewed" is missing' })]);
  });

  it('CRLF line endings keep positions right', () => {
    expect(findingsOf('crlf.md')).toEqual([expect.objectContaining({ ruleId: 'metadata-schema', line: 13, column: 1 })]);
  });

  it('a file that is not UTF-8 is located at its bad byte', () => {
    expect(findingsOf('latin1.md')).toEqual([
      { ruleId: 'file-unreadable', line: 2, column: 11, message: 'the file is not valid UTF-8 (byte 0xE9); save it as UTF-8' },
    ]);
  });

  it('never runs frontmatter as code', () => {
    expect(findingsOf('js.md')).toEqual([expect.objectContaining({ ruleId: 'frontmatter-unsafe', line: 1 })]);
    expect(findingsOf('javascript.md')).toEqual([expect.objectContaining({ ruleId: 'frontmatter-unsafe', line: 1 })]);
    expect(findingsOf('tag.md')).toEqual([expect.objectContaining({ ruleId: 'frontmatter-unsafe', line: 2 })]);
    expect(existsSync(canary())).toBe(false);
  });

  it("catches what gray-matter's cache and js-yaml would hide", () => {
    // Same text twice: both files get the finding (no parse cache returning {}).
    for (const name of ['bad-date-unquoted.md', 'cache-twin.md']) {
      expect(findingsOf(name)).toEqual([expect.objectContaining({ ruleId: 'review-unknown', message: expect.stringContaining('"2025-02-30" is not a real calendar date') })]);
    }
  });

  it('an alias bomb ends with an error instead of expanding', () => {
    expect(findingsOf('bomb.md')).toEqual([expect.objectContaining({ ruleId: 'frontmatter-syntax', message: expect.stringContaining('aliases') })]);
  });

  it('a file over limits.fileBytes (8 MiB) is a finding, and the run goes on', () => {
    expect(findingsOf('over-limit.md')).toEqual([{ ruleId: 'file-unreadable', line: 1, column: 1, message: 'not read: larger than 8388608 bytes' }]);
    expect(report.documents.find((document) => document.file === 'content/over-limit.md')).toMatchObject({ reviewStatus: 'unknown', notRead: 'unreadable' });
  });

  it('a symlink out of the content root is reported and not read', () => {
    expect(findingsOf('outside.md')).toEqual([expect.objectContaining({ ruleId: 'file-outside-root', message: expect.stringContaining('outside the content root') })]);
  });
});

describe('limits.fileBytes: a page over it is not read by any command, and is reported', () => {
  let limited: TempProject;
  const fixable = seedDocument({ lastReviewed: '"December 30, 2025"' });
  beforeAll(() => {
    limited = tempProject();
    limited.write('contentgov.config.json', JSON.stringify({ limits: { fileBytes: 2_000 } }));
    limited.write('content/small.md', seedDocument());
    limited.write('content/large.md', fixable + 'Body text. '.repeat(200));
  });
  afterAll(() => limited.cleanup());
  const refusal = 'not read: larger than 2000 bytes';

  it('lint reports it at 1:1 and checks the rest; --fix leaves it as it was', () => {
    const { exitCode: code, report: linted } = lintJson(limited, ['--fix']);
    expect(code).toBe(1);
    expect(linted.findings.map(({ ruleId, file, line, column, message }) => ({ ruleId, file, line, column, message }))).toEqual([
      { ruleId: 'file-unreadable', file: 'content/large.md', line: 1, column: 1, message: refusal },
    ]);
    expect(readFileSync(path.join(limited.root, 'content/large.md'), 'utf8')).toBe(fixable + 'Body text. '.repeat(200));
  });

  it('overdue counts it unknown; review refuses it in one line', () => {
    const overdue = limited.run(['overdue', '--as-of', '2026-01-15', '--format', 'json']);
    expect(JSON.parse(overdue.stdout).overdue.rows).toEqual([expect.objectContaining({ file: 'content/large.md', reviewStatus: 'unknown', unknownReason: refusal })]);
    expect(limited.run(['review', 'content/large.md', '--date', '2026-01-15'])).toMatchObject({ exitCode: 2, stderr: `contentgov: content/large.md: ${refusal}\n` });
  });

  it('a value past the longest text JavaScript holds is a config error', () => {
    limited.write('contentgov.config.json', JSON.stringify({ limits: { fileBytes: 2 ** 30 } }));
    expect(limited.run(['lint'])).toMatchObject({ exitCode: 2, stderr: 'contentgov: contentgov.config.json: limits.fileBytes: Too big: expected number to be <=536870888\n' });
    limited.write('contentgov.config.json', JSON.stringify({ limits: { fileBytes: 2_000 } }));
  });
});
