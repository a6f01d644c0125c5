/**
 * One root cause, one finding: a generated page with a million broken links lists the first
 * `limits.findingsPerRule` of them and one more finding that counts the rest, so that no report
 * grows past what a formatter can write.
 */
import { compareFindings } from './build.js';
import type { Finding } from './types.js';

export const NO_OMISSIONS: ReadonlyMap<string, number> = new Map();

/**
 * At most `perRule` findings of each rule in one document's findings, in document order, then one
 * finding of the same rule, at the first left out, that says how many more there were. `omitted`:
 * findings of a rule never made, all after the ones given (the judge's early cap of link findings).
 */
export function capFindingsPerRule(findings: Finding[], perRule: number, omitted: ReadonlyMap<string, number> = NO_OMISSIONS): Finding[] {
  const counts = new Map<string, number>(omitted);
  for (const finding of findings) counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
  const over = new Set([...counts].filter(([, count]) => count > perRule).map(([ruleId]) => ruleId));
  if (over.size === 0) return findings;
  const capped = findings.filter((finding) => !over.has(finding.ruleId));
  for (const ruleId of over) {
    const ofRule = findings.filter((finding) => finding.ruleId === ruleId).sort(compareFindings);
    for (const finding of ofRule.slice(0, perRule)) capped.push(finding);
    const first = ofRule[perRule]!;
    const more = counts.get(ruleId)! - perRule;
    capped.push({
      ruleId,
      severity: first.severity,
      file: first.file,
      line: first.line,
      column: first.column,
      message: `… and ${more} more ${ruleId} ${more === 1 ? 'finding' : 'findings'} in this document (not listed: limits.findingsPerRule is ${perRule})`,
    });
  }
  return capped;
}
