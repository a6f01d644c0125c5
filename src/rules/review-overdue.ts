import type { Rule } from './rule.js';
import { reviewDateFinding } from './review-position.js';
import { dayCount } from '../review/dates.js';

export const reviewOverdue: Rule = {
  id: 'review-overdue',
  defaultSeverity: 'error',
  docs: {
    summary: 'A page not exempt by its status (review.exemptStatuses) is reviewed again within its reviewFrequency of lastReviewed.',
    rationale: 'Health information goes stale: treatments, doses and guidance change. A page past its review date may give patients outdated advice.',
    fix: 'Review the page against its source, then record it: `contentgov review FILE` sets lastReviewed to today.',
    example: "---\nlastReviewed: '2025-01-10'\nreviewFrequency: quarterly\nstatus: active\n---\n(checked on 2025-06-01: due 2025-04-10, 52 days overdue)",
  },
  check(document, context, { review: verdict }) {
    if (verdict.reviewStatus !== 'overdue') return [];
    const days = dayCount(verdict.daysOverdue ?? 0);
    return reviewDateFinding(document, context, `review overdue: due ${verdict.nextReviewDue} (${verdict.reviewFrequency} after ${verdict.lastReviewed}), ${days} ago`);
  },
};
