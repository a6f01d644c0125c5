/**
 * Applies suppressions to a document's findings. A suppression silences only the rules it names,
 * only where it says, and only with a reason; past its `until` day it silences nothing and is an
 * error of its own; one that silenced nothing is a warning. Every silenced finding is recorded.
 */
import { globEntries } from '../corpus/glob-index.js';
import type { Finding, Severity, SuppressionRecord } from '../report/types.js';
import type { Config } from '../schema/config.js';
import { closestField } from '../schema/document.js';
import type { SuppressionComment } from './comments.js';

interface SuppressionOutcome {
  kept: Finding[];
  applied: SuppressionRecord[];
  /** suppression-* findings. */
  problems: Finding[];
}

interface Candidate {
  kind: 'comment' | 'file-comment' | 'config';
  rules: string[];
  reason?: string;
  until?: string;
  file: string;
  line: number;
  column: number;
  used: boolean;
  /** For a config entry: its index, so the run can tell which entries were never used. */
  configIndex?: number;
}

/** A config suppression and its index in the config. */
interface ConfigSuppression {
  entry: Config['suppressions'][number];
  index: number;
}

/** For a document, the config suppressions whose files glob matches it, in config order; the globs are compiled and indexed once per run. */
export function compileConfigSuppressions(entries: Config['suppressions']): (file: string) => ConfigSuppression[] {
  const matching = globEntries(entries.map((entry) => [entry.files]));
  return (file) => matching(file).map((index) => ({ entry: entries[index]!, index }));
}

export function applySuppressions(
  file: string,
  findings: Finding[],
  comments: readonly SuppressionComment[],
  /** The config suppressions whose files glob matches the file. */
  configEntries: readonly ConfigSuppression[],
  context: { asOf: string; severities: ReadonlyMap<string, Severity>; knownRules: ReadonlySet<string>; configFile: string; usedConfigEntries: Set<number> },
): SuppressionOutcome {
  const candidates: Candidate[] = comments.map((comment) => ({
    kind: comment.scope === 'file' ? 'file-comment' : 'comment',
    rules: comment.rules,
    ...(comment.reason ? { reason: comment.reason } : {}),
    ...(comment.until ? { until: comment.until } : {}),
    file,
    line: comment.line,
    column: comment.column,
    used: false,
  }));
  for (const { entry, index } of configEntries) {
    candidates.push({ kind: 'config', rules: [entry.rule], reason: entry.reason, ...(entry.until ? { until: entry.until } : {}), file: context.configFile, line: 1, column: 1, used: false, configIndex: index });
  }
  const problems: Finding[] = [];
  const problem = (ruleId: string, candidate: Candidate, message: string) => {
    const severity = context.severities.get(ruleId);
    if (severity) problems.push({ ruleId, severity, file: candidate.kind === 'config' ? file : candidate.file, line: candidate.kind === 'config' ? 1 : candidate.line, column: candidate.kind === 'config' ? 1 : candidate.column, message });
  };
  const active = candidates.filter((candidate) => {
    const named = listedNames(candidate.rules, (rule) => rule);
    const label = candidate.kind === 'config' ? `the suppression of ${named} in ${context.configFile}` : `this suppression of ${named || '(no rule)'}`;
    const unknown = candidate.rules.filter((rule) => !context.knownRules.has(rule));
    if (candidate.rules.length === 0 || unknown.length > 0) {
      problem('suppression-invalid', candidate, `${label} names ${unknown.length > 0 ? `no such rule: ${listedNames(unknown, (rule) => withSuggestion(rule, context.knownRules))}` : 'no rule'}`);
      return false;
    }
    if (!candidate.reason) {
      problem('suppression-invalid', candidate, `${label} gives no reason; write it after --`);
      return false;
    }
    if (candidate.until && candidate.until < context.asOf) {
      problem('suppression-expired', candidate, `${label} expired on ${candidate.until} (${candidate.reason})`);
      return false;
    }
    return true;
  });
  const kept: Finding[] = [];
  const applied: SuppressionRecord[] = [];
  const firstFor = firstSuppressions(active);
  for (const finding of findings) {
    const by = firstFor(finding);
    if (!by) {
      kept.push(finding);
      continue;
    }
    by.used = true;
    if (by.configIndex !== undefined) context.usedConfigEntries.add(by.configIndex);
    applied.push({ file, line: finding.line, column: finding.column, ruleId: finding.ruleId, message: finding.message, kind: by.kind, reason: by.reason!, ...(by.until ? { until: by.until } : {}) });
  }
  for (const candidate of active) {
    // A config entry spans many files; whether it was used anywhere is judged once per run, not per file.
    if (!candidate.used && candidate.kind !== 'config') problem('suppression-unused', candidate, `this suppression of ${listedNames(candidate.rules, (rule) => rule)} silenced nothing; remove it`);
  }
  return { kept, applied, problems };
}

/** Rule names a suppression message lists; a directive of 100,000 names lists these and counts the rest. */
const RULES_LISTED = 10;

/** The distinct names, the first RULES_LISTED of them each written by `write`, then "and N more". */
function listedNames(rules: readonly string[], write: (rule: string) => string): string {
  const distinct = [...new Set(rules)];
  const more = distinct.length - RULES_LISTED;
  return `${distinct.slice(0, RULES_LISTED).map(write).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

function withSuggestion(rule: string, knownRules: ReadonlySet<string>): string {
  const suggestion = closestField(rule, [...knownRules]);
  return suggestion ? `${rule} (did you mean "${suggestion}"?)` : rule;
}

/**
 * For a finding, the first active suppression that silences it. Indexed once by rule (and line,
 * for next-line comments) rather than searched per finding: a file with 20,000 comments and
 * 20,000 findings took 11 s.
 */
function firstSuppressions(active: readonly Candidate[]): (finding: Finding) => Candidate | undefined {
  const everywhere = new Map<string, number>();
  const byLine = new Map<string, number>();
  active.forEach((candidate, order) => {
    for (const rule of candidate.rules) {
      const index = candidate.kind === 'comment' ? byLine : everywhere;
      const key = candidate.kind === 'comment' ? `${candidate.line + 1} ${rule}` : rule;
      if (!index.has(key)) index.set(key, order);
    }
  });
  return (finding) => {
    const anywhere = everywhere.get(finding.ruleId) ?? Infinity;
    const onLine = byLine.get(`${finding.line} ${finding.ruleId}`) ?? Infinity;
    return active[Math.min(anywhere, onLine)];
  };
}
