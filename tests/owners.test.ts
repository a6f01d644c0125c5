import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeownersOf, indexCodeowners, parseCodeowners, ruleMatches, type CodeownersRule } from '../src/review/codeowners.js';
import { seeded } from './helpers/random.js';
import { assertValidReport } from './helpers/report-schema.js';
import { seedDocument, tempProject, type TempProject } from './helpers/project.js';

const AS_OF = ['--as-of', '2026-11-25'];
const ownersOf = (codeowners: string, file: string) => codeownersOf(indexCodeowners(parseCodeowners(codeowners)), file);

describe('CODEOWNERS patterns, on the examples of GitHub\'s documentation', () => {
  it('*.js owns JavaScript files at any depth; the last matching line wins', () => {
    const file = '* @global-owner1 @global-owner2\n*.js @js-owner #This is an inline comment.\n';
    expect(ownersOf(file, 'src/deep/app.js')).toEqual(['@js-owner']);
    expect(ownersOf(file, 'app.js')).toEqual(['@js-owner']);
    expect(ownersOf(file, 'README.md')).toEqual(['@global-owner1', '@global-owner2']);
    expect(ownersOf('*.js @js-owner\n* @global\n', 'app.js')).toEqual(['@global']);
  });

  it('/build/logs/ owns the folder at the root and everything under it, not one elsewhere', () => {
    const file = '/build/logs/ @doctocat\n';
    expect(ownersOf(file, 'build/logs/a.log')).toEqual(['@doctocat']);
    expect(ownersOf(file, 'build/logs/deep/er/a.log')).toEqual(['@doctocat']);
    expect(ownersOf(file, 'src/build/logs/a.log')).toEqual([]);
    expect(ownersOf(file, 'build/logs')).toEqual([]);
  });

  it('docs/* owns the files directly in docs/, not nested ones', () => {
    const file = 'docs/* docs@example.com\n';
    expect(ownersOf(file, 'docs/getting-started.md')).toEqual(['docs@example.com']);
    expect(ownersOf(file, 'docs/build-app/troubleshooting.md')).toEqual([]);
    expect(ownersOf(file, 'other/docs/getting-started.md')).toEqual([]);
  });

  it('apps/ owns an apps folder anywhere; /docs/ only the one at the root', () => {
    expect(ownersOf('apps/ @octocat\n', 'apps/web/index.md')).toEqual(['@octocat']);
    expect(ownersOf('apps/ @octocat\n', 'services/apps/index.md')).toEqual(['@octocat']);
    expect(ownersOf('apps/ @octocat\n', 'services/apps.md')).toEqual([]);
    expect(ownersOf('/docs/ @doctocat\n', 'docs/a/b.md')).toEqual(['@doctocat']);
    expect(ownersOf('/docs/ @doctocat\n', 'content/docs/a.md')).toEqual([]);
  });

  it('**/logs owns every logs folder; /scripts/ names several owners', () => {
    for (const file of ['build/logs/a', 'scripts/logs/b', 'deeply/nested/logs/c', 'logs/d']) expect(ownersOf('**/logs @octocat\n', file)).toEqual(['@octocat']);
    expect(ownersOf('**/logs @octocat\n', 'build/logsx/a')).toEqual([]);
    expect(ownersOf('/scripts/ @doctocat @octocat\n', 'scripts/x.sh')).toEqual(['@doctocat', '@octocat']);
  });

  it('a line with no owners leaves what it matches unowned; a later line gives it owners again', () => {
    expect(ownersOf('/apps/ @octocat\n/apps/github\n', 'apps/github/a.md')).toEqual([]);
    expect(ownersOf('/apps/ @octocat\n/apps/github\n', 'apps/other/a.md')).toEqual(['@octocat']);
    expect(ownersOf('/apps/ @octocat\n/apps/github @doctocat\n', 'apps/github/a.md')).toEqual(['@doctocat']);
  });

  it('\\# starts a pattern, # a comment; \\  and CRLF; ? is one character', () => {
    const file = '# a comment @nobody\r\n\\#notes.md @hash-owner\r\nmy\\ file.md @space-owner\r\n  # indented comment\r\nfile?.md @one\r\n';
    expect(parseCodeowners(file).map((rule) => rule.pattern)).toEqual(['\\#notes.md', 'my\\ file.md', 'file?.md']);
    expect(ownersOf(file, 'a/#notes.md')).toEqual(['@hash-owner']);
    expect(ownersOf(file, 'my file.md')).toEqual(['@space-owner']);
    expect(ownersOf(file, 'file1.md')).toEqual(['@one']);
    expect(ownersOf(file, 'file12.md')).toEqual([]);
    expect(ownersOf(file, 'file/.md')).toEqual([]);
  });

  it('reads a pattern by character, not by UTF-16 unit: an emoji matches itself, ? and * take it whole', () => {
    expect(ownersOf('/docs/\u{1F600}.md @emoji\n', 'docs/\u{1F600}.md')).toEqual(['@emoji']);
    expect(ownersOf('/docs/\\\u{1F600}.md @escaped\n', 'docs/\u{1F600}.md')).toEqual(['@escaped']);
    expect(ownersOf('/docs/?.md @one\n', 'docs/\u{1F600}.md')).toEqual(['@one']);
    expect(ownersOf('/docs/??.md @two\n', 'docs/\u{1F600}.md')).toEqual([]);
    expect(ownersOf('\u{1F600}* @star\n', 'a/\u{1F600}-notes.md')).toEqual(['@star']);
  });

  it('matches in time bounded by pattern times path, whatever the stars (a hang guard)', () => {
    const hostile = `${'*a'.repeat(2_000)}b @x\n${'**/'.repeat(2_000)}z @y\n`;
    const started = Date.now();
    expect(ownersOf(hostile, `${'a'.repeat(4_000)}/${'a/'.repeat(500)}c`)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

/** The matcher before the index, kept as the reference: every line, from the last, until one matches. */
function scanOwners(rules: readonly CodeownersRule[], file: string): string[] {
  const names = file.split('/').filter((name) => name !== '');
  for (let index = rules.length - 1; index >= 0; index--) {
    if (ruleMatches(rules[index]!, names)) return rules[index]!.owners;
  }
  return [];
}

/** Names that look alike (a, ab, ba, a.md), with the characters a pattern escapes (#, space, ?, *). */
const NAMES = ['a', 'b', 'ab', 'ba', 'a.md', 'b.md', 'ab.md', 'docs', 'apps', 'logs', 'README.md', '#notes.md', 'my file.md', 'x?y', 'x*y', 'é.md', 'ä', '.github'];
/** Name patterns with wildcards, sharing characters with the names. */
const WILD_NAMES = ['*', '?', '**', 'a*', '*.md', '?b', 'a?', '*a*', 'b*d', '?.md', '*b.md', 'ab*', 'do*s', '*\\?y', '\\**', 'x?y', '??', '*?*'];

/** A name as a pattern writes it literally: a backslash before a space, #, ? and *. */
function escaped(name: string): string {
  return name.replace(/[ #?*\\]/g, (character) => `\\${character}`);
}

function randomCodeowners(random: () => number): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const lines: string[] = [];
  const patterns: string[] = [];
  // More lines than PathIndex tests on every path without an index (16).
  for (let line = 0, count = 20 + Math.floor(random() * 40); line < count; line++) {
    if (random() < 0.05) {
      lines.push(pick(['# a comment @nobody', '', '   ', '  # indented']));
      continue;
    }
    let pattern: string;
    if (patterns.length > 0 && random() < 0.15) pattern = pick(patterns);
    else {
      const segments = Array.from({ length: 1 + Math.floor(random() * 3) }, () => (random() < 0.55 ? escaped(pick(NAMES)) : pick(WILD_NAMES)));
      pattern = `${random() < 0.4 ? '/' : ''}${segments.join('/')}${pick(['', '', '', '/', '/*', '/**'])}`;
    }
    patterns.push(pattern);
    const owners = random() < 0.25 ? '' : ` @o${line}${random() < 0.2 ? ` @p${line}` : ''}`;
    lines.push(`${pattern}${owners}${random() < 0.1 ? ' # why' : ''}`);
  }
  return lines.join(random() < 0.2 ? '\r\n' : '\n');
}

function randomPath(random: () => number): string {
  const names = Array.from({ length: 1 + Math.floor(random() * 5) }, () => NAMES[Math.floor(random() * NAMES.length)]!);
  return names.join('/');
}

describe('the CODEOWNERS index', () => {
  it('finds the owners that testing every line from the last finds, on 400 generated files of look-alike patterns', () => {
    const random = seeded(20_261_130);
    let compared = 0;
    let owned = 0;
    let unassigned = 0;
    for (let sample = 0; sample < 400; sample++) {
      const text = randomCodeowners(random);
      const rules = parseCodeowners(text);
      const index = indexCodeowners(rules);
      for (let path = 0; path < 60; path++) {
        const file = randomPath(random);
        const expected = scanOwners(rules, file);
        expect(codeownersOf(index, file), JSON.stringify({ text, file })).toEqual(expected);
        compared++;
        if (expected.length > 0) owned++;
        else if (rules.some((rule) => rule.owners.length === 0 && ruleMatches(rule, file.split('/')))) unassigned++;
      }
    }
    // Not vacuous: many paths are owned, and some are left unowned by a later line with no owners.
    expect(compared).toBe(24_000);
    expect(owned).toBeGreaterThan(compared / 4);
    expect(unassigned).toBeGreaterThan(compared / 50);
  });

  it('keeps only the last of identical patterns, and tests a page only against the lines that share its rarest key', () => {
    const lines = Array.from({ length: 10_000 }, (_, line) => `/content/page-${line}.md @o${line}`);
    const index = indexCodeowners(parseCodeowners(['* @everyone', ...lines, '/content/page-7.md @again', '*.md @md', '/content/page-7.md @last'].join('\n')));
    expect(index.rules.map((rule) => rule.pattern).filter((pattern) => pattern === '/content/page-7.md')).toHaveLength(1);
    expect(codeownersOf(index, 'content/page-7.md')).toEqual(['@last']);
    expect(codeownersOf(index, 'content/page-8.md')).toEqual(['@md']);
    // The page's own line, *.md (by its fragment) and * (no literal character): not the 10,000 lines under content/.
    expect(index.paths.candidates(['content', 'page-8.md'])).toHaveLength(3);
  });
});

describe('owners in the overdue report', () => {
  let project: TempProject;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: project.root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const overdueJson = (args: string[] = []) => {
    const result = project.run(['overdue', ...AS_OF, '--format', 'json', ...args]);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    assertValidReport(report);
    return report;
  };
  const ownerRows = (args: string[] = []) => Object.fromEntries(overdueJson(args).overdue.rows.map((row: { file: string; owner: string }) => [row.file, row.owner]));
  const late = (fields: Record<string, string> = {}) => seedDocument({ lastReviewed: "'2025-06-01'", ...fields });

  beforeEach(() => {
    project = tempProject();
    git('init', '-q', '-b', 'main');
    project.write('contentgov.config.json', JSON.stringify({ fields: { owner: { type: 'string', required: false }, reviewer: { type: 'list', required: false } } }));
    project.write('content/en/field.md', late({ owner: '"@Field-Owner"' }));
    project.write('content/en/coded.md', late());
    project.write('content/en/nested/unassigned.md', late());
    project.write('content/es/other.md', late({ language: 'es' }));
  });
  afterEach(() => project.cleanup());

  it('takes the owner from the field, then CODEOWNERS (paths from the repository top), then nobody', () => {
    project.write('.github/CODEOWNERS', '* @everyone-else\n/content/en/ @en-team @docs/reviewers\n/content/en/nested/\n');
    expect(ownerRows()).toEqual({
      'content/en/field.md': '@Field-Owner',
      'content/en/coded.md': '@en-team @docs/reviewers',
      'content/en/nested/unassigned.md': '(unowned)',
      'content/es/other.md': '@everyone-else',
    });
    const report = overdueJson();
    expect(report.overdue.totals.unowned).toBe(1);
  });

  it('review.ownerField names the field (a list works); review.defaultOwner covers the rest', () => {
    project.write('contentgov.config.json', JSON.stringify({ fields: { reviewer: { type: 'list', required: false } }, review: { ownerField: 'reviewer', defaultOwner: '@content-leads' } }));
    project.write('content/en/field.md', late({ reviewer: '\n- "@ana"\n- "@bo"' }));
    expect(ownerRows()).toEqual({ 'content/en/field.md': '@ana @bo', 'content/en/coded.md': '@content-leads', 'content/en/nested/unassigned.md': '@content-leads', 'content/es/other.md': '@content-leads' });
    expect(overdueJson().overdue.totals.unowned).toBe(0);
  });

  it('--owner "(unowned)" is never a typo: with every page owned it lists nothing, and --fail-on passes', () => {
    project.write('contentgov.config.json', JSON.stringify({ review: { defaultOwner: '@content-leads' } }));
    const result = project.run(['overdue', ...AS_OF, '--owner', '(unowned)', '--fail-on', 'overdue', '--format', 'json']);
    expect([result.exitCode, result.stderr]).toEqual([0, '']);
    expect(JSON.parse(result.stdout).overdue.rows).toEqual([]);
  });

  it('the owner field is known to the schema without a config: a name or a list of names', () => {
    const problems = (file: string) =>
      (JSON.parse(project.run(['lint', ...AS_OF, '--format', 'json', file]).stdout) as { findings: { ruleId: string; message: string }[] }).findings
        .filter((finding) => finding.ruleId !== 'review-overdue')
        .map((finding) => `${finding.ruleId}: ${finding.message}`);
    project.write('contentgov.config.json', '{}');
    project.write('content/en/list.md', late({ owner: '\n- "@ana"\n- "@bo"' }));
    project.write('content/en/number.md', late({ owner: '7' }));
    expect(problems('content/en/field.md')).toEqual([]);
    expect(problems('content/en/list.md')).toEqual([]);
    expect(problems('content/en/number.md')).toEqual([expect.stringMatching(/^metadata-schema: "owner" must be .*; got 7$/)]);
    // A name with a space would be two owners, each reminded: one name, or a list.
    project.write('content/en/spaced.md', late({ owner: 'Ana Lopez' }));
    project.write('content/en/spaced-item.md', late({ owner: '\n- "@ana"\n- Ana Lopez' }));
    expect(problems('content/en/spaced.md')).toEqual([expect.stringMatching(/^metadata-schema: "owner" must be .*a name without spaces.*; got "Ana Lopez"$/)]);
    expect(problems('content/en/spaced-item.md')).toEqual([expect.stringMatching(/^metadata-schema: "owner" must be .*; item 2 is "Ana Lopez"$/)]);
    // review.ownerField names another field: that one is known, and owner is not.
    project.write('contentgov.config.json', JSON.stringify({ review: { ownerField: 'steward' } }));
    project.write('content/en/steward.md', late({ steward: '"@cy"' }));
    expect(problems('content/en/steward.md')).toEqual([]);
    expect(problems('content/en/field.md')).toEqual(['metadata-unknown-field: unknown field "owner"']);
  });

  it('uses the first CODEOWNERS in GitHub\'s order: .github/, the top, docs/', () => {
    project.write('docs/CODEOWNERS', '* @from-docs\n');
    expect(ownerRows()['content/es/other.md']).toBe('@from-docs');
    project.write('CODEOWNERS', '* @from-top\n');
    expect(ownerRows()['content/es/other.md']).toBe('@from-top');
    project.write('.github/CODEOWNERS', '* @from-github\n');
    expect(ownerRows()['content/es/other.md']).toBe('@from-github');
  });

  it("does not load a CODEOWNERS over GitHub's 3 MB, nor one further down GitHub's order (it uses the first it finds): one warning line", () => {
    const limit = 3 * 1024 * 1024;
    const ofSize = (bytes: number) => {
      const head = '* @from-github\n';
      return `${head}#${'x'.repeat(bytes - head.length - 2)}\n`;
    };
    project.write('CODEOWNERS', '* @from-top\n');
    project.write('.github/CODEOWNERS', ofSize(limit + 1));
    const result = project.run(['overdue', ...AS_OF, '--format', 'json']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe(
      "contentgov: warning: .github/CODEOWNERS: not read: larger than 3145728 bytes, over GitHub's 3 MB limit for CODEOWNERS (GitHub does not load it either); pages get no owners from it\n",
    );
    expect(Object.fromEntries(JSON.parse(result.stdout).overdue.rows.map((row: { file: string; owner: string }) => [row.file, row.owner]))).toEqual({
      'content/en/field.md': '@Field-Owner',
      'content/en/coded.md': '(unowned)',
      'content/en/nested/unassigned.md': '(unowned)',
      'content/es/other.md': '(unowned)',
    });
    // At the limit it is read, without a word.
    project.write('.github/CODEOWNERS', ofSize(limit));
    expect(ownerRows()['content/es/other.md']).toBe('@from-github');
  });

  it('reads CODEOWNERS relative to the repository top when the project is a folder inside it', () => {
    const inner = path.join(project.root, 'site');
    mkdirSync(inner);
    writeFileSync(path.join(inner, 'contentgov.config.json'), '{}');
    mkdirSync(path.join(inner, 'content'));
    writeFileSync(path.join(inner, 'content/page.md'), late());
    project.write('.github/CODEOWNERS', '/site/content/ @site-team\n/content/ @wrong\n');
    const result = project.run(['overdue', ...AS_OF, '--format', 'json'], { cwd: inner });
    expect(JSON.parse(result.stdout).overdue.rows.map((row: { owner: string }) => row.owner)).toEqual(['@site-team']);
  });

  it('refuses a CODEOWNERS that leads out of the repository, in one line', () => {
    const outside = tempProject();
    try {
      outside.write('CODEOWNERS', '* @intruder\n');
      symlinkSync(path.join(outside.root, 'CODEOWNERS'), path.join(project.root, 'CODEOWNERS'));
      const result = project.run(['overdue', ...AS_OF]);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toBe('contentgov: CODEOWNERS: not read: its real path is outside the repository\n');
    } finally {
      outside.cleanup();
    }
  });

  it('groups by owner with subtotals, filters by --owner whatever the case, and puts the owner in every format', () => {
    project.write('CODEOWNERS', '/content/es/ @es-team\n');
    const grouped = overdueJson(['--group-by', 'owner']).overdue;
    expect(grouped.groups.map((group: { group: string; listed: number }) => [group.group, group.listed])).toEqual([
      ['(unowned)', 2],
      ['@Field-Owner', 1],
      ['@es-team', 1],
    ]);
    expect(Object.keys(ownerRows(['--owner', '@field-owner']))).toEqual(['content/en/field.md']);
    expect(Object.keys(ownerRows(['--owner', '(UNOWNED)'])).sort()).toEqual(['content/en/coded.md', 'content/en/nested/unassigned.md']);
    const typo = project.run(['overdue', ...AS_OF, '--owner', '@es-tean']);
    expect([typo.exitCode, typo.stderr]).toEqual([2, 'contentgov: --owner @es-tean: no document has this owner; did you mean "@es-team"?\n']);
    const table = project.run(['overdue', ...AS_OF, '--group-by', 'owner']).stdout;
    expect(table).toContain('owner: @es-team — 1 overdue, 0 due soon, 0 unknown');
    expect(table).toMatch(/│ Owner +│/);
    expect(table).toMatch(/; unowned 2\n$/);
    const csv = parseCsv(project.run(['overdue', ...AS_OF, '--format', 'csv']).stdout, { columns: true }) as Record<string, string>[];
    expect(Object.fromEntries(csv.map((row) => [row.file, row.owner]))).toMatchObject({ 'content/es/other.md': "'@es-team", 'content/en/field.md': "'@Field-Owner" });
    // A cell starting with @ gets the ' that keeps a spreadsheet from running it as a formula (see csv.ts).
    const markdown = project.run(['overdue', ...AS_OF, '--format', 'markdown']).stdout;
    expect(markdown).toContain('| Owner |');
    expect(markdown).toContain('@&#8203;es-team');
    const html = project.run(['overdue', ...AS_OF, '--format', 'html']).stdout;
    expect(html).toContain('<button type="button">Owner</button>');
    expect(html).toContain('<td>@es-team</td>');
  });
});

describe('overdue --format issues', () => {
  let project: TempProject;
  beforeEach(() => {
    project = tempProject();
    project.write('contentgov.config.json', JSON.stringify({ fields: { owner: { type: 'list', required: false } } }));
    project.write('CODEOWNERS', '/content/ @org/docs-team\n');
    project.write('content/a-late.md', seedDocument({ lastReviewed: "'2025-06-01'", title: '"Ping @everyone [x](https://evil.example) <b>"', owner: '\n- "@ana"\n- "@org/docs-team"' }));
    project.write('content/b-soon.md', seedDocument({ lastReviewed: "'2025-09-10'" }));
    project.write('content/c-unknown.md', seedDocument({ lastReviewed: "'2025-02-30'", owner: '\n- "@ana"' }));
    project.write('content/d-current.md', seedDocument({ lastReviewed: "'2025-11-20'", owner: '\n- "@bo"' }));
  });
  afterEach(() => project.cleanup());
  const issues = (extra: string[] = []) => project.run(['overdue', '--as-of', '2025-11-25', '--format', 'issues', '-o', 'reminders', ...extra]);
  const read = (file: string) => readFileSync(path.join(project.root, 'reminders', file), 'utf8');

  it('writes one checklist per owner and an index, the same bytes on every run', () => {
    expect(issues(['--link-base', 'https://github.com/org/repo/blob/main/'])).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    expect(readdirSync(path.join(project.root, 'reminders')).sort()).toEqual(['ana.md', 'index.json', 'org-docs-team.md']);
    expect(JSON.parse(read('index.json'))).toEqual([
      { owner: '@ana', title: 'Content review: @ana', file: 'ana.md', count: 2, listSha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      { owner: '@org/docs-team', title: 'Content review: @org/docs-team', file: 'org-docs-team.md', count: 2, listSha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    expect(read('ana.md')).toBe(
      [
        '# Content review: @&#8203;ana',
        '',
        'Pages for `@ana` to review, as of 2025-11-25: 1 overdue, 1 unknown (cannot be judged), 0 due soon.',
        'Review each page against its source, then record it (`contentgov review FILE`); it leaves this list at the next run.',
        '',
        '- [ ] [`content/a-late.md`](https://github.com/org/repo/blob/main/content/a-late.md) — Ping @&#8203;everyone \\[x\\]\\(https://evil.example\\) \\<b\\> — overdue: due 2025-09-01, 85 days overdue',
        '- [ ] [`content/c-unknown.md`](https://github.com/org/repo/blob/main/content/c-unknown.md) — Cryosurgery to Treat Cancer - NCI — cannot be judged: the review date "2025-02-30" is not a real calendar date',
        '',
      ].join('\n'),
    );
    expect(read('org-docs-team.md')).toContain('- [ ] [`content/b-soon.md`](https://github.com/org/repo/blob/main/content/b-soon.md) — Cryosurgery to Treat Cancer - NCI — due 2025-12-10 \\(15 days left\\)');
    // One day is one day, on the eve of the due date and a day after it.
    project.run(['overdue', '--as-of', '2025-12-09', '--format', 'issues', '-o', 'eve']);
    expect(readFileSync(path.join(project.root, 'eve', 'org-docs-team.md'), 'utf8')).toContain('due 2025-12-10 \\(1 day left\\)');
    project.run(['overdue', '--as-of', '2025-12-11', '--format', 'issues', '-o', 'after']);
    expect(readFileSync(path.join(project.root, 'after', 'org-docs-team.md'), 'utf8')).toContain('overdue: due 2025-12-10, 1 day overdue');
    const before = readdirSync(path.join(project.root, 'reminders')).map((file) => read(file));
    issues(['--link-base', 'https://github.com/org/repo/blob/main/']);
    expect(readdirSync(path.join(project.root, 'reminders')).map((file) => read(file))).toEqual(before);
  });

  it('keeps listSha256 while the list stands, changes it when the list does, and removes the list of an owner with nothing left', () => {
    issues();
    const first = JSON.parse(read('index.json'));
    expect(project.run(['overdue', '--as-of', '2025-11-26', '--format', 'issues', '-o', 'reminders']).exitCode).toBe(0);
    expect(JSON.parse(read('index.json')).map((entry: { listSha256: string }) => entry.listSha256)).toEqual(first.map((entry: { listSha256: string }) => entry.listSha256));
    project.write('content/c-unknown.md', seedDocument({ lastReviewed: "'2025-11-01'", owner: '\n- "@ana"' }));
    project.write('content/a-late.md', seedDocument({ lastReviewed: "'2025-11-01'" }));
    project.write('reminders/keep.md', 'not ours');
    issues();
    expect(JSON.parse(read('index.json')).map((entry: { owner: string }) => entry.owner)).toEqual(['@org/docs-team']);
    expect(JSON.parse(read('index.json'))[0].listSha256).not.toBe(first[1].listSha256);
    expect(existsSync(path.join(project.root, 'reminders/ana.md'))).toBe(false);
    expect(read('keep.md')).toBe('not ours');
  });

  it('gives every owner a file of their own, even one named as another owner\'s hashed file', () => {
    const hashed = (owner: string) => `x-${createHash('sha256').update(owner).digest('hex').slice(0, 8)}`;
    const owned = (owner: string) => seedDocument({ lastReviewed: "'2025-06-01'", owner: `\n- "${owner}"` });
    // "x" and "@x" share the name x; a third owner takes the name "x" would get.
    for (const owner of ['x', '@x', hashed('x')]) project.write(`content/by-${createHash('sha256').update(owner).digest('hex').slice(0, 6)}.md`, owned(owner));
    expect(issues().exitCode).toBe(0);
    const index = JSON.parse(read('index.json')) as { owner: string; file: string }[];
    const files = index.map((entry) => entry.file);
    expect(new Set(files).size).toBe(files.length);
    for (const { owner, file } of index) expect(read(file)).toContain(`Pages for \`${owner}\` to review`);
  });

  it('gives one reminder to an owner written in two cases, as GitHub reads a handle, under the spelling first in code-point order', () => {
    project.write('content/e-late.md', seedDocument({ lastReviewed: "'2025-06-01'", owner: '\n- "@Ana"' }));
    expect(issues().exitCode).toBe(0);
    const index = JSON.parse(read('index.json')) as { owner: string; file: string; count: number }[];
    expect(index.map(({ owner, file, count }) => [owner, file, count])).toEqual([
      ['@Ana', 'ana.md', 3],
      ['@org/docs-team', 'org-docs-team.md', 2],
    ]);
    expect(read('ana.md')).toContain('content/e-late.md');
    expect(read('ana.md')).toContain('content/c-unknown.md');
  });

  it('refuses a link or a folder at any reminder\'s name before it removes or writes anything', () => {
    expect(issues().exitCode).toBe(0);
    const before = Object.fromEntries(readdirSync(path.join(project.root, 'reminders')).map((file) => [file, read(file)]));
    // ana's list empties (its file would be removed) and docs-team's changes; then one name is a link.
    project.write('content/c-unknown.md', seedDocument({ lastReviewed: "'2025-11-01'", owner: '\n- "@ana"' }));
    project.write('content/a-late.md', seedDocument({ lastReviewed: "'2025-11-01'" }));
    rmSync(path.join(project.root, 'reminders/org-docs-team.md'));
    symlinkSync(path.join(project.root, 'elsewhere.md'), path.join(project.root, 'reminders/org-docs-team.md'));
    const refused = issues();
    expect(refused).toMatchObject({ exitCode: 2, stderr: `contentgov: cannot write ${path.join(project.root, 'reminders/org-docs-team.md')}: it is a symbolic link; not followed\n` });
    expect(read('ana.md')).toBe(before['ana.md']);
    expect(read('index.json')).toBe(before['index.json']);
    expect(existsSync(path.join(project.root, 'elsewhere.md'))).toBe(false);
  });

  it('needs one -o folder; --link-base only goes with it', () => {
    expect(project.run(['overdue', '--as-of', '2025-11-25', '--format', 'issues']).stderr).toBe('contentgov: --format issues writes a folder of files: name it with one -o DIR\n');
    expect(project.run(['overdue', '--as-of', '2025-11-25', '--link-base', 'https://x.example/']).stderr).toBe('contentgov: --link-base is for --format issues\n');
  });
});
