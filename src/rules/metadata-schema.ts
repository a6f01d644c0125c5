import { validateMetadata } from '../schema/document.js';
import type { Rule } from './rule.js';
import { fieldReportedAsUnjudged } from './review-unknown.js';

export const metadataSchema: Rule = {
  id: 'metadata-schema',
  defaultSeverity: 'error',
  docs: {
    summary: "Each metadata field is present when required and has a valid value (one finding per bad field).",
    rationale: 'Search, review scheduling and licensing all read these fields; one bad value quietly drops a page from them.',
    fix: 'Give the field the value the message asks for; `contentgov schema` prints every field and what it accepts.',
    example: '---\nlastReviewed: 2025-02-30\nreviewFrequency: sometimes\n---',
  },
  check(document, context, { review }) {
    const frontmatter = document.frontmatter;
    if (frontmatter?.kind !== 'ok') return [];
    const reportedElsewhere = fieldReportedAsUnjudged(document, context, review);
    return validateMetadata(context.schema, frontmatter.data).filter((problem) => problem.field !== reportedElsewhere).map((problem) => ({
      ...(frontmatter.keyPositions[problem.field] ?? frontmatter.open),
      message: problem.message,
      field: problem.field,
    }));
  },
};
