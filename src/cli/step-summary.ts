/** In GitHub Actions, the job summary gets the Markdown report unasked. */
import { appendFileSync } from 'node:fs';
import { FORMATTERS } from '../report/formatter.js';
import type { Report } from '../report/types.js';
import type { Io } from './common.js';

/**
 * A summary the runner cannot take is a warning, not an error: nobody asked for it, and the lint verdict (exit code,
 * stdout, the reports asked for with -o) stands. Failing a pull request's check over a runner's path would hide it.
 */
export function appendStepSummary(io: Io, report: Report): void {
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (io.env.GITHUB_ACTIONS !== 'true' || !summaryFile) return;
  try {
    appendFileSync(summaryFile, FORMATTERS.markdown(report));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    io.stderr.write(`contentgov: warning: job summary not written: cannot append to $GITHUB_STEP_SUMMARY (${summaryFile}): ${reason}\n`);
  }
}
