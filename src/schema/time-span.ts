/**
 * Spans of wall-clock time, for limits on a run: plain text ("10 minutes", "90 s", "1 h 30 min", "500 ms")
 * or ISO 8601 ("PT10M", "PT1M30S"). Review intervals (months, days) are src/review/duration.ts.
 */
import { plainParts } from '../review/duration.js';

const ISO_TIME = /^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/i;
const PLAIN_PART = /(\d+(?:\.\d+)?)\s*(hours?|hrs?|h|milliseconds?|msecs?|ms|minutes?|mins?|m|seconds?|secs?|s)(?![a-z])/y;
const UNIT_SECONDS: Record<string, number> = { h: 3600, m: 60, s: 1 };
/** Milliseconds are the one unit whose first letter is another's. */
const unitSeconds = (unit: string): number => (unit.startsWith('ms') || unit.startsWith('mil') ? 0.001 : UNIT_SECONDS[unit[0]!]!);

/** The longest span a timer can wait (setTimeout's limit is about 24.8 days): a day is plenty for a run. */
const MAX_TIME_SPAN_MILLISECONDS = 24 * 3600 * 1000;

/** Milliseconds, or undefined when the text is not a span, is zero (unless `zero` allows it) or is longer than a day. */
export function parseTimeSpan(text: string, { zero = false } = {}): number | undefined {
  const trimmed = text.trim().toLowerCase();
  const seconds = ISO_TIME.test(trimmed) && trimmed !== 'pt' ? isoSeconds(trimmed) : plainSeconds(trimmed);
  if (seconds === undefined) return undefined;
  const milliseconds = Math.round(seconds * 1000);
  return (zero ? milliseconds >= 0 : milliseconds > 0) && milliseconds <= MAX_TIME_SPAN_MILLISECONDS ? milliseconds : undefined;
}

function isoSeconds(text: string): number {
  const [hours, minutes, seconds] = ISO_TIME.exec(text)!.slice(1).map((part) => Number(part ?? 0)) as [number, number, number];
  return hours * 3600 + minutes * 60 + seconds;
}

function plainSeconds(text: string): number | undefined {
  const parts = plainParts(text, PLAIN_PART);
  return parts?.reduce((total, part) => total + Number(part[1]) * unitSeconds(part[2]!), 0);
}
