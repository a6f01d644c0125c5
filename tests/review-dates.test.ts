/**
 * The review arithmetic remembers its answers within a process (a corpus has few distinct days and
 * intervals). Every answer depends on all of its arguments: calls that share all but one of them
 * must still get their own answer, in any order (sums: tests/review.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { addToCalendarDate, daysBetween, parseCalendarDate, parseDateIn } from '../src/review/dates.js';
import { DEFAULT_FREQUENCIES, resolveFrequency } from '../src/review/duration.js';
import { reviewVerdict } from '../src/review/verdict.js';
import { configSchema } from '../src/schema/config.js';

describe('calendar dates', () => {
  it('are real exactly when Date.UTC gives back the same year, month and day', () => {
    const pad = (value: number, width: number) => String(value).padStart(width, '0');
    const years = [[0, 120], [1580, 1610], [1890, 1910], [1996, 2104], [2396, 2404], [9990, 9999]].flatMap(([from, to]) => Array.from({ length: to! - from! + 1 }, (_, index) => from! + index));
    let real = 0;
    const disagreements: string[] = [];
    for (const year of years) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          const date = new Date(Date.UTC(year, month - 1, day));
          const expected = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? text : undefined;
          if (parseCalendarDate(text) !== expected) disagreements.push(text);
          if (expected) real++;
        }
      }
    }
    expect(disagreements).toEqual([]);
    expect(real).toBeGreaterThan(60_000);
    for (const text of ['2025-1-01', '2025-01-1', '02025-01-01', '2025/01/01', ' 2025-01-01', '2025-01-01\n', '２０２５-01-01', '']) expect(parseCalendarDate(text), text).toBeUndefined();
  });
});

describe('remembered date arithmetic', () => {
  it('counts the days between each pair, whatever was counted before', () => {
    const differences: [string, string, number][] = [
      ['2025-01-01', '2025-01-31', 30],
      ['2025-01-01', '2025-02-01', 31],
      ['2025-01-02', '2025-01-31', 29],
      ['2025-01-31', '2025-01-01', -30],
      ['2024-02-01', '2024-03-01', 29],
      ['2025-02-01', '2025-03-01', 28],
      ['0099-12-31', '0100-01-01', 1],
      ['9999-12-31', '10000-02-01', 32],
      ['10000-02-01', '9999-12-31', -32],
    ];
    for (let round = 0; round < 2; round++) for (const [from, to, days] of differences) expect(daysBetween(from, to), `${from} → ${to}`).toBe(days);
  });

  it('reads a date by the formats of its own list', () => {
    expect(parseDateIn('01/02/2026', ['MM/dd/yyyy'])).toBe('2026-01-02');
    expect(parseDateIn('01/02/2026', ['dd/MM/yyyy'])).toBe('2026-02-01');
    expect(parseDateIn('01/02/2026', ['MM/dd/yyyy'])).toBe('2026-01-02');
    expect(parseDateIn('13/02/2026', ['MM/dd/yyyy'])).toBeUndefined();
    expect(parseDateIn('13/02/2026', ['dd/MM/yyyy'])).toBe('2026-02-13');
    expect(parseDateIn(20260102, ['yyyyMMdd'])).toBe('2026-01-02');
  });

  it('resolves a frequency by the table it is named in, and shares the interval frozen', () => {
    const slow = { ...DEFAULT_FREQUENCIES, quarterly: 'P6M' };
    expect(resolveFrequency('quarterly', DEFAULT_FREQUENCIES)).toEqual({ months: 3, days: 0 });
    expect(resolveFrequency('quarterly', slow)).toEqual({ months: 6, days: 0 });
    expect(resolveFrequency('quarterly', DEFAULT_FREQUENCIES)).toEqual({ months: 3, days: 0 });
    expect(resolveFrequency('sometimes', DEFAULT_FREQUENCIES)).toBeUndefined();
    expect(Object.isFrozen(resolveFrequency('P90D', DEFAULT_FREQUENCIES))).toBe(true);
  });
});

describe('review verdicts', () => {
  const review = configSchema.parse({}).review;
  const verdict = (metadata: Record<string, unknown>, asOf = '2026-01-15', frequencies: Record<string, string> = DEFAULT_FREQUENCIES) => reviewVerdict(metadata, { review, frequencies, asOf });

  it('judge the same page anew for each as-of day and frequency table', () => {
    const page = { lastReviewed: '2025-10-01', reviewFrequency: 'quarterly' };
    expect(verdict(page)).toEqual({ ...page, nextReviewDue: '2026-01-01', reviewStatus: 'overdue', daysOverdue: 14 });
    expect(verdict(page, '2025-12-15')).toEqual({ ...page, nextReviewDue: '2026-01-01', reviewStatus: 'due-soon', daysUntilDue: 17 });
    expect(verdict(page, '2025-11-01')).toEqual({ ...page, nextReviewDue: '2026-01-01', reviewStatus: 'current', daysUntilDue: 61 });
    expect(verdict(page, '2026-01-15', { ...DEFAULT_FREQUENCIES, quarterly: 'P6M' })).toEqual({ ...page, nextReviewDue: '2026-04-01', reviewStatus: 'current', daysUntilDue: 76 });
    expect(verdict(page)).toEqual({ ...page, nextReviewDue: '2026-01-01', reviewStatus: 'overdue', daysOverdue: 14 });
  });

  it('keep their keys in the order reports print them', () => {
    expect(Object.keys(verdict({ lastReviewed: '2025-10-01', reviewFrequency: 'quarterly', status: 'draft' }))).toEqual(['lastReviewed', 'reviewFrequency', 'nextReviewDue', 'reviewStatus', 'exemptStatus']);
    expect(Object.keys(verdict({ lastReviewed: '2025-10-01', reviewFrequency: 'quarterly' }))).toEqual(['lastReviewed', 'reviewFrequency', 'nextReviewDue', 'reviewStatus', 'daysOverdue']);
    expect(Object.keys(verdict({ lastReviewed: '2026-01-01', reviewFrequency: 'quarterly' }))).toEqual(['lastReviewed', 'reviewFrequency', 'nextReviewDue', 'reviewStatus', 'daysUntilDue']);
    expect(Object.keys(verdict({ lastReviewed: '2026-02-01', reviewFrequency: 'quarterly' }))).toEqual(['lastReviewed', 'reviewFrequency', 'nextReviewDue', 'reviewStatus', 'reviewedInFuture', 'unknownReason']);
    expect(Object.keys(verdict({ lastReviewed: 'soon', reviewFrequency: 'quarterly' }))).toEqual(['reviewFrequency', 'reviewStatus', 'unknownReason', 'unknownField']);
    expect(Object.keys(verdict({ lastReviewed: '2025-10-01', reviewFrequency: 'sometimes' }))).toEqual(['lastReviewed', 'reviewFrequency', 'reviewStatus', 'unknownReason', 'unknownField']);
  });
});

describe('date arithmetic in a zone that skipped a day', () => {
  it('counts calendar days, not the local clock: Kiritimati skipped 1994-12-31 and Apia 2011-12-30', () => {
    const zone = process.env.TZ;
    const results: Record<string, unknown> = {};
    for (const tz of ['Pacific/Kiritimati', 'Pacific/Apia']) {
      process.env.TZ = tz;
      // Each zone its own dates, so no answer remembered in another zone is given back.
      const [from, day] = tz === 'Pacific/Kiritimati' ? ['1994-12-30', '1994-12-31'] : ['2011-12-29', '2011-12-30'];
      results[tz] = [addToCalendarDate(from, 0, 1), addToCalendarDate(from.replace(/-\d\d$/, '-01'), 0, 30), addToCalendarDate(`${from.slice(0, 5)}11-30`, 1, 0), daysBetween(from, `${Number(from.slice(0, 4)) + 1}-01-01`), day];
    }
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
    expect(results).toEqual({
      'Pacific/Kiritimati': ['1994-12-31', '1994-12-31', '1994-12-30', 2, '1994-12-31'],
      'Pacific/Apia': ['2011-12-30', '2011-12-31', '2011-12-30', 3, '2011-12-30'],
    });
  });
});
