/**
 * --quiet is a display choice: the report shown leaves the warnings' findings out; reports written
 * to files keep them. Its counts stay true, so a machine reading it (and --max-warnings) sees the
 * warnings the run found.
 */
import type { Report } from './types.js';

export function withoutWarnings(report: Report): Report {
  return { ...report, findings: report.findings.filter((finding) => finding.severity === 'error') };
}
