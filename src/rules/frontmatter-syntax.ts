import type { Rule } from './rule.js';

export const frontmatterSyntax: Rule = {
  id: 'frontmatter-syntax',
  defaultSeverity: 'error',
  docs: {
    summary: 'The frontmatter is well-formed YAML: closed, a mapping, no duplicate keys, no alias bombs.',
    rationale: 'Malformed metadata is read differently by different tools, or not at all; a page that slips through is never reviewed.',
    fix: 'Correct the YAML at the line shown: close the block with ---, quote values containing ": ", remove the repeated key.',
    example: '---\ntitle: Cryosurgery\ntitle: Cryosurgery to Treat Cancer\n---',
  },
  check: (document) =>
    document.frontmatter?.kind === 'invalid' ? document.frontmatter.problems.map((problem) => ({ ...problem.position, message: problem.message })) : [],
};
