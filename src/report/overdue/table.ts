import { stripVTControlCharacters } from 'node:util';
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { escapeText } from '../escape.js';
import type { FormatOptions, OverdueSection, Report } from '../types.js';
import { auditFacts, COLUMNS, rowsByGroup, section, totalsText, unjudgedRows, type Column } from './columns.js';

const TITLE_WIDTH = 48;
/** Cell widths (padding included) the title and file columns narrow to, in turn, to fit a terminal. */
const NARROW_TITLE_CELL = 12;
const MIN_FILE_CELL = 20;
/** "Title" itself. */
const MIN_TITLE_CELL = 7;
/** When narrowing is not enough, the columns left out, in turn, until the table fits (the file, dates, days and status stay). */
const DROPPED_TO_FIT = ['sourceType', 'source', 'reviewFrequency', 'title', 'owner', 'lastReviewed'];

export function formatOverdueTable(report: Report, options: FormatOptions): string {
  const overdue = section(report);
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const facts = auditFacts(report).map(([label, value]) => `${label}: ${escapeText(value)}`);
  const { text, dropped } = overdue.rows.length > 0 ? fittedTable(overdue, chalk, options) : { text: 'No document is overdue, unknown or due soon.', dropped: [] };
  const left = dropped.length > 0 ? [chalk.dim(`Not shown, to fit ${options.width} columns: ${dropped.map((column) => column.label).join(', ')}.`), chalk.dim('Every column: --format csv.')] : [];
  const unjudged = unjudgedRows(overdue);
  const why = unjudged.length > 0 ? ['', chalk.magenta('Cannot be judged:'), ...unjudged.map((row) => `  ${escapeText(row.file)}: ${escapeText(row.unknownReason ?? '')}`)] : [];
  return [`Overdue review report`, ...facts, '', text, ...left, ...why, '', totalsText(overdue), ...comparisonLines(report), ''].join('\n');
}

/** The table with every column, or, when even narrowed it is wider than `width`, without the fewest of DROPPED_TO_FIT that let it fit. */
function fittedTable(overdue: OverdueSection, chalk: InstanceType<typeof Chalk>, options: FormatOptions): { text: string; dropped: Column[] } {
  let columns = [...COLUMNS];
  const dropped: Column[] = [];
  for (;;) {
    const { table, headings } = layout(overdue, columns, chalk, options);
    const { text, fits } = render(table, headings, columns, options.width);
    const next = DROPPED_TO_FIT.find((key) => columns.some((column) => column.key === key));
    if (fits || next === undefined) return { text, dropped };
    dropped.push(columns.find((column) => column.key === next)!);
    columns = columns.filter((column) => column.key !== next);
  }
}

/** A group heading spans the whole row: of the row's width, its borders and padding take this much. */
const SPANNING_BORDERS = 4;

function layout(overdue: OverdueSection, columns: readonly Column[], chalk: InstanceType<typeof Chalk>, { color, width }: FormatOptions): { table: Table.Table; headings: Set<number> } {
  const statusColor = { overdue: chalk.red, unknown: chalk.magenta, 'due-soon': chalk.yellow, current: chalk.green, exempt: chalk.dim };
  const table = new Table({
    head: columns.map((column) => column.label),
    // compact: no rule between rows, so a long report stays readable; group headings get theirs below.
    style: { head: color ? ['bold'] : [], border: color ? ['grey'] : [], compact: true },
  });
  /** Table rows (after the header) that are group headings. */
  const headings = new Set<number>();
  for (const { group, total, rows } of rowsByGroup(overdue)) {
    if (group !== undefined && total !== undefined) {
      headings.add(table.length + 1);
      const name = `${escapeText(overdue.groupedBy)}: ${escapeText(group)}`;
      const counts = ` — ${total.overdue} overdue, ${total.dueSoon} due soon, ${total.unknown} unknown`;
      // The name is cut to the width first (its counts kept): a heading wider than the width widened
      // every column it spans, so columns were left out and the rows still did not fit.
      const room = width === undefined ? Infinity : width - SPANNING_BORDERS - counts.length;
      table.push([{ colSpan: columns.length, content: `${name.length <= room ? name : truncate(name, Math.max(1, room))}${counts}` }]);
    }
    for (const row of rows) {
      table.push(columns.map((column) => (column.key === 'title' ? truncate(escapeText(column.value(row)), TITLE_WIDTH) : column.key === 'reviewStatus' ? statusColor[row.reviewStatus](row.reviewStatus) : escapeText(column.value(row)))));
    }
  }
  return { table, headings };
}

/**
 * Lays the table out; when it is wider than `width`, narrows the title column (titles end in …),
 * then the file column (paths keep their end: …/treatment/cryosurgery.md), so that a row does not
 * wrap; whether it then fits. Each group heading is ruled off from the rows around it.
 */
function render(table: Table.Table, headings: ReadonlySet<number>, columns: readonly Column[], width: number | undefined): { text: string; fits: boolean } {
  let lines = table.toString().split('\n');
  let excess = width === undefined ? 0 : stripVTControlCharacters(lines[0]!).length - width;
  if (excess > 0) {
    // The first layout left every column's width in colWidths: narrow and lay out again.
    const widths = table.options.colWidths as number[];
    const titleColumn = columns.findIndex((column) => column.key === 'title');
    const fileColumn = columns.findIndex((column) => column.key === 'file');
    const narrow = (column: number, minimum: number) => {
      if (column === -1) return;
      const cut = Math.min(excess, Math.max(0, widths[column]! - minimum));
      widths[column]! -= cut;
      excess -= cut;
    };
    narrow(titleColumn, NARROW_TITLE_CELL);
    narrow(fileColumn, MIN_FILE_CELL);
    narrow(titleColumn, MIN_TITLE_CELL);
    const fileWidth = widths[fileColumn]! - 2;
    for (const row of table) {
      if (Array.isArray(row) && row.length === columns.length && typeof row[fileColumn] === 'string' && row[fileColumn].length > fileWidth) row[fileColumn] = `…${row[fileColumn].slice(1 - fileWidth)}`;
    }
    table.options.rowHeights = [];
    lines = table.toString().split('\n');
  }
  const fits = excess <= 0;
  if (headings.size === 0) return { text: lines.join('\n'), fits };
  // compact draws a rule only under the header: add one above and below each heading, from the top border.
  const top = lines[0]!;
  const above = top.replace('┌', '├').replace(/┬/g, '┴').replace('┐', '┤');
  const below = top.replace('┌', '├').replace('┐', '┤');
  const heights = table.options.rowHeights as number[];
  const out = lines.slice(0, 1 + heights[0]!);
  let next = out.length;
  heights.forEach((height, row) => {
    if (row === 0) return;
    // The header's rule is drawn by the layout, above the first row.
    const ruleAbove = row === 1 ? [lines[next++]!] : headings.has(row) ? [above] : [];
    out.push(...ruleAbove, ...lines.slice(next, next + height));
    next += height;
    if (headings.has(row) && row < heights.length - 1) out.push(below);
  });
  out.push(...lines.slice(next));
  return { text: out.join('\n'), fits };
}

/** One line (a title's line breaks would make a row of two), at most `width` characters. */
function truncate(text: string, width: number): string {
  const line = oneLine(text);
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

// Each run of white space holding a line break becomes one space: what /\s*[\r\n]+\s*/g did,
// without its scan from every space to the end of the run (a title of 80,000 spaces was quadratic).
export function oneLine(text: string): string {
  return text.replace(/\s+/g, (run) => (/[\r\n]/.test(run) ? ' ' : run));
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
