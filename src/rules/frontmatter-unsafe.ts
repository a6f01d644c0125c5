import type { Rule } from './rule.js';

export const frontmatterUnsafe: Rule = {
  id: 'frontmatter-unsafe',
  defaultSeverity: 'error',
  docs: {
    summary: 'The frontmatter is data, never code: no ---js blocks, no custom YAML tags.',
    rationale: 'Content arrives in pull requests from anyone. Tools such as gray-matter run ---js frontmatter with eval; contentgov never does, and flags it.',
    fix: 'Rewrite the block as plain YAML between --- lines, without !!tags.',
    example: '---js\n{ title: require("child_process").execSync("id").toString() }\n---',
  },
  check: (document) =>
    document.frontmatter?.kind === 'unsafe' ? document.frontmatter.problems.map((problem) => ({ ...problem.position, message: problem.message })) : [],
};
