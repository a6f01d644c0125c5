/**
 * GitHub Actions workflow commands, escaped as the runner expects, so findings annotate the diff.
 * Content is escaped as text first (escapeText): no line break, control character or "##[" of its
 * own reaches the log, so a message cannot start a workflow command of its own.
 */
import { escapeText } from './escape.js';
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
      const properties = [`file=${escapeProperty(escapeText(finding.file))}`, `line=${finding.line}`, `col=${finding.column}`, `title=${escapeProperty(`contentgov ${finding.ruleId}`)}`].join(',');
      return `::${finding.severity} ${properties}::${escapeData(escapeText(finding.message))}\n`;
    })
    .join('');
}
