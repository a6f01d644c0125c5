import type { ParsedDocument } from '../corpus/document.js';
import type { ReviewVerdict } from '../review/verdict.js';
import type { Rule, RuleContext } from './rule.js';

const REVIEW_UNKNOWN = 'review-unknown';

export const reviewUnknown: Rule = {
  id: REVIEW_UNKNOWN,
  defaultSeverity: 'error',
  docs: {
    summary:
      'A page that is not exempt (review.exemptStatuses) has a review that can be judged: a review date in an accepted format and a known frequency or duration. One finding per page, in place of the metadata-schema finding for the same field.',
    rationale: 'A page whose review cannot be judged may be years overdue, and no report would say so: it is counted as unknown, and `overdue --fail-on overdue` fails on it.',
    fix: 'Give the page a review date (YYYY-MM-DD, or a pattern in review.dateFormats) and a frequency (or set review.defaultFrequency); or, if it is not published, give it an exempt status such as draft.',
    example: "---\nstatus: active\nlastReviewed: 01/18/2026\nreviewFrequency: quarterly\n---\n(with no review.dateFormats: the date matches no accepted format)",
  },
  check(document, _context, { review }) {
    const field = unjudgedField(document, review);
    const frontmatter = document.frontmatter;
    if (field === undefined || frontmatter?.kind !== 'ok') return [];
    const message = `review cannot be judged: ${review.unknownReason}`;
    const position = (field && frontmatter.keyPositions[field]) || frontmatter.open;
    return [{ ...position, message, ...(field ? { field } : {}) }];
  },
};

/**
 * When review-unknown reports a page: the field it points at ('' when the fault is in no field,
 * such as a missing frequency with no default). A page with no readable frontmatter, or reviewed
 * in the future, already has a finding of its own (frontmatter-*, review-future-date).
 */
function unjudgedField(document: ParsedDocument, verdict: ReviewVerdict): string | undefined {
  if (verdict.reviewStatus !== 'unknown' || verdict.reviewedInFuture || document.frontmatter?.kind !== 'ok') return undefined;
  return verdict.unknownField ?? '';
}

/** The field whose schema problem review-unknown reports instead (one root cause, one finding). */
export function fieldReportedAsUnjudged(document: ParsedDocument, context: RuleContext, review: ReviewVerdict): string | undefined {
  return context.severities.has(REVIEW_UNKNOWN) ? unjudgedField(document, review) || undefined : undefined;
}
