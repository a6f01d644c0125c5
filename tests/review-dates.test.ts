/**
 * The review arithmetic remembers its answers within a process (a corpus has few distinct days and
 * intervals). Every answer depends on all of its arguments: calls that share all but one of them
 * must still get their own answer, in any order (sums: tests/review.test.ts).
 */
import { UTCDateMini } from '@date-fns/utc/date/mini';
import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
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

describe('the review arithmetic equals date-fns on UTC dates', () => {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  const text = (date: Date) => `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
  const utc = (day: string) => {
    const [year, month, date] = day.split('-').map(Number) as [number, number, number];
    const value = new UTCDateMini(0);
    value.setFullYear(year, month - 1, date);
    return value;
  };
  /** Every day of these years. */
  const daysOf = (years: readonly number[]) =>
    years.flatMap((year) => Array.from({ length: 366 }, (_, index) => text(new Date(Date.UTC(2000, 0, 1 + index)))).map((day) => `${pad(year, 4)}${day.slice(4)}`)).filter((day) => parseCalendarDate(day) === day || day.startsWith('00'));
  // Month ends and leap days over four centuries, every day of six years around leap years, years 100-109 (no Date.UTC shift) and 9998-9999 (sums past 9999).
  const years = [100, 104, 1600, 1700, 1899, 1900, 2000, 2023, 2024, 2025, 2026, 2027, 2028, 2100, 2399, 2400, 9998, 9999];
  const days = daysOf(years);
  const intervals: [number, number][] = [[0, 1], [0, 30], [0, 90], [0, 365], [1, 0], [3, 0], [6, 0], [11, 0], [12, 0], [13, 0], [24, 0], [1200, 0], [1, 1], [12, 59], [0, 0]];

  it('adds months, then days, as addDays(addMonths(date, months), days)', () => {
    const disagreements: string[] = [];
    for (const day of days) {
      for (const [months, extra] of intervals) {
        const expected = text(addDays(addMonths(utc(day), months), extra));
        const actual = addToCalendarDate(day, months, extra);
        if (actual !== expected) disagreements.push(`${day} + ${months} months ${extra} days: ${actual}, date-fns ${expected}`);
      }
    }
    expect(days.length).toBeGreaterThan(6000);
    expect(disagreements.slice(0, 5)).toEqual([]);
  });

  it('counts the days between two dates as differenceInCalendarDays', () => {
    const disagreements: string[] = [];
    for (const [index, from] of days.entries()) {
      for (const to of [days[(index * 7919) % days.length]!, days[(index + 1) % days.length]!, '2026-11-30', from]) {
        const expected = differenceInCalendarDays(utc(to), utc(from));
        const actual = daysBetween(from, to);
        if (actual !== expected) disagreements.push(`${from} to ${to}: ${actual}, date-fns ${expected}`);
      }
    }
    expect(disagreements.slice(0, 5)).toEqual([]);
  });
});
