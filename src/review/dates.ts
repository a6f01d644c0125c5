/**
 * Calendar dates as `YYYY-MM-DD` text, counted on UTC days and straight back to text, so the
 * machine's time zone cannot leak into a result: local midnights would not do, since a zone can
 * skip a whole day (Pacific/Kiritimati had no 1994-12-31, Pacific/Apia no 2011-12-30) and move a
 * due date with it. The sums and differences are date-fns' addMonths, addDays and
 * differenceInCalendarDays on UTC dates, written out on day numbers: tests/review-dates.test.ts
 * compares the two on every day of 18 years between 100 and 9999 (date-fns on UTCDateMini allocated a dozen
 * dates a call, 20 ms of a 10,000-page lint). Custom formats are date-fns' parse and format, on
 * UTC dates (UTCDateMini, date-fns' own).
 */
import { UTCDateMini } from '@date-fns/utc/date/mini';
// Per-function entry points: the package index would load all of date-fns at every start.
import { format } from 'date-fns/format';
import { parse } from 'date-fns/parse';
import { detach } from '../corpus/text.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A real calendar date (2025-02-30 is not one), or undefined. Counted by the proleptic Gregorian
 * calendar, as Date.UTC counts; years 0-99 are none, since Date.UTC reads them as 1900-1999.
 */
export function parseCalendarDate(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return undefined;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 7);
  const day = digits(value, 8, 10);
  if (year < 100 || month < 1 || month > 12 || day < 1) return undefined;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0) ? value : undefined;
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
  return rememberedForText(readByFormats, formats, text, () => parseByFormats(text, formats));
}

function parseByFormats(text: string, formats: readonly string[]): string | undefined {
  for (const pattern of formats) {
    const date = parse(text, pattern, REFERENCE_DAY);
    if (!Number.isNaN(date.getTime()) && format(date, pattern) === text) return toCalendarDate(date);
  }
  return undefined;
}

/*
 * The answers of parseDateIn (by format list), addToCalendarDate and daysBetween, remembered: each
 * depends only on its arguments, a corpus has few
 * distinct days and intervals, and a date-fns parse takes tens of microseconds.
 */
const readByFormats = new WeakMap<readonly string[], Map<string, string | undefined>>();
/** By months, then days, then the date. */
const sums = new Map<number, Map<number, Map<string, string>>>();
/** By `to` (the as-of day, in a run), then `from`. */
const differences = new Map<string, Map<string, number>>();
/** Entries kept per table, at most: a long-lived process (watch, the language server) may see new values for ever. */
const REMEMBERED = 50_000;

/** Sets a remembered answer in its bounded table, and gives it back. */
function remember<K, V>(table: Map<K, V>, key: K, value: V): V {
  if (table.size >= REMEMBERED) table.clear();
  table.set(key, value);
  return value;
}

/**
 * The answer for a text under `owner` (a list of formats, a table of frequencies), worked out once
 * by `compute`; an undefined answer is remembered too. The key is a copy of the text: a slice of
 * a file's text would keep the whole text alive.
 */
export function rememberedForText<O extends object, V>(tables: WeakMap<O, Map<string, V>>, owner: O, text: string, compute: () => V): V {
  let table = tables.get(owner);
  if (!table) tables.set(owner, (table = new Map()));
  const known = table.get(text);
  if (known !== undefined || table.has(text)) return known as V;
  return remember(table, detach(text), compute());
}

function tableIn<K, T extends Map<unknown, unknown>>(tables: Map<K, T>, key: K): T {
  return tables.get(key) ?? remember(tables, key, new Map() as T);
}

/** Only used to fill fields a pattern leaves out; a pattern that names a whole day never reads it. A UTC date, so parse returns one. */
const REFERENCE_DAY = utcDate(2000, 1, 1);

/**
 * Why a date-fns pattern cannot serve as a review date format, or undefined when it can: it must
 * write and read back a whole day. YYYY and DD (week-numbering year, day of the year) are refused
 * before date-fns sees them, since it would print a warning of its own.
 */
export function dateFormatProblem(pattern: string): string | undefined {
  if (/[YD]/.test(pattern.replace(/'[^']*'/g, ''))) return 'use yyyy and dd: YYYY and DD are the week-numbering year and the day of the year';
  const day = utcDate(2031, 11, 23);
  try {
    const written = format(day, pattern);
    const read = parse(written, pattern, REFERENCE_DAY);
    return !Number.isNaN(read.getTime()) && toCalendarDate(read) === '2031-11-23' ? undefined : 'it does not name a whole day (year, month and day)';
  } catch (error) {
    return (error as Error).message;
  }
}

/** The year, month (1-12) and day of a calendar date. */
function calendarParts(calendarDate: string): [number, number, number] {
  // A year past 9999 (a due date can be), in more digits.
  if (!ISO_DATE.test(calendarDate)) return calendarDate.split('-').map(Number) as [number, number, number];
  // Digit by digit: four times faster than by split and map.
  return [digits(calendarDate, 0, 4), digits(calendarDate, 5, 7), digits(calendarDate, 8, 10)];
}

/** A UTC date (its getters are UTC's: date-fns' parse and format read it so). */
function utcDate(year: number, month: number, day: number): Date {
  return new UTCDateMini(utcMilliseconds(year, month, day));
}

/** The UTC midnight of a day, in milliseconds; a day past the month's end runs on into the next, as Date.UTC does. */
function utcMilliseconds(year: number, month: number, day: number): number {
  // Set, not Date.UTC: it maps years 0-99 to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

const DAY_MILLISECONDS = 86_400_000;

function digits(text: string, start: number, end: number): number {
  let value = 0;
  for (let index = start; index < end; index++) value = value * 10 + text.charCodeAt(index) - 48;
  return value;
}

/**
 * The date plus whole months, then days, as date-fns' addDays(addMonths(date, months), days): the
 * same day of the month, or the month's last when it has fewer (2026-01-31 + 1 month = 2026-02-28).
 */
export function addToCalendarDate(calendarDate: string, months: number, days: number): string {
  const byDate = tableIn(tableIn(sums, months), days);
  const known = byDate.get(calendarDate);
  if (known !== undefined) return known;
  const [year, month, day] = calendarParts(calendarDate);
  const monthIndex = year * 12 + month - 1 + months;
  const toYear = Math.floor(monthIndex / 12);
  const toMonth = monthIndex - toYear * 12 + 1;
  // Day 0 of the next month is this month's last.
  const lastDay = new Date(utcMilliseconds(toYear, toMonth + 1, 0)).getUTCDate();
  return remember(byDate, calendarDate, toCalendarDate(new Date(utcMilliseconds(toYear, toMonth, Math.min(day, lastDay)) + days * DAY_MILLISECONDS)));
}

/** A date as YYYY-MM-DD, read by its UTC getters; date-fns' format would parse its pattern on every call. */
function toCalendarDate(date: Date): string {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier), as date-fns' differenceInCalendarDays. */
export function daysBetween(from: string, to: string): number {
  const byFrom = tableIn(differences, to);
  const known = byFrom.get(from);
  if (known !== undefined) return known;
  return remember(byFrom, from, Math.round((utcMilliseconds(...calendarParts(to)) - utcMilliseconds(...calendarParts(from))) / DAY_MILLISECONDS));
}

/** Today in UTC, so that the default as-of day does not depend on the machine's zone. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** "1 day", "12 days": how every output counts days. */
export function dayCount(count: number): string {
  return `${count} day${count === 1 ? '' : 's'}`;
}
