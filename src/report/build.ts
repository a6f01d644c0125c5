/** Assembles the one Report every formatter reads. */
import { metadataOf, type ParsedDocument } from '../corpus/document.js';
import type { ReviewVerdict } from '../review/verdict.js';
import { TOOL } from '../version.js';
import type { DocumentEntry, Finding, Report } from './types.js';

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  if (a.ruleId !== b.ruleId) return a.ruleId < b.ruleId ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

const SUMMARY_FIELDS = ['title', 'url', 'language', 'source', 'sourceType', 'status'] as const;

export function documentEntry(document: ParsedDocument, findings: readonly Finding[]): DocumentEntry {
  const metadata = metadataOf(document) ?? {};
  // Built key by key, in the report's order: object spreads here cost more than the rest of the entry.
  const entry: Record<string, unknown> = { file: document.file };
  for (const field of SUMMARY_FIELDS) {
    const value = metadata[field];
    if (typeof value === 'string') entry[field] = value;
  }
  const review: ReviewVerdict = document.review ?? { reviewStatus: 'unknown' };
  for (const key of Object.keys(review) as (keyof ReviewVerdict)[]) if (key !== 'reviewedInFuture') entry[key] = review[key];
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  entry.errors = errors;
  entry.warnings = findings.length - errors;
  return entry as unknown as DocumentEntry;
}

export interface ReportParts {
  documents: DocumentEntry[];
  findings: Finding[];
  generatedAt: string;
  asOf: string;
  configHash: string;
  commit?: string;
  noCommitsYet?: true;
}

export function buildReport({ documents, findings, generatedAt, asOf, configHash, commit, noCommitsYet }: ReportParts): Report {
  const errors = findings.filter((finding) => finding.severity === 'error').length;
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
      errors,
      warnings: findings.length - errors,
      passed: documents.filter((document) => document.errors === 0).length,
      overdue: documents.filter((document) => document.reviewStatus === 'overdue').length,
      dueSoon: documents.filter((document) => document.reviewStatus === 'due-soon').length,
    },
    documents,
    findings: [...findings].sort(compareFindings),
  };
}
