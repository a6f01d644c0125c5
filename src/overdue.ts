/** The overdue report: the lint pipeline's documents and verdicts, plus the overdue selection. */
import { realpathSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { checkCorpus, reportStamp, type LintOptions } from './lint.js';
import { buildReport } from './report/build.js';
import type { OverdueCriteria, Report } from './report/types.js';
import { checkCriteria, overdueSection, parsePreviousReport, type PreviousReport } from './review/overdue.js';
import { ownerResolver, type OwnerOf } from './review/owners.js';
import type { Interval } from './review/duration.js';
import { complianceHistory, type Every } from './history.js';
import { UsageError } from './errors.js';
import { readRegularFile } from './corpus/root.js';
import { LONGEST_TEXT } from './schema/config.js';

interface OverdueOptions extends LintOptions {
  criteria: OverdueCriteria;
  /** A JSON report written earlier, to list what changed since. */
  compareWith?: string;
  /** The counts at each period end over this span (overdue --history). */
  history?: { since: Interval; every: Every };
}

export async function overdueReport(options: OverdueOptions): Promise<Report> {
  const ownerOf = ownerResolver(options.project, options.warn);
  const report = await currentReport(options, ownerOf);
  // Today's parsed documents are let go of by now: the history holds its own pages, and both at once did not fit 600 MB at 100,000 pages.
  if (options.history) report.overdue!.history = complianceHistory({ project: options.project, asOf: options.asOf, criteria: options.criteria, ownerOf, ...options.history });
  return report;
}

/**
 * Parsing a report this large leaves some twice its size of garbage in the old generation, which V8
 * keeps until a full collection it sees no reason to make during the run.
 */
const LARGE_PREVIOUS_REPORT = 16 * 1024 * 1024;

/** The report as of the as-of day, from the working tree. */
async function currentReport(options: OverdueOptions, ownerOf: OwnerOf): Promise<Report> {
  const previous = options.compareWith === undefined ? undefined : readPreviousReport(options.compareWith);
  const stamp = reportStamp(options);
  const { parsed, entries, findings, ignored } = await checkCorpus({ ...options, links: false, hash: true, keepDocuments: true });
  const owners = parsed.map(ownerOf);
  checkCriteria(parsed, entries, owners, options.criteria, options.project.schema.fields);
  const report = buildReport({ documents: entries, findings, ignored, ...(await stamp) });
  return { ...report, overdue: overdueSection(parsed, entries, owners, options.criteria, previous) };
}

function readPreviousReport(file: string): PreviousReport {
  const text = readPrevious(file);
  // The heap may grow a fifth past what the last full collection kept, so the parse's garbage goes
  // early in the run (100,000 pages, a 100 MB report: 420 MB peak, not 766). Read at each collection.
  if (text.length > LARGE_PREVIOUS_REPORT) setFlagsFromString('--heap-growing-percent=20');
  return parsePreviousReport(text, file);
}

/** The earlier report, as a regular file only (a FIFO would block, /dev/zero fill the memory), and no longer than a string can be. */
function readPrevious(file: string): string {
  let real: string;
  try {
    real = realpathSync(file);
  } catch (error) {
    throw new UsageError(`--compare ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const read = readRegularFile(real, LONGEST_TEXT);
  if ('problem' in read) throw new UsageError(`--compare ${file}: ${read.problem.message}`);
  return read.bytes.toString('utf8');
}
