/** The overdue report: the lint pipeline's documents and verdicts, plus the overdue selection. */
import { readFileSync } from 'node:fs';
import { checkCorpus, reportStamp, type LintOptions } from './lint.js';
import { buildReport } from './report/build.js';
import type { OverdueCriteria, Report } from './report/types.js';
import { checkCriteria, overdueSection, parsePreviousReport } from './review/overdue.js';
import { ownerResolver } from './review/owners.js';
import { UsageError } from './errors.js';

export interface OverdueOptions extends LintOptions {
  criteria: OverdueCriteria;
  /** A JSON report written earlier, to list what changed since. */
  compareWith?: string;
}

export async function overdueReport(options: OverdueOptions): Promise<Report> {
  const previous = options.compareWith === undefined ? undefined : parsePreviousReport(readPrevious(options.compareWith), options.compareWith);
  const { parsed, entries, findings, ignored } = await checkCorpus({ ...options, links: false, hash: true });
  const owners = parsed.map(ownerResolver(options.project));
  checkCriteria(parsed, entries, owners, options.criteria, options.project.schema.fields);
  const report = buildReport({ documents: entries, findings, ignored, ...reportStamp(options) });
  return { ...report, overdue: overdueSection(parsed, entries, owners, options.criteria, previous) };
}

function readPrevious(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--compare ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}
