/** What every rule is: an id, a default severity, its documentation, and one pure check. */
import type { LinkCheck, LinkOutcome } from '../links/check.js';
import type { ParsedDocument } from '../corpus/document.js';
import type { ReviewVerdict } from '../review/verdict.js';
import type { Config } from '../schema/config.js';
import type { DocumentSchema } from '../schema/document.js';
import type { Severity } from '../report/types.js';

/** Written once; serves `explain`, SARIF help and the README's rule table. */
export interface RuleDocs {
  /** One line: what the rule checks. */
  summary: string;
  /** Why it matters. */
  rationale: string;
  /** How to fix a finding. */
  fix: string;
  /** A short example of a document that triggers it. */
  example: string;
}

/** A finding as a rule reports it; the engine adds rule id, severity and file. */
export interface RuleFinding {
  line: number;
  column: number;
  message: string;
  field?: string;
}

export interface RuleContext {
  config: Config;
  schema: DocumentSchema;
  /** The day time-dependent rules judge against, YYYY-MM-DD. */
  asOf: string;
  /** The rules enabled in this run: a rule that would repeat another's finding defers to it only when that rule runs. */
  severities: ReadonlyMap<string, Severity>;
}

/** What the pipeline found of a document, handed to the rules beside it (a parsed document is not written to). */
export interface DocumentResults {
  /** Its review verdict for the as-of day. */
  review: ReviewVerdict;
  /** The outcomes of its links that are not simply fine (empty for the rules that do not read them). */
  linkChecks: readonly LinkCheck[];
}

export interface Rule {
  id: string;
  defaultSeverity: Severity;
  docs: RuleDocs;
  /** Absent for the rules the engine reports itself (suppression problems: only it knows which were used). */
  check?(document: ParsedDocument, context: RuleContext, results: DocumentResults): RuleFinding[];
  /**
   * The rule reads the document's link checks, so it runs once the whole corpus is indexed; the
   * others run as soon as a document is read, after which a large run keeps little of it.
   */
  readsLinkChecks?: true;
  /** A link rule: the link check outcome it reports, one finding per check (see link-rule.ts). */
  linkOutcome?: LinkOutcome;
}
