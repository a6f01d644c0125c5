/** --quiet is a display choice: the report shown leaves warnings out; reports written to files keep them. */
import type { Report } from './types.js';

export function withoutWarnings(report: Report): Report {
  return {
    ...report,
    summary: { ...report.summary, warnings: 0 },
    documents: report.documents.map((document) => (document.warnings === 0 ? document : { ...document, warnings: 0 })),
    findings: report.findings.filter((finding) => finding.severity === 'error'),
  };
}
