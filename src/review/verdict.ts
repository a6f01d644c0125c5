/** A document's review verdict, computed once per document and read by rules and reports alike. */
import type { Config } from '../schema/config.js';
import type { ReviewFacts } from '../report/types.js';
import { addToCalendarDate, daysBetween, parseCalendarDate } from './dates.js';
import { resolveFrequency } from './duration.js';

export interface ReviewVerdict extends ReviewFacts {
  /** lastReviewed is after the as-of day: no verdict can be given. */
  reviewedInFuture?: boolean;
}

export interface ReviewSettings {
  review: Config['review'];
  /** Named frequencies in force: the defaults plus the config's. */
  frequencies: Readonly<Record<string, string>>;
  asOf: string;
}

export function reviewVerdict(metadata: Record<string, unknown> | undefined, settings: ReviewSettings): ReviewVerdict {
  if (!metadata) return { reviewStatus: 'unknown' };
  const { review, frequencies, asOf } = settings;
  const rawDate = metadata[review.dateField];
  const rawFrequency = metadata[review.frequencyField] ?? review.defaultFrequency;
  const lastReviewed = parseCalendarDate(rawDate);
  const reviewFrequency = typeof rawFrequency === 'string' ? rawFrequency : undefined;
  const facts = { ...(lastReviewed ? { lastReviewed } : {}), ...(reviewFrequency ? { reviewFrequency } : {}) };
  const interval = resolveFrequency(reviewFrequency, frequencies);
  const nextReviewDue = lastReviewed && interval ? addToCalendarDate(lastReviewed, interval.months, interval.days) : undefined;
  const withDue = nextReviewDue ? { ...facts, nextReviewDue } : facts;

  const status = metadata[review.statusField];
  if (typeof status === 'string' && !review.statuses.includes(status)) return { ...withDue, reviewStatus: 'exempt' };
  if (!lastReviewed || !nextReviewDue) return { ...withDue, reviewStatus: 'unknown' };
  if (lastReviewed > asOf) return { ...withDue, reviewStatus: 'unknown', reviewedInFuture: true };

  const daysPastDue = daysBetween(nextReviewDue, asOf);
  if (daysPastDue > 0) return { ...withDue, reviewStatus: 'overdue', daysOverdue: daysPastDue };
  const daysUntilDue = -daysPastDue;
  return { ...withDue, reviewStatus: daysUntilDue <= review.dueSoonDays ? 'due-soon' : 'current', daysUntilDue };
}
