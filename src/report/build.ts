/** Assembles the one Report every formatter reads. */
import { metadataOf, type ParsedDocument } from '../corpus/document.js';
import type { ReviewVerdict } from '../review/verdict.js';
import { TOOL } from '../version.js';
import { population } from './population.js';
import type { DocumentEntry, Finding, Report } from './types.js';

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  if (a.ruleId !== b.ruleId) return a.ruleId < b.ruleId ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

const SUMMARY_FIELDS = ['title', 'url', 'language', 'source', 'sourceType', 'status'] as const;
/** What rules read from a verdict but a report does not carry. */
const INTERNAL_VERDICT_KEYS: ReadonlySet<keyof ReviewVerdict> = new Set(['reviewedInFuture', 'unknownField', 'exemptStatus']);

/** A document's entry, with its review verdict; its counts of findings still 0 (withFindingCounts sets them, keeping the keys' order). */
export function entryOf(document: ParsedDocument, review: ReviewVerdict): DocumentEntry {
  const metadata = metadataOf(document) ?? {};
  // Built key by key, in the report's order: object spreads here cost more than the rest of the entry.
  const entry: Record<string, unknown> = { file: document.file };
  for (const field of SUMMARY_FIELDS) {
    const value = metadata[field];
    if (typeof value === 'string') entry[field] = value;
  }
  for (const key of Object.keys(review) as (keyof ReviewVerdict)[]) if (!INTERNAL_VERDICT_KEYS.has(key)) entry[key] = review[key];
  // The entry's status is the value that exempted it, whichever field review.statusField names.
  if (review.exemptStatus !== undefined) entry.status = review.exemptStatus;
  if (document.unreadable) entry.unknownReason = document.unreadable.message;
  entry.errors = 0;
  entry.warnings = 0;
  if (document.unreadable) entry.notRead = document.unreadable.reason;
  if (document.sha256) entry.sha256 = document.sha256;
  return entry as unknown as DocumentEntry;
}

export function withFindingCounts(entry: DocumentEntry, findings: readonly Finding[]): DocumentEntry {
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  entry.errors = errors;
  entry.warnings = findings.length - errors;
  return entry;
}

interface ReportParts {
  documents: DocumentEntry[];
  findings: Finding[];
  generatedAt: string;
  asOf: string;
  configHash: string;
  commit?: string;
  /** Files and folders the config's ignore globs skipped (they are not documents). */
  ignored?: number;
  noCommitsYet?: true;
}

export function buildReport({ documents, findings, generatedAt, asOf, configHash, commit, noCommitsYet, ignored = 0 }: ReportParts): Report {
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const skipped: Record<string, number> = ignored > 0 ? { ignored } : {};
  const notRead = documents.map((document) => document.notRead).filter((reason): reason is string => reason !== undefined).sort();
  for (const reason of notRead) skipped[reason] = (skipped[reason] ?? 0) + 1;
  return {
    schemaVersion: 1,
    tool: { name: TOOL.name, version: TOOL.version },
    generatedAt,
    asOf,
    configHash,
    ...(commit ? { commit } : {}),
    ...(noCommitsYet ? { noCommitsYet } : {}),
    summary: {
      documents: documents.length,
      read: documents.length - notRead.length,
      skipped,
      errors,
      warnings: findings.length - errors,
      passed: documents.filter((document) => document.errors === 0).length,
      ...population(documents),
    },
    documents,
    findings: [...findings].sort(compareFindings),
  };
}
