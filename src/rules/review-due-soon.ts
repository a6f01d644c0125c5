import type { Rule } from './rule.js';
import { reviewDateFinding } from './review-position.js';

export const reviewDueSoon: Rule = {
  id: 'review-due-soon',
  defaultSeverity: 'warning',
  docs: {
    summary: 'Warns when a page not exempt by its status falls due for review within review.dueSoonDays (default 30) days, the due day included.',
    rationale: 'A warning ahead of the deadline lets editors plan reviews instead of firefighting a failing build.',
    fix: 'Schedule the review; once done, `contentgov review FILE` records it.',
    example: "---\nlastReviewed: '2025-03-01'\nreviewFrequency: quarterly\n---\n(checked on 2025-05-20: due 2025-06-01, in 12 days)",
  },
  check(document, context, { review: verdict }) {
    if (verdict.reviewStatus !== 'due-soon') return [];
    const when = verdict.daysUntilDue === 0 ? 'today' : verdict.daysUntilDue === 1 ? 'tomorrow' : `in ${verdict.daysUntilDue} days`;
    return reviewDateFinding(document, context, `review due soon: due ${verdict.nextReviewDue}, ${when}`);
  },
};
