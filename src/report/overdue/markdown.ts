import { markdownCell } from '../escape.js';
import { historyMarkdown } from './history.js';
import type { Report } from '../types.js';
import { auditFacts, COLUMNS, rowsByGroup, section, totalsText, unjudgedRows } from './columns.js';

export function formatOverdueMarkdown(report: Report): string {
  const overdue = section(report);
  const lines = ['# Overdue review report', '', ...auditFacts(report).map(([label, value]) => `- **${label}:** ${markdownCell(value)}`), '', totalsText(overdue), '', ...(overdue.history ? historyMarkdown(overdue.history) : [])];
  for (const { group, total, rows } of rowsByGroup(overdue)) {
    if (group !== undefined && total !== undefined) {
      lines.push(`## ${markdownCell(overdue.groupedBy)}: ${markdownCell(group)} (${total.overdue} overdue, ${total.dueSoon} due soon, ${total.unknown} unknown)`, '');
    }
    if (rows.length === 0) {
      lines.push('No document is overdue, unknown or due soon.', '');
      continue;
    }
    lines.push(`| ${COLUMNS.map((column) => column.label).join(' | ')} |`, `| ${COLUMNS.map((column) => (column.numeric ? '---:' : '---')).join(' | ')} |`);
    for (const row of rows) lines.push(`| ${COLUMNS.map((column) => markdownCell(column.value(row))).join(' | ')} |`);
    lines.push('');
  }
  const unjudged = unjudgedRows(overdue);
  if (unjudged.length > 0) {
    lines.push('## Cannot be judged', '', ...unjudged.map((row) => `- ${markdownCell(row.file)}: ${markdownCell(row.unknownReason ?? '')}`), '');
  }
  const comparison = overdue.comparison;
  if (comparison) {
    lines.push(`## Changes since ${markdownCell(comparison.previousAsOf)}`, '');
    for (const [label, refs] of [['Became overdue', comparison.becameOverdue], ['Reviewed', comparison.reviewed], ['Added', comparison.added], ['Removed', comparison.removed]] as const) {
      lines.push(`- **${label}** (${refs.length})${refs.map((ref) => `\n  - ${markdownCell(ref.file)}${ref.title ? ` — ${markdownCell(ref.title)}` : ''}`).join('')}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
