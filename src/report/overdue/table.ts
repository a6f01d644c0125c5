import Table from 'cli-table3';
import { escapeText } from '../escape.js';
import type { FormatOptions } from '../formatter.js';
import type { Report } from '../types.js';
import { auditFacts, COLUMNS, rowsByGroup, section, totalsText } from './columns.js';

const TITLE_WIDTH = 48;

export function formatOverdueTable(report: Report, options: FormatOptions): string {
  const overdue = section(report);
  const table = new Table({
    head: COLUMNS.map((column) => column.label),
    style: { head: options.color ? ['bold'] : [], border: options.color ? ['grey'] : [] },
    // No rule between rows: a long report stays readable.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const { group, rows } of rowsByGroup(overdue)) {
    if (group !== undefined) {
      const total = overdue.groups.find((candidate) => candidate.group === group)!;
      table.push([{ colSpan: COLUMNS.length, content: `${escapeText(overdue.groupedBy)}: ${escapeText(group)} — ${total.overdue} overdue, ${total.dueSoon} due soon` }]);
    }
    for (const row of rows) {
      table.push(COLUMNS.map((column) => (column.key === 'title' ? truncate(escapeText(column.value(row)), TITLE_WIDTH) : escapeText(column.value(row)))));
    }
  }
  const facts = auditFacts(report).map(([label, value]) => `${label}: ${escapeText(value)}`);
  const body = overdue.rows.length > 0 ? table.toString() : 'No document is overdue or due soon.';
  return [`Overdue review report`, ...facts, '', body, '', totalsText(overdue), ...comparisonLines(report), ''].join('\n');
}

function truncate(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

function comparisonLines(report: Report): string[] {
  const comparison = section(report).comparison;
  if (!comparison) return [];
  const list = (label: string, refs: { file: string }[]) => `${label}: ${refs.length}${refs.length > 0 ? ` (${refs.map((ref) => escapeText(ref.file)).join(', ')})` : ''}`;
  return [
    '',
    `Since the report as of ${escapeText(comparison.previousAsOf)}:`,
    `  ${list('became overdue', comparison.becameOverdue)}`,
    `  ${list('reviewed', comparison.reviewed)}`,
    `  ${list('added', comparison.added)}`,
    `  ${list('removed', comparison.removed)}`,
  ];
}
