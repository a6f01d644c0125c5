/**
 * RFC 4180 CSV: CRLF line ends, fields quoted when they hold a quote, comma or line break.
 * A text cell starting with =, +, -, @, tab or carriage return is prefixed with ' so that a
 * spreadsheet shows it instead of running it as a formula (OWASP's advice on CSV injection).
 */
import type { Report } from '../types.js';
import { section } from './columns.js';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function formatOverdueCsv(report: Report): string {
  const overdue = section(report);
  const header = ['file', 'title', 'source', 'sourceType', 'language', 'status', 'reviewFrequency', 'lastReviewed', 'nextReviewDue', 'reviewStatus', 'daysOverdue', 'daysUntilDue', 'unknownReason', 'group', 'sha256', 'asOf', 'tool', 'configSha256', 'commit'];
  const provenance = [report.asOf, `${report.tool.name} ${report.tool.version}`, report.configHash, report.commit ?? ''];
  const lines = [header.join(',')];
  for (const row of overdue.rows) {
    lines.push(
      [row.file, row.title, row.source, row.sourceType, row.language, row.status, row.reviewFrequency, row.lastReviewed, row.nextReviewDue, row.reviewStatus, row.daysOverdue, row.daysUntilDue, row.unknownReason, row.group, row.sha256, ...provenance]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
