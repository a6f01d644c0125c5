/**
 * The overdue report's facts: which documents to list, in what order, their groups, the chart's
 * counts and what changed since a previous report. Formatters only lay these out.
 */
import path from 'node:path';
import { z } from 'zod';
import { metadataOf, type ParsedDocument } from '../corpus/document.js';
import { describeJsonError } from '../corpus/json.js';
import { UsageError } from '../errors.js';
import { closestField } from '../schema/document.js';
import type { FieldSpec } from '../schema/fields.js';
import { population } from '../report/population.js';
import { UNOWNED } from './owners.js';
import type { Comparison, DocumentEntry, DocumentRef, GroupTotal, OverdueCriteria, OverdueRow, OverdueSection } from '../report/types.js';

const FIELD_GROUPS: Record<string, (entry: DocumentEntry) => string | undefined> = {
  source: (entry) => entry.source,
  sourceType: (entry) => entry.sourceType,
  language: (entry) => entry.language,
  folder: (entry) => path.posix.dirname(entry.file),
};
const NO_VALUE = '(none)';
/** The filters, by option: their values match whatever the case (--source nci finds NCI). */
const FILTERS = { source: ['--source', 'source'], sourceType: ['--source-type', 'source type'], language: ['--language', 'language'] } as const;
/** The group (and filter) that is each page's resolved owner, not a field's value. */
const OWNER = 'owner';
const sameValue = (value: string | undefined, wanted: string): boolean => value !== undefined && value.toLowerCase() === wanted.toLowerCase();
/**
 * Listing order: most overdue first, then the pages that cannot be judged (any of them may be
 * overdue, and --fail-on overdue fails on both), then soonest due.
 */
const STATUS_ORDER = { overdue: 0, unknown: 1, 'due-soon': 2, current: 3, exempt: 4 } as const;
/** Listed without --all: what needs a reviewer's attention. */
const NEEDS_ATTENTION: ReadonlySet<OverdueRow['reviewStatus']> = new Set(['overdue', 'unknown', 'due-soon']);

/** Whether a page's owners (one string, space-separated) include `wanted`, whatever the case. */
const ownedBy = (owner: string, wanted: string): boolean => sameValue(owner, wanted) || owner.split(' ').some((name) => sameValue(name, wanted));

/** `owners`: each document's owner (see review/owners.ts), in the same order as the documents. */
export function overdueSection(documents: readonly ParsedDocument[], entries: readonly DocumentEntry[], owners: readonly string[], criteria: OverdueCriteria, previous?: PreviousReport): OverdueSection {
  const groupedBy = criteria.groupBy ?? 'source';
  const groupOf = (document: ParsedDocument, entry: DocumentEntry, owner: string): string => {
    if (groupedBy === OWNER) return owner;
    const byField = FIELD_GROUPS[groupedBy];
    const value = byField ? byField(entry) : metadataOf(document)?.[groupedBy];
    return value === undefined || value === null || value === '' ? NO_VALUE : String(value);
  };
  const inScope: OverdueRow[] = [];
  entries.forEach((entry, index) => {
    // A page whose metadata cannot be read may be of any source or language: no field filter leaves it out (it is unknown, which --fail-on overdue fails on).
    const filterable = metadataOf(documents[index]!) !== undefined;
    if (filterable && criteria.source !== undefined && !sameValue(entry.source, criteria.source)) return;
    if (filterable && criteria.sourceType !== undefined && !sameValue(entry.sourceType, criteria.sourceType)) return;
    if (filterable && criteria.language !== undefined && !sameValue(entry.language, criteria.language)) return;
    const owner = owners[index]!;
    if (criteria.owner !== undefined && !ownedBy(owner, criteria.owner)) return;
    inScope.push({ ...withWindow(entry, criteria.withinDays), group: groupOf(documents[index]!, entry, owner), owner });
  });
  const judged = inScope.filter((row) => row.reviewStatus !== 'exempt');
  const rows = judged.filter((row) => criteria.all || NEEDS_ATTENTION.has(row.reviewStatus)).sort(compareRows);
  return {
    criteria,
    totals: { judged: judged.length, listed: rows.length, unowned: judged.filter((row) => row.owner === UNOWNED).length, ...population(inScope) },
    rows,
    groupedBy,
    groups: groupTotals(rows),
    overdueByMonth: overdueByMonth(rows),
    ...(previous ? { comparison: compare(inScope, previous) } : {}),
  };
}

/**
 * A --group-by field that neither the schema nor any document has, or a filter value that no
 * document has and the schema does not list, is a typo: a usage error naming the nearest known
 * name, rather than a report of one "(none)" group or of nothing.
 */
export function checkCriteria(documents: readonly ParsedDocument[], entries: readonly DocumentEntry[], owners: readonly string[], criteria: OverdueCriteria, fields: Readonly<Record<string, FieldSpec>>): void {
  if (criteria.groupBy !== undefined) {
    const known = new Set([...Object.keys(FIELD_GROUPS), OWNER, ...Object.keys(fields)]);
    for (const document of documents) for (const field of Object.keys(metadataOf(document) ?? {})) known.add(field);
    if (!known.has(criteria.groupBy)) throw new UsageError(unknownName(`--group-by ${criteria.groupBy}: no such field`, criteria.groupBy, [...known], 'fields'));
  }
  for (const [field, [option, label]] of Object.entries(FILTERS) as [keyof typeof FILTERS, readonly [string, string]][]) {
    const wanted = criteria[field];
    if (wanted === undefined) continue;
    const values = new Set([...(fields[field]?.values ?? []), ...entries.flatMap((entry) => entry[field] ?? [])]);
    if ([...values].some((value) => sameValue(value, wanted))) continue;
    throw new UsageError(unknownName(`${option} ${wanted}: no document has this ${label}`, wanted, [...values], 'known values'));
  }
  // "(unowned)" is never a typo: no page unowned is the answer a compliance job hopes for, not a usage error.
  if (criteria.owner !== undefined && !sameValue(UNOWNED, criteria.owner) && !owners.some((owner) => ownedBy(owner, criteria.owner!))) {
    const names = new Set(owners.flatMap((owner) => (owner === UNOWNED ? [owner] : owner.split(' '))));
    throw new UsageError(unknownName(`--owner ${criteria.owner}: no document has this owner`, criteria.owner, [...names], 'owners'));
  }
}

function unknownName(problem: string, name: string, known: string[], what: string): string {
  const suggestion = closestField(name, known);
  if (suggestion) return `${problem}; did you mean "${suggestion}"?`;
  const sorted = known.sort();
  return `${problem} (${what}: ${sorted.length > 20 ? `${sorted.slice(0, 20).join(', ')}, …` : sorted.join(', ') || 'none'})`;
}

/** --within widens or narrows "due soon" for this report only. */
function withWindow(entry: DocumentEntry, withinDays: number): DocumentEntry {
  if (entry.daysUntilDue === undefined || (entry.reviewStatus !== 'current' && entry.reviewStatus !== 'due-soon')) return entry;
  return { ...entry, reviewStatus: entry.daysUntilDue <= withinDays ? 'due-soon' : 'current' };
}

function compareRows(a: OverdueRow, b: OverdueRow): number {
  const byStatus = STATUS_ORDER[a.reviewStatus] - STATUS_ORDER[b.reviewStatus];
  if (byStatus !== 0) return byStatus;
  const dueA = a.nextReviewDue ?? '';
  const dueB = b.nextReviewDue ?? '';
  if (dueA !== dueB) return dueA < dueB ? -1 : 1;
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

function groupTotals(rows: readonly OverdueRow[]): GroupTotal[] {
  const totals = new Map<string, GroupTotal>();
  for (const row of rows) {
    const total = totals.get(row.group) ?? { group: row.group, listed: 0, overdue: 0, dueSoon: 0, unknown: 0 };
    total.listed++;
    if (row.reviewStatus === 'overdue') total.overdue++;
    if (row.reviewStatus === 'due-soon') total.dueSoon++;
    if (row.reviewStatus === 'unknown') total.unknown++;
    totals.set(row.group, total);
  }
  return [...totals.values()].sort((a, b) => b.overdue - a.overdue || b.listed - a.listed || (a.group < b.group ? -1 : 1));
}

function overdueByMonth(rows: readonly OverdueRow[]): { month: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (row.reviewStatus === 'overdue' && row.nextReviewDue) counts.set(row.nextReviewDue.slice(0, 7), (counts.get(row.nextReviewDue.slice(0, 7)) ?? 0) + 1);
  }
  return [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, count]) => ({ month, count }));
}

const previousReportSchema = z.object({
  schemaVersion: z.literal(1),
  asOf: z.string(),
  generatedAt: z.string().optional(),
  documents: z.array(z.object({ file: z.string(), title: z.string().optional(), reviewStatus: z.string().optional(), lastReviewed: z.string().optional() })),
});
export type PreviousReport = z.infer<typeof previousReportSchema>;

/** A JSON report written earlier by lint or overdue; anything else is a usage error. */
export function parsePreviousReport(text: string, label: string): PreviousReport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--compare ${label}: not valid JSON (${describeJsonError(text, error)})`);
  }
  const parsed = previousReportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`--compare ${label}: not a contentgov JSON report (${issue.path.join('.') || 'top level'}: ${issue.message})`);
  }
  return parsed.data;
}

function compare(current: readonly OverdueRow[], previous: PreviousReport): Comparison {
  const before = new Map(previous.documents.map((document) => [document.file, document]));
  const now = new Set(current.map((row) => row.file));
  const ref = (document: { file: string; title?: string | undefined }): DocumentRef => (document.title ? { file: document.file, title: document.title } : { file: document.file });
  const becameOverdue: DocumentRef[] = [];
  const reviewed: DocumentRef[] = [];
  const added: DocumentRef[] = [];
  for (const row of current) {
    const earlier = before.get(row.file);
    if (!earlier) {
      added.push(ref(row));
      continue;
    }
    if (row.reviewStatus === 'overdue' && earlier.reviewStatus !== 'overdue') becameOverdue.push(ref(row));
    if (row.lastReviewed && (!earlier.lastReviewed || row.lastReviewed > earlier.lastReviewed)) reviewed.push(ref(row));
  }
  const removed = previous.documents.filter((document) => !now.has(document.file)).map(ref);
  const byFile = (a: DocumentRef, b: DocumentRef) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  return {
    previousAsOf: previous.asOf,
    ...(previous.generatedAt ? { previousGeneratedAt: previous.generatedAt } : {}),
    becameOverdue: becameOverdue.sort(byFile),
    reviewed: reviewed.sort(byFile),
    added: added.sort(byFile),
    removed: removed.sort(byFile),
  };
}
