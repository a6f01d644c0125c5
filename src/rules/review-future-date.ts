import type { Rule } from './rule.js';
import { reviewDateFinding } from './review-position.js';

export const reviewFutureDate: Rule = {
  id: 'review-future-date',
  defaultSeverity: 'error',
  docs: {
    summary: 'The last review date is not after the day of the check.',
    rationale: 'A review recorded in the future is a typo, and it would hide the page from review schedules for months or years.',
    fix: 'Write the day the review actually happened, as YYYY-MM-DD.',
    example: "---\nlastReviewed: '2205-01-10'\n---",
  },
  check(document, context, { review: verdict }) {
    if (!verdict.reviewedInFuture) return [];
    return reviewDateFinding(document, context, `last review date ${verdict.lastReviewed} is after ${context.asOf}`);
  },
};
