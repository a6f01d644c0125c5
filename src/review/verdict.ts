/** A document's review verdict, computed once per document and read by rules and reports alike. */
import type { Config } from '../schema/config.js';
import { closestField, showValue } from '../schema/document.js';
import type { ReviewFacts } from '../report/types.js';
import { addToCalendarDate, daysBetween, parseDateIn } from './dates.js';
import { resolveFrequency } from './duration.js';

export interface ReviewVerdict extends ReviewFacts {
  /** lastReviewed is after the as-of day: no verdict can be given. */
  reviewedInFuture?: boolean;
  /** With unknownReason: the field at fault (none when the frontmatter could not be read, or the config is at fault). */
  unknownField?: string;
  /** When exempt: the status value that exempts it (read from review.statusField). */
  exemptStatus?: string;
}

interface ReviewSettings {
  review: Config['review'];
  /** Named frequencies in force: the defaults plus the config's. */
  frequencies: Readonly<Record<string, string>>;
  asOf: string;
}

/**
 * Exemption is an allow-list (review.exemptStatuses): any other status, a typo or none at all, is
 * judged, so that no page leaves the review schedule by a misspelling.
 */
/** `unread`: why there is no metadata, when there is none (an auditor's CSV tells a missing block from a YAML error). */
export function reviewVerdict(metadata: Record<string, unknown> | undefined, settings: ReviewSettings, unread?: string): ReviewVerdict {
  if (!metadata) return { reviewStatus: 'unknown', unknownReason: unread ? `no readable frontmatter: ${unread}` : 'no readable frontmatter' };
  const { review, frequencies, asOf } = settings;
  const rawDate = metadata[review.dateField];
  const ownFrequency = metadata[review.frequencyField];
  const rawFrequency = ownFrequency ?? review.defaultFrequency;
  const lastReviewed = parseDateIn(rawDate, review.dateFormats);
  const reviewFrequency = typeof rawFrequency === 'string' ? rawFrequency : undefined;
  const interval = resolveFrequency(reviewFrequency, frequencies);
  const nextReviewDue = lastReviewed && interval ? addToCalendarDate(lastReviewed, interval.months, interval.days) : undefined;
  // Built key by key in the order reports print them (the facts, the status, what it rests on):
  // object spreads here cost more than the date arithmetic.
  const verdict = {} as ReviewVerdict;
  if (lastReviewed) verdict.lastReviewed = lastReviewed;
  if (reviewFrequency) verdict.reviewFrequency = reviewFrequency;
  if (nextReviewDue) verdict.nextReviewDue = nextReviewDue;

  const status = metadata[review.statusField];
  if (typeof status === 'string' && review.exemptStatuses.includes(status)) {
    verdict.reviewStatus = 'exempt';
    verdict.exemptStatus = status;
  } else if (!lastReviewed) {
    verdict.reviewStatus = 'unknown';
    verdict.unknownReason = dateProblem(rawDate, review, metadata);
    verdict.unknownField = review.dateField;
  } else if (!nextReviewDue) {
    verdict.reviewStatus = 'unknown';
    verdict.unknownReason = frequencyProblem(ownFrequency, review, frequencies, metadata);
    // A bad review.defaultFrequency is the config's fault, not a field's.
    const configAtFault = (ownFrequency === undefined || ownFrequency === null) && review.defaultFrequency !== undefined;
    if (!configAtFault) verdict.unknownField = review.frequencyField;
  } else if (lastReviewed > asOf) {
    verdict.reviewStatus = 'unknown';
    verdict.reviewedInFuture = true;
    verdict.unknownReason = `the review date ${lastReviewed} is after ${asOf}`;
  } else {
    const daysPastDue = daysBetween(nextReviewDue, asOf);
    if (daysPastDue > 0) {
      verdict.reviewStatus = 'overdue';
      verdict.daysOverdue = daysPastDue;
    } else {
      const daysUntilDue = -daysPastDue;
      verdict.reviewStatus = daysUntilDue <= review.dueSoonDays ? 'due-soon' : 'current';
      verdict.daysUntilDue = daysUntilDue;
    }
  }
  return verdict;
}

/** A key of the page that looks like the missing field misspelled (`lastReveiwed`): the editor's fix is to correct it, not to add another. */
function misspelling(field: string, metadata: Record<string, unknown>): string {
  const key = Object.keys(metadata).find((name) => name !== field && closestField(name, [field]) === field);
  return key === undefined ? '' : `; is ${showValue(key)} a misspelling of it?`;
}

function dateProblem(rawDate: unknown, review: Config['review'], metadata: Record<string, unknown>): string {
  if (rawDate === undefined) return `no review date: "${review.dateField}" is missing${misspelling(review.dateField, metadata)}`;
  if (rawDate === null) return `no review date: "${review.dateField}" is empty`;
  const shown = showValue(rawDate);
  if (typeof rawDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(rawDate)) return `the review date ${shown} is not a real calendar date`;
  if (typeof rawDate !== 'string' && typeof rawDate !== 'number') return `the review date ${shown} is not a date`;
  return `the review date ${shown} matches no accepted format (${['YYYY-MM-DD', ...review.dateFormats].join(', ')})`;
}

/** The fix, in words: the named frequencies in force, or a duration (an editor who wrote "yearly" learns that "annual" is the word). */
function frequencyChoices(frequencies: Readonly<Record<string, string>>): string {
  return `write one of ${Object.keys(frequencies).join(', ')}, or a duration such as P90D or 6 months`;
}

function frequencyProblem(ownFrequency: unknown, review: Config['review'], frequencies: Readonly<Record<string, string>>, metadata: Record<string, unknown>): string {
  const valid = 'is not a known frequency or a duration of at most 100 years';
  if (ownFrequency !== undefined && ownFrequency !== null) return `the frequency ${showValue(ownFrequency)} ${valid}: ${frequencyChoices(frequencies)}`;
  if (review.defaultFrequency !== undefined) return `the default frequency "${review.defaultFrequency}" (review.defaultFrequency) ${valid}: ${frequencyChoices(frequencies)}`;
  if (ownFrequency === null) return `no review frequency: "${review.frequencyField}" is empty and review.defaultFrequency is not set`;
  return `no review frequency: "${review.frequencyField}" is missing and review.defaultFrequency is not set${misspelling(review.frequencyField, metadata)}`;
}
