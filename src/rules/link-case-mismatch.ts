/** link-case-mismatch: with links.caseSensitive false, a link that finds its file only when case is ignored. */
import { linkRule } from './link-rule.js';

export const linkCaseMismatch = linkRule(
  'link-case-mismatch',
  'case-mismatch',
  'warning',
  {
    summary: 'With links.caseSensitive false, a link spells its file with the same case as the file (otherwise a case-only difference is link-missing-file).',
    rationale: 'The link works on a host that ignores case, but breaks the day the site moves to one that does not.',
    fix: 'Spell the path as the message gives it.',
    example: 'See [the guide](Guide.md) when the file is guide.md.',
  },
  () => 'link differs from its file in case',
);
