import type { Rule } from './rule.js';

export const frontmatterTooLarge: Rule = {
  id: 'frontmatter-too-large',
  defaultSeverity: 'error',
  docs: {
    summary: 'The frontmatter stays within limits.frontmatterBytes (default 256 KB) and limits.frontmatterKeys (default 2,000 keys, nested ones included).',
    rationale: 'Metadata is a few dozen fields. A block far larger is a mistake or an attack: parsing it could stall every run, so it is not read, and the page has no metadata until it is fixed.',
    fix: 'Move the data out of the frontmatter into the body or a separate file; if a block this large is intended, raise limits.frontmatterBytes or limits.frontmatterKeys in contentgov.config.json.',
    example: '---\nk1: 1\nk2: 2\n# … and 40,000 more keys\n---',
  },
  check: (document) =>
    document.frontmatter?.kind === 'too-large' ? [{ ...document.frontmatter.problem.position, message: document.frontmatter.problem.message }] : [],
};
