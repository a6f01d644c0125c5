/** The overdue report: the lint pipeline's documents and verdicts, plus the overdue selection. */
import { readFileSync } from 'node:fs';
import { checkCorpus, reportStamp, type LintOptions } from './lint.js';
import { buildReport } from './report/build.js';
import type { OverdueCriteria, Report } from './report/types.js';
import { checkCriteria, overdueSection, parsePreviousReport } from './review/overdue.js';
import { ownerResolver } from './review/owners.js';
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
  const previous = options.compareWith === undefined ? undefined : parsePreviousReport(readPrevious(options.compareWith), options.compareWith);
  const stamp = reportStamp(options);
  const { parsed, entries, findings, ignored } = await checkCorpus({ ...options, links: false, hash: true, keepDocuments: true });
  const ownerOf = ownerResolver(options.project);
  const owners = parsed.map(ownerOf);
  checkCriteria(parsed, entries, owners, options.criteria, options.project.schema.fields);
  const report = buildReport({ documents: entries, findings, ignored, ...(await stamp) });
  const overdue = overdueSection(parsed, entries, owners, options.criteria, previous);
  if (options.history) overdue.history = complianceHistory({ project: options.project, asOf: options.asOf, criteria: options.criteria, ownerOf, ...options.history });
  return { ...report, overdue };
}

function readPrevious(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--compare ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}
