/** The rules, severities and suppressions of one run, applied to documents already parsed and link-checked. */
import { configFileLabel, type Project } from '../config/load.js';
import type { DocumentSettings } from '../config/overrides.js';
import type { ParsedDocument } from '../corpus/document.js';
import { NO_LINK_CHECKS, unresolvedSiteLinks, type LinkCheck, type LinkOutcome } from '../links/check.js';
import { entryOf, withFindingCounts } from '../report/build.js';
import { capFindingsPerRule, NO_OMISSIONS } from '../report/cap.js';
import type { DocumentEntry, Finding, Severity, SeveritySetting, SuppressionRecord } from '../report/types.js';
import { RULE_IDS, RULES } from '../rules/index.js';
import type { DocumentResults, RuleContext } from '../rules/rule.js';
import type { ReviewVerdict } from '../review/verdict.js';
import { attributeSiteLinks } from '../rules/site-links.js';
import { applySuppressions, compileConfigSuppressions } from '../suppress/apply.js';
import { checkDocument, ruleSeverities } from './run.js';
import { verdictFor } from './verdict.js';

export interface JudgeOptions {
  project: Project;
  asOf: string;
  /** --rule overrides, over the config. */
  ruleOverrides?: Record<string, SeveritySetting>;
}

export interface Judged {
  /** One per document, in the order given. */
  entries: DocumentEntry[];
  findings: Finding[];
  suppressions: SuppressionRecord[];
}

/** What is known of a document as soon as it is read: the findings of the rules that do not read link checks, and its entry. */
export interface EarlyVerdict {
  findings: Finding[];
  entry: DocumentEntry;
  /** Its review verdict for the as-of day (the entry carries it; the rules of the links stage get it too). */
  review: ReviewVerdict;
}

const RULE_ORDER = new Map(RULES.map((rule, index) => [rule.id, index]));
/** Each link rule, by the outcome it reports. */
const LINK_RULE_OF = new Map(RULES.flatMap((rule) => (rule.linkOutcome ? [[rule.linkOutcome, rule.id] as const] : [])));

export function createJudge(options: JudgeOptions) {
  const { project } = options;
  // Per distinct settings (see settingsFor): overrides change rules and schema; --rule wins over both.
  const contexts = new Map<DocumentSettings, { rule: RuleContext; severities: Map<string, Severity> }>();
  const contextFor = (file: string) => {
    const settings = project.settingsFor(file);
    let context = contexts.get(settings);
    if (!context) {
      const severities = ruleSeverities({ ...settings.config.rules, ...options.ruleOverrides });
      context = { rule: { ...settings, asOf: options.asOf, severities }, severities };
      contexts.set(settings, context);
    }
    return context;
  };
  const configSuppressionsOf = compileConfigSuppressions(project.config.suppressions);
  const suppressionContext = { asOf: options.asOf, knownRules: RULE_IDS, configFile: configFileLabel(project), usedConfigEntries: new Set<number>() };
  return {
    /** Config suppressions (by index) that silenced something so far. */
    usedConfigEntries: suppressionContext.usedConfigEntries as ReadonlySet<number>,
    /** The document's review verdict and the rules that need nothing but the document; judge() adds the rest. */
    early(document: ParsedDocument): EarlyVerdict {
      const context = contextFor(document.file);
      const review = verdictFor(document, project, options.asOf);
      const results: DocumentResults = { review, linkChecks: NO_LINK_CHECKS };
      return { findings: checkDocument(document, context.rule, context.severities, 'document', results), entry: entryOf(document, review), review };
    },
    /**
     * Judges documents whose links are checked (`linkChecksOf` gives each one's); `earlyOf` gives
     * what early() said of a document, if it was asked then.
     */
    judge(
      documents: readonly ParsedDocument[],
      linkChecksOf: (document: ParsedDocument) => readonly LinkCheck[],
      linksOnly: ReadonlySet<string> = new Set(),
      earlyOf: (document: ParsedDocument) => EarlyVerdict | undefined = () => undefined,
    ): Judged {
      const judged: Judged = { entries: [], findings: [], suppressions: [] };
      for (const document of documents) {
        const onlyLinks = linksOnly.has(document.file);
        const context = contextFor(document.file);
        const early = earlyOf(document) ?? this.early(document);
        const linkChecks = linkChecksOf(document);
        const perRule = project.config.limits.findingsPerRule;
        const configSuppressions = configSuppressionsOf(document.file);
        // Early only where the result is the same: nothing could suppress a finding, and no site link is attributed (one more link-malformed).
        const capEarly = linkChecks.length > perRule + 1 && document.suppressions.length === 0 && configSuppressions.length === 0 && unresolvedSiteLinks(linkChecks).length === 0;
        const { listed, omitted } = capEarly ? firstLinkChecks(linkChecks, perRule, context.severities) : { listed: linkChecks, omitted: NO_OMISSIONS };
        const linkFindings = checkDocument(document, context.rule, context.severities, 'links', { review: early.review, linkChecks: listed });
        const all = attributeSiteLinks(document, linkChecks, [...early.findings, ...linkFindings], context.rule.config.links.urlField, context.severities.get('link-malformed'));
        // In the order of RULES, as if every rule had run at once (sort is stable).
        const raw = all.sort((a, b) => RULE_ORDER.get(a.ruleId)! - RULE_ORDER.get(b.ruleId)!).filter((finding) => !onlyLinks || finding.ruleId.startsWith('link-'));
        const outcome = applySuppressions(document.file, raw, document.suppressions, configSuppressions, { ...suppressionContext, severities: context.severities });
        const documentFindings = capFindingsPerRule([...outcome.kept, ...outcome.problems], perRule, omitted);
        const entry = withFindingCounts(early.entry, documentFindings);
        if (onlyLinks) entry.linksOnly = true;
        judged.entries.push(entry);
        append(judged.findings, documentFindings);
        append(judged.suppressions, outcome.applied);
      }
      return judged;
    },
  };
}

/**
 * A page with a million broken links made a million findings only to list the first
 * limits.findingsPerRule of each rule (1.2 million broken links: 820 MB): each link rule is given
 * only the checks it would list and the first one left out, in document order, and the cap is told
 * how many more there were. A tie in place at the cut (two links cannot start at one place, but
 * then the findings' messages would decide) keeps that rule's checks whole.
 */
function firstLinkChecks(linkChecks: readonly LinkCheck[], perRule: number, severities: ReadonlyMap<string, Severity>): { listed: readonly LinkCheck[]; omitted: ReadonlyMap<string, number> } {
  const byOutcome = new Map<LinkOutcome, LinkCheck[]>();
  for (const check of linkChecks) {
    const ruleId = LINK_RULE_OF.get(check.outcome);
    if (ruleId === undefined || !severities.has(ruleId)) continue;
    const checks = byOutcome.get(check.outcome);
    if (checks) checks.push(check);
    else byOutcome.set(check.outcome, [check]);
  }
  const capped = new Set<LinkOutcome>();
  const kept = new Set<LinkCheck>();
  const omitted = new Map<string, number>();
  for (const [outcome, checks] of byOutcome) {
    if (checks.length <= perRule + 1) continue;
    const ordered = checks.sort((a, b) => a.link.line - b.link.line || a.link.column - b.link.column);
    const last = ordered[perRule - 1]!;
    const firstLeftOut = ordered[perRule]!;
    if (last.link.line === firstLeftOut.link.line && last.link.column === firstLeftOut.link.column) continue;
    capped.add(outcome);
    for (let index = 0; index <= perRule; index++) kept.add(ordered[index]!);
    omitted.set(LINK_RULE_OF.get(outcome)!, ordered.length - perRule - 1);
  }
  if (capped.size === 0) return { listed: linkChecks, omitted: NO_OMISSIONS };
  return { listed: linkChecks.filter((check) => !capped.has(check.outcome) || kept.has(check)), omitted };
}

/** suppression-unused for each config suppression that silenced nothing (known only once the whole corpus was judged). */
export function unusedConfigSuppressions(options: JudgeOptions, used: ReadonlySet<number>): Finding[] {
  const severity = ruleSeverities({ ...options.project.config.rules, ...options.ruleOverrides }).get('suppression-unused');
  if (!severity) return [];
  const file = configFileLabel(options.project);
  return options.project.config.suppressions.flatMap((entry, index) =>
    used.has(index) ? [] : [{ ruleId: 'suppression-unused', severity, file, line: 1, column: 1, message: `suppressions[${index}] (${entry.rule} in ${entry.files}) silenced nothing; remove it` }],
  );
}

/** push(...items) passes every item as an argument: a document with 200,000 findings overflows the stack. */
export function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
