/** Review intervals: named frequencies, ISO 8601 date durations (P90D, P18M) and plain text (6 months). */
import { rememberedForText } from './dates.js';

export interface Interval {
  /** Calendar months (years count as 12), added with date-fns addMonths. */
  months: number;
  /** Days (weeks count as 7), added after the months. */
  days: number;
}

export const DEFAULT_FREQUENCIES: Readonly<Record<string, string>> = {
  monthly: 'P1M',
  quarterly: 'P3M',
  semiannual: 'P6M',
  annual: 'P1Y',
  biennial: 'P2Y',
};

const ISO_DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;
const PLAIN_PART = /(\d+)\s*(year|month|week|day)s?/gy;
const UNIT_TO_INTERVAL: Record<string, Interval> = {
  year: { months: 12, days: 0 },
  month: { months: 1, days: 0 },
  week: { months: 0, days: 7 },
  day: { months: 0, days: 1 },
};

/** A review interval longer than this is a typo or an attack (300000 years overflows every date); 1200 months of 30.4375 days. */
const MAX_INTERVAL_DAYS = 36_525;

/** Parses a duration written as ISO 8601 or plain text; undefined when it is neither, zero or longer than 100 years. */
export function parseDuration(text: string): Interval | undefined {
  const trimmed = text.trim();
  const iso = ISO_DURATION.exec(trimmed);
  if (iso && trimmed !== 'P') {
    const [years, months, weeks, days] = iso.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number];
    return withinBounds({ months: years * 12 + months, days: weeks * 7 + days });
  }
  return parsePlainDuration(trimmed.toLowerCase());
}

function parsePlainDuration(text: string): Interval | undefined {
  const parts = plainParts(text, PLAIN_PART);
  if (!parts) return undefined;
  const interval: Interval = { months: 0, days: 0 };
  for (const part of parts) {
    const unit = UNIT_TO_INTERVAL[part[2]!]!;
    interval.months += unit.months * Number(part[1]);
    interval.days += unit.days * Number(part[1]);
  }
  return withinBounds(interval);
}

const PART_SEPARATOR = /\s*,\s*|\s+and\s+|\s+/y;

/**
 * The parts of a span written in words ("1 year, 2 months and 3 days"): each a match of the sticky
 * `part` expression, separated by commas, "and" or blanks; undefined when anything else is there or
 * there is no part. One forward pass, whatever the length.
 */
export function plainParts(text: string, part: RegExp): RegExpExecArray[] | undefined {
  const parts: RegExpExecArray[] = [];
  let position = 0;
  while (position < text.length) {
    part.lastIndex = position;
    const match = part.exec(text);
    if (!match) return undefined;
    parts.push(match);
    position = part.lastIndex;
    PART_SEPARATOR.lastIndex = position;
    if (PART_SEPARATOR.exec(text)) position = PART_SEPARATOR.lastIndex;
  }
  return parts.length > 0 ? parts : undefined;
}

function withinBounds(interval: Interval): Interval | undefined {
  const positive = interval.months > 0 || interval.days > 0;
  return positive && interval.months * 30.4375 + interval.days <= MAX_INTERVAL_DAYS ? interval : undefined;
}

/** A frequency is a configured name (quarterly) or a duration of its own. The interval is shared: it is frozen. */
export function resolveFrequency(value: unknown, frequencies: Readonly<Record<string, string>>): Readonly<Interval> | undefined {
  if (typeof value !== 'string') return undefined;
  return rememberedForText(resolvedIn, frequencies, value, () => {
    const named = Object.hasOwn(frequencies, value) ? frequencies[value] : undefined;
    const interval = parseDuration(named ?? value);
    return interval && Object.freeze(interval);
  });
}

/** resolveFrequency's answers by table of named frequencies, then value: a corpus names a few frequencies thousands of times. */
const resolvedIn = new WeakMap<Readonly<Record<string, string>>, Map<string, Readonly<Interval> | undefined>>();
