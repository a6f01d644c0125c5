/**
 * RFC 4180 CSV: CRLF line ends, fields quoted when they hold a quote, a comma or a semicolon. Text is escaped
 * first (escapeText: a line break in a title is written \n, so every record is one line and no
 * control character reaches a terminal). A text cell whose first character other than blanks and
 * quotes is =, +, - or @ (or their full-width forms, which some spreadsheets fold to them), or that
 * starts with a tab or carriage return, is prefixed with ' so that a spreadsheet shows it instead of
 * running it as a formula (OWASP's advice on CSV injection). So is such a character after a
 * semicolon: a spreadsheet where the comma is the decimal mark splits every line at semicolons,
 * quoted or not, and would start a cell, and a formula, in the middle of a title.
 */
import { escapeText } from '../escape.js';
import type { Report } from '../types.js';
import { section } from './columns.js';

const FORMULA_START = /^[\s"']*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r]/;
const FORMULA_AFTER_SEMICOLON = /;([\s"']*)([=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/g;

export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = escapeText(value).replace(FORMULA_AFTER_SEMICOLON, ";$1'$2");
  const safe = FORMULA_START.test(value) ? `'${text}` : text;
  return /[",;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function formatOverdueCsv(report: Report): string {
  const overdue = section(report);
  const header = ['file', 'title', 'source', 'sourceType', 'language', 'status', 'reviewFrequency', 'lastReviewed', 'nextReviewDue', 'reviewStatus', 'daysOverdue', 'daysUntilDue', 'unknownReason', 'group', 'owner', 'sha256', 'asOf', 'tool', 'configSha256', 'commit'];
  const provenance = [report.asOf, `${report.tool.name} ${report.tool.version}`, report.configHash, report.commit ?? ''];
  const lines = [header.join(',')];
  for (const row of overdue.rows) {
    lines.push(
      [row.file, row.title, row.source, row.sourceType, row.language, row.status, row.reviewFrequency, row.lastReviewed, row.nextReviewDue, row.reviewStatus, row.daysOverdue, row.daysUntilDue, row.unknownReason, row.group, row.owner, row.sha256, ...provenance]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
