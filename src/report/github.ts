/** GitHub Actions workflow commands, escaped as the runner expects, so findings annotate the diff. */
import type { Report } from './types.js';

/** Message data: %, CR and LF. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values: also : and , (they separate properties). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(report: Report): string {
  return report.findings
    .map((finding) => {
      const properties = [`file=${escapeProperty(finding.file)}`, `line=${finding.line}`, `col=${finding.column}`, `title=${escapeProperty(`contentgov ${finding.ruleId}`)}`].join(',');
      return `::${finding.severity} ${properties}::${escapeData(finding.message)}\n`;
    })
    .join('');
}
