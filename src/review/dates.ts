/**
 * Calendar dates as `YYYY-MM-DD` text. Arithmetic goes through date-fns on local-midnight Date
 * objects and straight back to text, so no time zone or DST shift can leak into a result.
 */
// Per-function entry points: the package index would load all of date-fns at every start.
import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import { parse } from 'date-fns/parse';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date (2025-02-30 is not one), or undefined. */
export function parseCalendarDate(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return undefined;
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? value : undefined;
}

/**
 * A date written as YYYY-MM-DD (always accepted) or in one of the team's date-fns `parse`
 * patterns, tried in order. Strict: the date must be real and be written exactly as the pattern
 * would write it back (01/08/2026, not 1/8/2026, for MM/dd/yyyy).
 */
export function parseDateIn(value: unknown, formats: readonly string[]): string | undefined {
  const iso = parseCalendarDate(value);
  if (iso !== undefined || formats.length === 0) return iso;
  // YAML reads yyyyMMdd as a number.
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string') return undefined;
  for (const pattern of formats) {
    const date = parse(text, pattern, REFERENCE_DAY);
    if (!Number.isNaN(date.getTime()) && format(date, pattern) === text) return toCalendarDate(date);
  }
  return undefined;
}

/** Only used to fill fields a pattern leaves out; a pattern that names a whole day never reads it. */
const REFERENCE_DAY = new Date(2000, 0, 1);

/**
 * Why a date-fns pattern cannot serve as a review date format, or undefined when it can: it must
 * write and read back a whole day. YYYY and DD (week-numbering year, day of the year) are refused
 * before date-fns sees them, since it would print a warning of its own.
 */
export function dateFormatProblem(pattern: string): string | undefined {
  if (/[YD]/.test(pattern.replace(/'[^']*'/g, ''))) return 'use yyyy and dd: YYYY and DD are the week-numbering year and the day of the year';
  const day = new Date(2031, 10, 23);
  try {
    const written = format(day, pattern);
    const read = parse(written, pattern, REFERENCE_DAY);
    return !Number.isNaN(read.getTime()) && toCalendarDate(read) === '2031-11-23' ? undefined : 'it does not name a whole day (year, month and day)';
  } catch (error) {
    return (error as Error).message;
  }
}

function toLocalDate(calendarDate: string): Date {
  const [year, month, day] = calendarDate.split('-').map(Number) as [number, number, number];
  const date = new Date(year, month - 1, day);
  // new Date(y, m, d) maps years 0-99 to 1900-1999.
  date.setFullYear(year);
  return date;
}

export function addToCalendarDate(calendarDate: string, months: number, days: number): string {
  return toCalendarDate(addDays(addMonths(toLocalDate(calendarDate), months), days));
}

/** A local date as YYYY-MM-DD; date-fns' format would parse its pattern on every call. */
function toCalendarDate(date: Date): string {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(toLocalDate(to), toLocalDate(from));
}

/** Today in UTC, so that the default as-of day does not depend on the machine's zone. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
