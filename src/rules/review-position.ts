import type { ParsedDocument } from '../corpus/document.js';
import type { RuleContext, RuleFinding } from './rule.js';

/** Review findings point at the review date field. */
export function reviewDateFinding(document: ParsedDocument, context: RuleContext, message: string): RuleFinding[] {
  const frontmatter = document.frontmatter;
  if (frontmatter?.kind !== 'ok') return [];
  const field = context.config.review.dateField;
  return [{ ...(frontmatter.keyPositions[field] ?? frontmatter.open), message, field }];
}
