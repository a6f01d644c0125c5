/**
 * Calendar dates as `YYYY-MM-DD` text. Arithmetic goes through date-fns on local-midnight Date
 * objects and straight back to text, so no time zone or DST shift can leak into a result.
 */
// Per-function entry points: the package index would load all of date-fns at every start.
import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';

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
