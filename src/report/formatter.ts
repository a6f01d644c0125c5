/**
 * A formatter turns the one Report into text; adding a format never touches a rule. JSON, SARIF
 * and JUnit make theirs in chunks (see json.ts), which the writers write one after another.
 */
import type { FormatOptions, Report } from './types.js';
import { jsonChunks } from './json.js';
import type { ReportText } from './write.js';
import { formatStylish } from './stylish.js';
import { formatGithub } from './github.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatOverdueCsv } from './overdue/csv.js';
import { formatOverdueHtml } from './overdue/html.js';
import { formatOverdueMarkdown } from './overdue/markdown.js';
import { formatOverdueTable } from './overdue/table.js';
import { formatHistoryCsv, formatHistoryTable, historyOf } from './overdue/history.js';

type Formatter = (report: Report, options: FormatOptions) => ReportText;

const formatJson: Formatter = (report) => jsonChunks(report);

export const FORMATTERS = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  junit: formatJunit,
  github: formatGithub,
  markdown: formatMarkdown,
} satisfies Record<string, Formatter>;

export type FormatName = keyof typeof FORMATTERS;
export const FORMAT_NAMES = Object.keys(FORMATTERS) as FormatName[];

/** The overdue command's formats: the same Report, with its overdue section laid out. */
export const OVERDUE_FORMATTERS = {
  // With --history, the table and the CSV are the history's; JSON, Markdown and HTML add it to the report.
  table: (report, options) => (historyOf(report) ? formatHistoryTable(report, options) : formatOverdueTable(report, options)),
  csv: (report) => (historyOf(report) ? formatHistoryCsv(report) : formatOverdueCsv(report)),
  json: formatJson,
  markdown: formatOverdueMarkdown,
  html: formatOverdueHtml,
} satisfies Record<string, Formatter>;

export type OverdueFormatName = keyof typeof OVERDUE_FORMATTERS;
export const OVERDUE_FORMAT_NAMES = Object.keys(OVERDUE_FORMATTERS) as OverdueFormatName[];
