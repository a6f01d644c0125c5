import type { Rule } from './rule.js';

export const frontmatterMissing: Rule = {
  id: 'frontmatter-missing',
  defaultSeverity: 'error',
  docs: {
    summary: 'Every document starts with a YAML frontmatter block between --- lines.',
    rationale: 'Without metadata a page has no owner, source, licence or review date: it cannot be governed.',
    fix: 'Add a frontmatter block as the very first lines of the file; `contentgov schema` lists the fields it needs.',
    example: '# Cryosurgery\n\nA page that starts with its heading and has no --- block.',
  },
  check: (document) =>
    document.frontmatter?.kind === 'missing' ? [{ line: 1, column: 1, message: `no frontmatter: ${document.frontmatter.reason}` }] : [],
};
