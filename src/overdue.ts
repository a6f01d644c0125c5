/** The overdue report: the lint pipeline's documents and verdicts, plus the overdue selection. */
import { readFileSync } from 'node:fs';
import { checkCorpus, reportStamp, type LintOptions } from './lint.js';
import { buildReport } from './report/build.js';
import type { OverdueCriteria, Report } from './report/types.js';
import { checkCriteria, overdueSection, parsePreviousReport } from './review/overdue.js';
import { ownerResolver, type OwnerOf } from './review/owners.js';
import type { Interval } from './review/duration.js';
import { complianceHistory, type Every } from './history.js';
import { UsageError } from './errors.js';

interface OverdueOptions extends LintOptions {
  criteria: OverdueCriteria;
  /** A JSON report written earlier, to list what changed since. */
  compareWith?: string;
  /** The counts at each period end over this span (overdue --history). */
  history?: { since: Interval; every: Every };
}

export async function overdueReport(options: OverdueOptions): Promise<Report> {
  const ownerOf = ownerResolver(options.project);
  const report = await currentReport(options, ownerOf);
  // Today's parsed documents are let go of by now: the history holds its own pages, and both at once did not fit 600 MB at 100,000 pages.
  if (options.history) report.overdue!.history = complianceHistory({ project: options.project, asOf: options.asOf, criteria: options.criteria, ownerOf, ...options.history });
  return report;
}

/** The report as of the as-of day, from the working tree. */
async function currentReport(options: OverdueOptions, ownerOf: OwnerOf): Promise<Report> {
  const previous = options.compareWith === undefined ? undefined : parsePreviousReport(readPrevious(options.compareWith), options.compareWith);
  const stamp = reportStamp(options);
  const { parsed, entries, findings, ignored } = await checkCorpus({ ...options, links: false, hash: true, keepDocuments: true });
  const owners = parsed.map(ownerOf);
  checkCriteria(parsed, entries, owners, options.criteria, options.project.schema.fields);
  const report = buildReport({ documents: entries, findings, ignored, ...(await stamp) });
  return { ...report, overdue: overdueSection(parsed, entries, owners, options.criteria, previous) };
}

function readPrevious(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--compare ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}
