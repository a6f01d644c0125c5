/**
 * No page escapes review: every page in scope ends with a verdict or a finding, unknown pages are
 * listed and fail the compliance check, and the summary adds up to the number of documents.
 */
import { createHash } from 'node:crypto';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertValidReport } from './helpers/report-schema.js';
import { lintJson, seedDocument, tempProject, type JsonReport, type TempProject } from './helpers/project.js';

const AS_OF = '2026-01-15';
const LONG_AGO = "'2019-01-10'";

/** One page per case; the seed reviews quarterly and was last reviewed 2025-12-30 (current). */
const PAGES: Record<string, { fields: Record<string, string | undefined>; status: string; findings: string[]; reason?: string }> = {
  'typo-status': { fields: { status: 'Active', lastReviewed: LONG_AGO }, status: 'overdue', findings: ['review-overdue lastReviewed', 'metadata-schema status'] },
  'unknown-status': { fields: { status: 'published', lastReviewed: LONG_AGO }, status: 'overdue', findings: ['review-overdue lastReviewed', 'metadata-schema status'] },
  'missing-status': { fields: { status: undefined, lastReviewed: LONG_AGO }, status: 'overdue', findings: ['metadata-schema status', 'review-overdue lastReviewed'] },
  'missing-date': { fields: { lastReviewed: undefined }, status: 'unknown', findings: ['review-unknown lastReviewed'], reason: 'no review date: "lastReviewed" is missing' },
  'unparseable-date': {
    fields: { lastReviewed: '01/18/2026' },
    status: 'unknown',
    findings: ['review-unknown lastReviewed'],
    reason: 'the review date "01/18/2026" matches no accepted format (YYYY-MM-DD)',
  },
  'invalid-frequency': {
    fields: { reviewFrequency: 'sometimes' },
    status: 'unknown',
    findings: ['review-unknown reviewFrequency'],
    reason: 'the frequency "sometimes" is not a known frequency or a duration of at most 100 years: write one of monthly, quarterly, semiannual, annual, biennial, or a duration such as P90D or 6 months',
  },
  'due-soon': { fields: { lastReviewed: "'2025-10-20'" }, status: 'due-soon', findings: ['review-due-soon lastReviewed'] },
  current: { fields: {}, status: 'current', findings: [] },
  draft: { fields: { status: 'draft', lastReviewed: LONG_AGO }, status: 'exempt', findings: [] },
  // Exempt from review, not from the schema.
  archived: { fields: { status: 'archived', lastReviewed: undefined }, status: 'exempt', findings: ['metadata-schema lastReviewed'] },
};
const FAILING = ['typo-status', 'unknown-status', 'missing-status', 'missing-date', 'unparseable-date', 'invalid-frequency'];

let project: TempProject;
const file = (name: string) => `content/${name}.md`;
const overdue = (args: string[]) => project.run(['overdue', '--as-of', AS_OF, ...args]);
const overdueJson = (args: string[] = []) => {
  const result = overdue(['--format', 'json', ...args]);
  const report = JSON.parse(result.stdout) as JsonReport & { overdue: { rows: Record<string, string>[]; totals: Record<string, unknown> } };
  assertValidReport(report);
  return report;
};

beforeAll(() => {
  project = tempProject();
  for (const [name, { fields }] of Object.entries(PAGES)) project.write(file(name), seedDocument(fields));
});
afterAll(() => project.cleanup());

describe('lint: every page in scope gets a verdict or a finding', () => {
  it('judges a typo, an unknown or a missing status like active, and says why a review cannot be judged, at the field', () => {
    const { exitCode, report } = lintJson(project, ['--no-links']);
    expect(exitCode).toBe(1);
    for (const [name, page] of Object.entries(PAGES)) {
      const findings = report.findings.filter((finding) => finding.file === file(name));
      expect(findings.map((finding) => `${finding.ruleId} ${finding.field}`), name).toEqual(page.findings);
      expect(report.documents.find((document) => document.file === file(name))?.reviewStatus, name).toBe(page.status);
      if (page.reason) expect(findings[0]!.message).toBe(`review cannot be judged: ${page.reason}`);
    }
    const at = (name: string) => report.findings.filter((finding) => finding.file === file(name)).map((finding) => `${finding.line}:${finding.column}`);
    // A missing field is located at the opening ---, a bad value at its key.
    expect(at('missing-date')).toEqual(['1:1']);
    expect(at('unparseable-date')).toEqual(['8:1']);
    expect(at('invalid-frequency')).toEqual(['10:1']);
  });

  it('states the whole population, and it adds up to the number of documents', () => {
    const { report } = lintJson(project, ['--no-links']);
    expect(report.summary).toMatchObject({ documents: 10, read: 10, skipped: {}, current: 1, dueSoon: 1, overdue: 3, unknown: 3, exempt: 2, exemptByStatus: { archived: 1, draft: 1 } });
    const stylish = project.run(['lint', '--no-links', '--as-of', AS_OF]).stdout;
    expect(stylish).toContain('\nreview: judged 8 = 1 current + 1 due soon + 3 overdue + 3 unknown; exempt 2 (by status: archived 1, draft 1)\nfiles: read 10 documents, skipped 0\n');
    const markdown = project.run(['lint', '--no-links', '--as-of', AS_OF, '--format', 'markdown']).stdout;
    expect(markdown).toContain('Review: judged 8 = 1 current + 1 due soon + 3 overdue + 3 unknown; exempt 2 (by status: archived 1, draft 1) · files: read 10 documents, skipped 0');
  });
});

describe('the reason quotes the page safely', () => {
  let local: TempProject;
  afterAll(() => local.cleanup());

  it('escapes C1 controls and bidi overrides of a bad value when the reason is printed', () => {
    local = tempProject();
    local.write('content/a.md', seedDocument({ lastReviewed: '"x\\u009b31my\\u202e\\u001b"' }));
    const { stdout } = local.run(['lint', '--no-links', '--as-of', AS_OF]);
    // JSON.stringify in the reason escapes ESC; the printer (report/escape.ts) escapes the C1 control and the bidi override.
    expect(stdout).toContain('review cannot be judged: the review date "x\\x9B31my\\u202E\\u001b" matches no accepted format');
    expect(stdout).not.toMatch(/[\u001b\u009b\u202e]/);
  });
});

describe('a misspelled review field', () => {
  let local: TempProject;
  afterAll(() => local.cleanup());

  it('the missing field names the key that looks like it, so the editor corrects it rather than adds another', () => {
    local = tempProject();
    local.write('content/date.md', seedDocument({ lastReviewed: undefined }).replace('\ntitle:', "\nlastReveiwed: '2025-12-30'\ntitle:"));
    local.write('content/frequency.md', seedDocument({ reviewFrequency: undefined }).replace('\ntitle:', '\nreviewFreqency: quarterly\ntitle:'));
    const { report } = lintJson(local, ['--no-links']);
    const reasons = report.findings.filter((finding) => finding.ruleId === 'review-unknown').map((finding) => `${finding.file} ${finding.message}`);
    expect(reasons).toEqual([
      'content/date.md review cannot be judged: no review date: "lastReviewed" is missing; is "lastReveiwed" a misspelling of it?',
      'content/frequency.md review cannot be judged: no review frequency: "reviewFrequency" is missing and review.defaultFrequency is not set; is "reviewFreqency" a misspelling of it?',
    ]);
  });
});

describe('overdue: unknown pages are listed, in every format, and fail the check', () => {
  it('json: overdue, then unknown with why, then due soon; the sha256 of each document', () => {
    const report = overdueJson();
    expect(report.overdue.rows.map((row) => [row.file, row.reviewStatus, row.unknownReason])).toEqual([
      [file('missing-status'), 'overdue', undefined],
      [file('typo-status'), 'overdue', undefined],
      [file('unknown-status'), 'overdue', undefined],
      [file('invalid-frequency'), 'unknown', PAGES['invalid-frequency']!.reason],
      [file('missing-date'), 'unknown', PAGES['missing-date']!.reason],
      [file('unparseable-date'), 'unknown', PAGES['unparseable-date']!.reason],
      [file('due-soon'), 'due-soon', undefined],
    ]);
    expect(report.overdue.totals).toEqual({ judged: 8, listed: 7, current: 1, dueSoon: 1, overdue: 3, unknown: 3, unowned: 8, exempt: 2, exemptByStatus: { archived: 1, draft: 1 } });
    for (const row of report.overdue.rows) expect(row.sha256).toBe(createHash('sha256').update(readFileSync(path.join(project.root, row.file!))).digest('hex'));
  });

  it('table: unknown rows, why they cannot be judged, and the population', () => {
    const { stdout } = overdue([]);
    for (const name of FAILING) expect(stdout).toMatch(new RegExp(`│ ${file(name).replace(/[./]/g, '\\$&')} .*│ ${PAGES[name]!.status} +│`));
    expect(stdout).toContain(`Cannot be judged:\n  ${file('invalid-frequency')}: ${PAGES['invalid-frequency']!.reason}\n  ${file('missing-date')}: ${PAGES['missing-date']!.reason}\n`);
    expect(stdout).toContain('judged 8 = 1 current + 1 due soon + 3 overdue + 3 unknown; exempt 2 (by status: archived 1, draft 1)');
    expect(stdout).toContain('Files: read 10 documents, skipped 0');
    expect(overdue([]).stdout).not.toContain(file('draft'));
  });

  it('csv: unknownReason and sha256 columns', () => {
    const records: Record<string, string>[] = parseCsv(overdue(['--format', 'csv']).stdout, { columns: true });
    const byFile = new Map(records.map((record) => [record.file, record]));
    for (const name of FAILING) expect(byFile.get(file(name))).toMatchObject({ reviewStatus: PAGES[name]!.status, unknownReason: PAGES[name]!.reason ?? '', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('markdown: unknown rows and a list of why', () => {
    const { stdout } = overdue(['--format', 'markdown']);
    for (const name of FAILING) expect(stdout).toContain(`| ${file(name)} |`);
    expect(stdout).toContain(`## Cannot be judged\n\n- ${file('invalid-frequency')}: ${PAGES['invalid-frequency']!.reason}\n`);
  });

  it('html: its own card, colour, chart and rows, and a sha256 per row', () => {
    const html = overdue(['--format', 'html', '--group-by', 'source']).stdout;
    expect(html.match(/<tr class="unknown">/g)).toHaveLength(3);
    expect(html.match(/<tr class="overdue">/g)).toHaveLength(3);
    expect(html).toContain('<div class="card unknown"><b>3</b>Unknown (cannot be judged)</div>');
    expect(html).toContain('tr.unknown td.status{color:var(--unknown)');
    expect(html).toMatch(/<svg role="img" aria-label="Cannot be judged by source"[^>]*><g class="bar"><text[^>]*>NCI<\/text><rect[^>]*fill="#6941c6"/);
    // The whole hash to sort by and on hover, its first 12 digits shown.
    const hashes = [...html.matchAll(/<td class="hash" data-sort="([0-9a-f]{64})"><abbr title="([0-9a-f]{64})">([0-9a-f]+)<\/abbr><\/td>/g)];
    expect(hashes).toHaveLength(7);
    for (const [, sorted, whole, shown] of hashes) expect([sorted, shown]).toEqual([whole, whole!.slice(0, 12)]);
    expect(html).toContain(`<li><code>${file('missing-date')}</code>: ${PAGES['missing-date']!.reason!.replace(/"/g, '&#34;')}</li>`);
  });

  it('--fail-on overdue fails on each overdue and each unknown page; due-soon on those and due-soon pages', () => {
    for (const [name, page] of Object.entries(PAGES)) {
      const failsOverdue = page.status === 'overdue' || page.status === 'unknown';
      expect(overdue([file(name), '--fail-on', 'overdue']).exitCode, name).toBe(failsOverdue ? 1 : 0);
      expect(overdue([file(name), '--fail-on', 'due-soon']).exitCode, name).toBe(failsOverdue || page.status === 'due-soon' ? 1 : 0);
    }
    expect(project.run(['overdue', '--help']).stdout).toMatch(/--fail-on <status>\s+exit 1 when a document is overdue or unknown/);
  });
});

describe('files read and skipped', () => {
  let local: TempProject;
  afterAll(() => local.cleanup());

  it('counts documents read, and files skipped by reason; unreadable ones are unknown, and everything adds up', () => {
    local = tempProject();
    local.write('contentgov.config.json', JSON.stringify({ ignore: ['content/ignored/**', 'content/old.md'] }));
    local.write('content/ok.md', seedDocument());
    local.write('content/ignored/a.md', seedDocument());
    local.write('content/old.md', seedDocument());
    local.write('content/latin1.md', Buffer.from('---\ntitle: Caf\xe9\n---\n', 'latin1'));
    local.write('outside.md', seedDocument());
    symlinkSync(path.join(local.root, 'outside.md'), path.join(local.root, 'content/outside-link.md'));
    symlinkSync(path.join(local.root, 'content/nowhere.md'), path.join(local.root, 'content/broken-link.md'));
    local.write('content/syntax.md', '---\ntitle: [unclosed\n---\n');
    const { report } = lintJson(local, ['--no-links']);
    const { summary } = report as unknown as { summary: { documents: number; read: number; skipped: Record<string, number> } };
    expect(summary.documents).toBe(5);
    expect(summary.read).toBe(2);
    expect(summary.skipped.ignored).toBe(2);
    // The link out of the root is never opened; the broken link and the Latin-1 page cannot be read.
    expect(summary.skipped).toEqual({ ignored: 2, 'outside the root': 1, unreadable: 2 });
    const notIgnored = Object.entries(summary.skipped).filter(([reason]) => reason !== 'ignored');
    expect(summary.read + notIgnored.reduce((sum, [, count]) => sum + count, 0)).toBe(summary.documents);
    expect(summary).toMatchObject({ current: 1, unknown: 4, dueSoon: 0, overdue: 0, exempt: 0 });
    // The frontmatter syntax error is one finding: the page is counted unknown, not reported again.
    expect(report.findings.filter((finding) => finding.file === 'content/syntax.md').map((finding) => finding.ruleId)).toEqual(['frontmatter-syntax']);
    const entry = report.documents.find((document) => document.file === 'content/latin1.md');
    expect(entry).toMatchObject({ reviewStatus: 'unknown', notRead: 'unreadable', unknownReason: expect.stringContaining('not valid UTF-8') });
    expect(local.run(['lint', '--no-links', '--as-of', AS_OF]).stdout).toMatch(/\nfiles: read 2 documents, skipped 5 \(ignored: 2, outside the root: 1, unreadable: 2\)\n/);
  });
});

describe('review.dateFormats', () => {
  let local: TempProject;
  afterAll(() => local.cleanup());

  it("judges dates in the team's formats, strictly, for the review and for every date field", () => {
    local = tempProject();
    local.write('contentgov.config.json', JSON.stringify({ fields: { published: { type: 'date', required: false } }, review: { dateFormats: ['MM/dd/yyyy', 'd MMMM yyyy'] } }));
    local.write('content/us.md', seedDocument({ lastReviewed: '12/30/2025', published: '01/02/2020' }));
    local.write('content/long.md', seedDocument({ lastReviewed: '30 December 2025' }));
    local.write('content/iso.md', seedDocument());
    local.write('content/loose.md', seedDocument({ lastReviewed: '1/8/2026' }));
    local.write('content/bad-published.md', seedDocument({ published: '13/45/2026' }));
    const { report } = lintJson(local, ['--no-links']);
    const entry = (name: string) => report.documents.find((document) => document.file === `content/${name}.md`);
    expect(entry('us')).toMatchObject({ reviewStatus: 'current', lastReviewed: '2025-12-30', nextReviewDue: '2026-03-30' });
    expect(entry('long')).toMatchObject({ reviewStatus: 'current', lastReviewed: '2025-12-30' });
    expect(entry('iso')).toMatchObject({ reviewStatus: 'current' });
    expect(report.findings.map((finding) => `${finding.file} ${finding.ruleId}: ${finding.message}`)).toEqual([
      'content/bad-published.md metadata-schema: "published" must be a real calendar date written YYYY-MM-DD or MM/dd/yyyy or d MMMM yyyy; got "13/45/2026"',
      'content/loose.md review-unknown: review cannot be judged: the review date "1/8/2026" matches no accepted format (YYYY-MM-DD, MM/dd/yyyy, d MMMM yyyy)',
    ]);
    // --fix leaves a date in an accepted format as the team wrote it.
    const long = readFileSync(path.join(local.root, 'content/long.md'), 'utf8');
    local.run(['lint', '--fix', '--no-links', '--as-of', AS_OF]);
    expect(readFileSync(path.join(local.root, 'content/long.md'), 'utf8')).toBe(long);
  });

  it('a pattern that does not name a whole day is a config error', () => {
    for (const pattern of ['YYYY-MM-DD', 'MM/yyyy', 'MM/dd/yyyy hello']) {
      local.write('contentgov.config.json', JSON.stringify({ review: { dateFormats: [pattern] } }));
      const result = local.run(['lint']);
      expect(result.exitCode, pattern).toBe(2);
      expect(result.stderr, pattern).toContain(`review.dateFormats[0]: "${pattern}" is not a usable date-fns pattern`);
    }
  });
});

describe('review --date', () => {
  let local: TempProject;
  afterAll(() => local.cleanup());

  it('refuses a day in the future, and asks for --force before recording an earlier review than the recorded one', () => {
    local = tempProject();
    const page = local.write('content/a.md', seedDocument());
    const future = local.run(['review', 'content/a.md', '--date', '2026-01-16']);
    expect(future).toMatchObject({ exitCode: 2, stderr: 'contentgov: a review cannot be recorded in the future: --date 2026-01-16 is after today (2026-01-15, UTC)\n' });
    const earlier = local.run(['review', 'content/a.md', '--date', '2025-12-01']);
    expect(earlier.exitCode).toBe(1);
    expect(earlier.stderr).toContain('content/a.md: --date 2025-12-01 is before its recorded review (2025-12-30); use --force to record an earlier review');
    expect(readFileSync(page, 'utf8')).toBe(seedDocument());
    expect(local.run(['review', 'content/a.md', '--date', '2025-12-01', '--force']).exitCode).toBe(0);
    expect(readFileSync(page, 'utf8')).toContain("lastReviewed: '2025-12-01'");
    expect(local.run(['review', 'content/a.md', '--date', '2026-01-15']).exitCode).toBe(0);
  });
});

describe('one root cause, one finding', () => {
  let local: TempProject;
  const siteLinks = Array.from({ length: 12 }, (_, index) => `- [page ${index}](/about-cancer/page-${index})`).join('\n');
  beforeAll(() => {
    local = tempProject();
    local.write('content/bad-url.md', seedDocument({ url: 'not a url' }, `# Links\n\n${siteLinks}\n`));
    local.write('content/no-frontmatter.md', `# Links\n\n${siteLinks}\n`);
  });
  afterAll(() => local.cleanup());

  it('a page with an invalid url gets one finding for its url, not one per site link', () => {
    const { report } = lintJson(local, ['content/bad-url.md', 'content/no-frontmatter.md']);
    expect(report.findings.map((finding) => `${finding.file} ${finding.ruleId}: ${finding.message}`)).toEqual([
      'content/bad-url.md metadata-schema: "url" must be an absolute http(s) URL; got "not a url"; its 12 site links could not be checked',
      'content/no-frontmatter.md frontmatter-missing: no frontmatter: the file does not start with a YAML frontmatter block opened by ---; its 12 site links could not be checked',
    ]);
    expect(report.links).toMatchObject({ total: 24, broken: 0, skipped: 24 });
  });

  it('when no rule reports the url, link-malformed reports the site links once', () => {
    const { report } = lintJson(local, ['--rule', 'metadata-schema=off', 'content/bad-url.md']);
    expect(report.findings.map((finding) => `${finding.line}:${finding.column} ${finding.ruleId}: ${finding.message}`)).toEqual([
      "23:3 link-malformed: 12 site links could not be checked: a site link needs the document's url (or links.siteOrigin) to resolve against",
    ]);
  });

  it('with review-unknown off, the schema reports the bad review date itself', () => {
    local.write('content/bad-date.md', seedDocument({ lastReviewed: '01/18/2026' }));
    const { report } = lintJson(local, ['--rule', 'review-unknown=off', '--no-links', 'content/bad-date.md']);
    expect(report.findings.map((finding) => `${finding.ruleId} ${finding.field}`)).toEqual(['metadata-schema lastReviewed']);
    expect(report.summary).toMatchObject({ unknown: 1 });
  });
});

describe('a 10,000-page corpus with every kind of page', () => {
  let large: TempProject;
  afterAll(() => large.cleanup());

  it('the summary adds up, in lint and in overdue', () => {
    large = tempProject();
    const kinds: [string, Record<string, string | undefined>, string][] = [
      ['current', {}, 'current'],
      ['due-soon', { lastReviewed: "'2025-10-20'" }, 'dueSoon'],
      ['overdue', { lastReviewed: LONG_AGO }, 'overdue'],
      ['typo-status', { lastReviewed: LONG_AGO, status: 'Active' }, 'overdue'],
      ['no-status', { status: undefined }, 'current'],
      ['no-date', { lastReviewed: undefined }, 'unknown'],
      ['bad-date', { lastReviewed: '01/18/2026' }, 'unknown'],
      ['bad-frequency', { reviewFrequency: 'sometimes' }, 'unknown'],
      ['draft', { status: 'draft', lastReviewed: LONG_AGO }, 'exempt'],
      ['retired', { status: 'retired' }, 'exempt'],
    ];
    const expected: Record<string, number> = { current: 0, dueSoon: 0, overdue: 0, unknown: 0, exempt: 0 };
    const texts = kinds.map(([, fields]) => seedDocument(fields));
    const folders = Array.from({ length: 100 }, (_, index) => path.dirname(large.write(`content/${String(index).padStart(2, '0')}/.keep`, '')));
    for (let index = 0; index < 10_000; index++) {
      // Not a plain cycle, so that the counts differ from kind to kind.
      const kind = (index * index + index) % kinds.length;
      writeFileSync(path.join(folders[index % 100]!, `${kinds[kind]![0]}-${index}.md`), texts[kind]!);
      expected[kinds[kind]![2]]!++;
    }
    large.write('content/syntax-error.md', '---\ntitle: [unclosed\n---\n');
    expected.unknown!++;
    const lint = lintJson(large, ['--no-links']).report.summary;
    expect(lint).toMatchObject({ documents: 10_001, read: 10_001, ...expected });
    expect(lint.current! + lint.dueSoon! + lint.overdue! + lint.unknown! + lint.exempt!).toBe(lint.documents);
    const totals = JSON.parse(large.run(['overdue', '--format', 'json', '--as-of', AS_OF]).stdout).overdue.totals;
    expect(totals).toMatchObject({ ...expected, judged: 10_001 - expected.exempt!, listed: expected.overdue! + expected.unknown! + expected.dueSoon! });
  });
});
