import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToCalendarDate } from '../src/review/dates.js';
import { parseDuration } from '../src/review/duration.js';
import { lintJson, seedDocument, tempProject, type JsonReport, type TempProject } from './helpers/project.js';

/** Sums that share all but one of date, months and days: each must get its own answer. */
const SUMS: [string, number, number, string][] = [
  ['2025-11-30', 3, 0, '2026-02-28'],
  ['2024-02-29', 12, 0, '2025-02-28'],
  ['2023-11-30', 3, 0, '2024-02-29'],
  ['2025-01-31', 1, 0, '2025-02-28'],
  ['2025-01-31', 0, 1, '2025-02-01'],
  ['2025-01-31', 1, 1, '2025-03-01'],
  ['2025-01-31', 0, 0, '2025-01-31'],
  ['2025-01-31', 12, 0, '2026-01-31'],
  ['2025-03-31', 1, 0, '2025-04-30'],
  ['2024-01-31', 1, 0, '2024-02-29'],
  ['2025-12-30', 3, 0, '2026-03-30'],
  ['2025-03-09', 0, 1, '2025-03-10'],
  ['2025-10-31', 0, 7, '2025-11-07'],
  ['0099-12-31', 0, 1, '0100-01-01'],
  ['9999-12-31', 1, 1, '10000-02-01'],
];

describe('due-date arithmetic (date-fns addMonths semantics)', () => {
  it.each(SUMS)('%s + %i months + %i days = %s', (start, months, days, expected) => {
    expect(addToCalendarDate(start, months, days)).toBe(expected);
  });

  it('gives each sum again, in any order (answers are remembered)', () => {
    for (const [start, months, days, expected] of [...SUMS].reverse()) expect(addToCalendarDate(start, months, days), `${start} + ${months}m ${days}d`).toBe(expected);
  });

  it.each([
    ['P90D', { months: 0, days: 90 }],
    ['P18M', { months: 18, days: 0 }],
    ['P1Y2M3W4D', { months: 14, days: 25 }],
    ['6 months', { months: 6, days: 0 }],
    ['191 days', { months: 0, days: 191 }],
    ['1 year', { months: 12, days: 0 }],
    ['2 weeks', { months: 0, days: 14 }],
    ['1 year 6 months', { months: 18, days: 0 }],
  ])('reads the duration %s', (text, interval) => {
    expect(parseDuration(text)).toEqual(interval);
  });

  it.each(['P', 'P0D', '0 days', 'sometimes', '6 fortnights', 'P1H', ''])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

/** Documents judged as of 2026-01-15 (lintJson's day). */
const CASES: Record<string, { fields: Record<string, string | undefined>; expected: Record<string, unknown>; rule?: string }> = {
  'due-today': { fields: { lastReviewed: '2025-10-15' }, expected: { reviewStatus: 'due-soon', nextReviewDue: '2026-01-15', daysUntilDue: 0 }, rule: 'warning review-due-soon' },
  'day-after': { fields: { lastReviewed: '2025-10-14' }, expected: { reviewStatus: 'overdue', nextReviewDue: '2026-01-14', daysOverdue: 1 }, rule: 'error review-overdue' },
  'edge-of-window': { fields: { lastReviewed: '2025-11-14' }, expected: { reviewStatus: 'due-soon', nextReviewDue: '2026-02-14', daysUntilDue: 30 }, rule: 'warning review-due-soon' },
  'past-window': { fields: { lastReviewed: '2025-11-15' }, expected: { reviewStatus: 'current', nextReviewDue: '2026-02-15', daysUntilDue: 31 } },
  'leap-day': { fields: { lastReviewed: '2024-02-29', reviewFrequency: 'annual' }, expected: { reviewStatus: 'overdue', nextReviewDue: '2025-02-28', daysOverdue: 321 }, rule: 'error review-overdue' },
  'month-end': { fields: { lastReviewed: '2025-11-30' }, expected: { reviewStatus: 'current', nextReviewDue: '2026-02-28', daysUntilDue: 44 } },
  'duration-days': { fields: { lastReviewed: '2025-10-01', reviewFrequency: 'P90D' }, expected: { reviewStatus: 'overdue', nextReviewDue: '2025-12-30', daysOverdue: 16 }, rule: 'error review-overdue' },
  'plain-duration': { fields: { lastReviewed: '2025-07-01', reviewFrequency: '6 months' }, expected: { reviewStatus: 'overdue', nextReviewDue: '2026-01-01', daysOverdue: 14 }, rule: 'error review-overdue' },
  future: { fields: { lastReviewed: '2026-01-16' }, expected: { reviewStatus: 'unknown', lastReviewed: '2026-01-16' }, rule: 'error review-future-date' },
  'invalid-date': { fields: { lastReviewed: '2025-02-30' }, expected: { reviewStatus: 'unknown' }, rule: 'error review-unknown' },
  'invalid-frequency': { fields: { reviewFrequency: 'sometimes' }, expected: { reviewStatus: 'unknown', reviewFrequency: 'sometimes' }, rule: 'error review-unknown' },
  draft: { fields: { lastReviewed: '2019-01-01', status: 'draft' }, expected: { reviewStatus: 'exempt' } },
  archived: { fields: { lastReviewed: '2019-01-01', status: 'archived' }, expected: { reviewStatus: 'exempt' } },
};

let project: TempProject;
let report: JsonReport;
beforeAll(() => {
  project = tempProject();
  for (const [name, { fields }] of Object.entries(CASES)) project.write(`content/${name}.md`, seedDocument(fields));
  report = lintJson(project).report;
});
afterAll(() => project.cleanup());

describe('review verdicts as of a day', () => {
  it.each(Object.keys(CASES))('%s', (name) => {
    const { expected, rule } = CASES[name]!;
    const entry = report.documents.find((document) => document.file === `content/${name}.md`)!;
    expect(entry).toMatchObject(expected);
    if (entry.reviewStatus !== 'overdue') expect(entry).not.toHaveProperty('daysOverdue');
    const findings = report.findings.filter((finding) => finding.file === `content/${name}.md`).map((finding) => `${finding.severity} ${finding.ruleId}`);
    expect(findings).toEqual(rule ? [rule] : []);
  });

  it('counts overdue and due-soon documents in the summary, and states the as-of day', () => {
    expect(report.asOf).toBe('2026-01-15');
    expect(report.summary).toMatchObject({ overdue: 4, dueSoon: 2 });
  });

  it('points review findings at the review date field', () => {
    const finding = report.findings.find((candidate) => candidate.ruleId === 'review-overdue' && candidate.file === 'content/day-after.md')!;
    expect(finding).toMatchObject({ line: 8, column: 1, field: 'lastReviewed', message: 'review overdue: due 2026-01-14 (quarterly after 2025-10-14), 1 day ago' });
  });

  it('gives the same report, byte for byte, in any time zone', () => {
    const args = ['lint', '--format', 'json', '--as-of', '2026-01-15'];
    const east = project.run(args, { env: { TZ: 'Pacific/Kiritimati' } }).stdout;
    const west = project.run(args, { env: { TZ: 'America/Los_Angeles' } }).stdout;
    expect(east).toBe(west);
    expect(JSON.parse(east).documents).toHaveLength(Object.keys(CASES).length);
  });
});

describe('review config', () => {
  let local: TempProject;
  afterAll(() => local.cleanup());

  it('names the date and frequency fields, a default frequency, named frequencies, statuses and the window', () => {
    local = tempProject();
    local.write(
      'contentgov.config.json',
      JSON.stringify({
        defaultFields: false,
        fields: { heading: { type: 'string' }, last_reviewed_on: { type: 'date' }, review_in: { type: 'duration', required: false }, state: { type: 'enum', values: ['live', 'gone'], required: false } },
        review: { dateField: 'last_reviewed_on', frequencyField: 'review_in', defaultFrequency: 'yearly', frequencies: { yearly: 'P1Y', fortnightly: '2 weeks' }, statusField: 'state', exemptStatuses: ['gone'], dueSoonDays: 7 },
      }),
    );
    local.write('content/a.md', '---\nheading: A\nlast_reviewed_on: 2025-01-10\n---\n');
    local.write('content/b.md', '---\nheading: B\nlast_reviewed_on: 2026-01-05\nreview_in: fortnightly\nstate: live\n---\n');
    local.write('content/c.md', '---\nheading: C\nlast_reviewed_on: 2020-01-05\nstate: gone\n---\n');
    const { report: configured } = lintJson(local);
    expect(configured.documents.map(({ file, reviewStatus, nextReviewDue }) => [file, reviewStatus, nextReviewDue])).toEqual([
      ['content/a.md', 'overdue', '2026-01-10'],
      ['content/b.md', 'due-soon', '2026-01-19'],
      ['content/c.md', 'exempt', '2021-01-05'],
    ]);
    expect(configured.findings.map((finding) => `${finding.file} ${finding.ruleId} ${finding.field}`)).toEqual([
      'content/a.md review-overdue last_reviewed_on',
      'content/b.md review-due-soon last_reviewed_on',
    ]);
  });
});
