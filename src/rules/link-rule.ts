/** Link rules share one shape: report each link whose outcome is theirs, quoting it as written. */
import type { LinkCheck, LinkOutcome } from '../links/check.js';
import type { Rule, RuleDocs } from './rule.js';
import type { Severity } from '../report/types.js';

export function linkRule(id: string, outcome: LinkOutcome, defaultSeverity: Severity, docs: RuleDocs, describe: (check: LinkCheck) => string): Rule {
  return {
    id,
    defaultSeverity,
    docs,
    readsLinkChecks: true,
    linkOutcome: outcome,
    check: (_document, _context, { linkChecks }) =>
      linkChecks
        .filter((check) => check.outcome === outcome)
        .map((check) => ({ line: check.link.line, column: check.link.column, message: `${describe(check)}: "${check.link.url}"${check.detail ? ` (${check.detail})` : ''}` })),
  };
}
