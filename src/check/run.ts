/** Runs every enabled rule over every parsed document and stamps rule id, severity and file. */
import type { ParsedDocument } from '../corpus/document.js';
import type { Finding, Severity, SeveritySetting } from '../report/types.js';
import { RULES } from '../rules/index.js';
import type { DocumentResults, RuleContext } from '../rules/rule.js';

export function ruleSeverities(configured: Readonly<Record<string, SeveritySetting>>): Map<string, Severity> {
  const severities = new Map<string, Severity>();
  for (const rule of RULES) {
    const setting = configured[rule.id] ?? rule.defaultSeverity;
    if (setting !== 'off') severities.set(rule.id, setting);
  }
  return severities;
}

/** Which rules: those that read link checks, or the others. */
export type RuleStage = 'document' | 'links';

/** Each rule's findings, in the order of RULES; the rules of the 'links' stage read the document's link checks (empty in `results` before then). */
export function checkDocument(document: ParsedDocument, context: RuleContext, severities: ReadonlyMap<string, Severity>, stage: RuleStage, results: DocumentResults): Finding[] {
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const severity = severities.get(rule.id);
    if (!severity || !rule.check) continue;
    if ((stage === 'links') !== (rule.readsLinkChecks === true)) continue;
    for (const found of rule.check(document, context, results)) {
      findings.push({ ruleId: rule.id, severity, file: document.file, ...found });
    }
  }
  return findings;
}
