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

export type ReviewStatus = 'current' | 'due-soon' | 'overdue' | 'exempt' | 'unknown';

export interface DocumentEntry {
  file: string;
  title?: string;
  url?: string;
  language?: string;
  source?: string;
  sourceType?: string;
  status?: string;
  errors: number;
  warnings: number;
}

export interface ReportSummary {
  documents: number;
  errors: number;
  warnings: number;
  /** Documents with no error. */
  passed: number;
}

export interface Report {
  schemaVersion: 1;
  tool: { name: string; version: string };
  generatedAt: string;
  /** The day time-dependent rules judged against, YYYY-MM-DD. */
  asOf: string;
  summary: ReportSummary;
  documents: DocumentEntry[];
  findings: Finding[];
}
