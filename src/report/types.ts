/** The one shape every check produces and every formatter consumes. */

export type Severity = 'error' | 'warning';
export type SeveritySetting = Severity | 'off';

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** Posix path relative to the project root. */
  file: string;
  /** 1-based, counted in the whole file (frontmatter included). */
  line: number;
  column: number;
  message: string;
  /** The metadata field a metadata finding is about. */
  field?: string;
}

type ReviewStatus = 'current' | 'due-soon' | 'overdue' | 'exempt' | 'unknown';

/** A document's review facts for the as-of day (computed in src/review/verdict.ts). */
export interface ReviewFacts {
  lastReviewed?: string;
  reviewFrequency?: string;
  /** YYYY-MM-DD */
  nextReviewDue?: string;
  reviewStatus: ReviewStatus;
  /** Whole days from nextReviewDue to the as-of day, when overdue. */
  daysOverdue?: number;
  /** Whole days from the as-of day to nextReviewDue, when not overdue. */
  daysUntilDue?: number;
  /** When unknown: why the review cannot be judged. */
  unknownReason?: string;
}

export interface DocumentEntry extends ReviewFacts {
  file: string;
  title?: string;
  url?: string;
  language?: string;
  source?: string;
  sourceType?: string;
  status?: string;
  errors: number;
  warnings: number;
  /** Why the file's bytes were not read (or could not be decoded): a discovery skip reason, or "unreadable". */
  notRead?: string;
  /** sha256 of the document's bytes as judged (overdue reports), so a report can be checked against the repository later. */
  sha256?: string;
  /** With --changed: judged only for the links the change broke (its review and other rules are not judged; see Population.linksOnly). */
  linksOnly?: true;
}

/** Every document in one review state: current + dueSoon + overdue + unknown + exempt = documents. */
export interface Population {
  current: number;
  dueSoon: number;
  overdue: number;
  /** In scope but not judgeable (no valid date or frequency, unreadable frontmatter, a future date). */
  unknown: number;
  exempt: number;
  /** Exempt documents by their status value. */
  exemptByStatus: Record<string, number>;
  /** With --changed: documents judged only for the links the change broke, in no review state (present when there are any). */
  linksOnly?: number;
}

export interface ReportSummary extends Population {
  documents: number;
  /** Documents whose bytes were read and decoded. */
  read: number;
  /** Files not read, by reason: "ignored" (config ignore globs; a folder counts once, and these are not documents), a discovery skip reason, or "unreadable". */
  skipped: Record<string, number>;
  errors: number;
  warnings: number;
  /** Documents with no error. */
  passed: number;
}

export interface OverdueCriteria {
  /** List every judged document, not only overdue and due-soon ones. */
  all: boolean;
  /** Due within this many days counts as due soon. */
  withinDays: number;
  source?: string;
  sourceType?: string;
  language?: string;
  /** Only pages this owner (one of a page's owners, whatever the case) must review. */
  owner?: string;
  /** The field (or source, sourceType, language, folder) rows are grouped by, when asked. */
  groupBy?: string;
}

/** A listed page with its group and its owner (review.ownerField, CODEOWNERS, review.defaultOwner, else "(unowned)"; several joined by a space). */
export type OverdueRow = DocumentEntry & { group: string; owner: string };

export interface GroupTotal {
  group: string;
  listed: number;
  overdue: number;
  dueSoon: number;
  unknown: number;
}

export interface DocumentRef {
  file: string;
  title?: string;
}

export interface Comparison {
  previousAsOf: string;
  previousGeneratedAt?: string;
  becameOverdue: DocumentRef[];
  reviewed: DocumentRef[];
  added: DocumentRef[];
  removed: DocumentRef[];
}

/** What the overdue command adds to the report: the selection, its totals, groups and changes. */
export interface OverdueSection {
  criteria: OverdueCriteria;
  /** unowned: judged pages no source names an owner for. */
  totals: Population & { judged: number; listed: number; unowned: number };
  rows: OverdueRow[];
  /** The field the groups (and the chart) are keyed by: criteria.groupBy, else source. */
  groupedBy: string;
  groups: GroupTotal[];
  /** Overdue documents by the month (YYYY-MM) they fell due. */
  overdueByMonth: { month: string; count: number }[];
  comparison?: Comparison;
  /** With --history: the counts at each period end, oldest first. */
  history?: HistoryPoint[];
}

/** The content at a period's end (the last commit on or before it), judged as of that day. */
export interface HistoryPoint {
  /** YYYY-MM-DD */
  periodEnd: string;
  /** null: no commit yet on that day. */
  commit: string | null;
  current: number;
  dueSoon: number;
  overdue: number;
  unknown: number;
  exempt: number;
  /** By the report's group (criteria.groupBy, else source), as the overdue report counts them. */
  groups: GroupTotal[];
  /** Why the commit's content could not be read (its pages then count unknown). */
  problem?: string;
}

/** sha256 of no bytes: the configHash of a run with no config file, on the built-in defaults. */
export const NO_CONFIG_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export interface Report {
  schemaVersion: 1;
  tool: { name: string; version: string };
  generatedAt: string;
  /** The day time-dependent rules judged against, YYYY-MM-DD. */
  asOf: string;
  /** sha256 of the config file's bytes, as sha256sum prints it (NO_CONFIG_SHA256 when there is none). */
  configHash: string;
  /** The git commit of the content, when it is in a repository (with "-dirty" for uncommitted changes). */
  commit?: string;
  /** In a repository whose HEAD has no commit yet (so there is no commit to name). */
  noCommitsYet?: true;
  summary: ReportSummary;
  documents: DocumentEntry[];
  findings: Finding[];
  /** Link occurrences, when links were checked. */
  links?: LinkSummary;
  /** With --changed: what was compared, and the files the change touched. */
  changes?: { baseRef: string; base: string; changed: string[]; deleted: string[]; settings?: string[] };
  /** With --fix: what was rewritten. */
  fixes?: FixRecord[];
  /** Every finding a suppression silenced, and by which. */
  suppressions?: SuppressionRecord[];
  /** With --shard: which part of the corpus this report judged. */
  shard?: { index: number; count: number };
  overdue?: OverdueSection;
}

export interface FixRecord {
  file: string;
  line: number;
  field: string;
  description: string;
}

export interface SuppressionRecord {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  message: string;
  kind: 'comment' | 'file-comment' | 'config';
  reason: string;
  until?: string;
}

export interface LinkSummary {
  total: number;
  /** Checked locally or over the network. */
  checked: number;
  /** With a finding. */
  broken: number;
  /** External links without --external, excluded URLs, schemes not checked. */
  skipped: number;
  /** External results taken from an earlier run's cache. */
  cached: number;
}

/** How a formatter writes a report for its reader: a terminal's colour and width, and what the summary line must mention. */
export interface FormatOptions {
  color: boolean;
  /** Columns a table must fit (the overdue table); none: as wide as its content. */
  width?: number;
  /** Warnings left out of this report by --quiet, for the summary line to mention. */
  hiddenWarnings?: number;
  /** --max-warnings: with more warnings, the run fails, and the summary line says why. */
  maxWarnings?: number;
}
