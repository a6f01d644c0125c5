/** The overdue report's columns and audit facts, defined once for every overdue format. */
import { filesText, populationText } from '../population.js';
import { dayCount } from '../../review/dates.js';
import { NO_CONFIG_SHA256, type GroupTotal, type OverdueRow, type OverdueSection, type Report } from '../types.js';

export interface Column {
  key: string;
  label: string;
  value(row: OverdueRow): string;
  numeric?: boolean;
}

function daysText(row: OverdueRow): string {
  if (row.daysOverdue !== undefined) return `${row.daysOverdue} overdue`;
  if (row.daysUntilDue !== undefined) return row.daysUntilDue === 0 ? 'due today' : `${row.daysUntilDue} left`;
  return '';
}

export const COLUMNS: readonly Column[] = [
  { key: 'file', label: 'File', value: (row) => row.file },
  { key: 'title', label: 'Title', value: (row) => row.title ?? '' },
  { key: 'source', label: 'Source', value: (row) => row.source ?? '' },
  { key: 'sourceType', label: 'Source type', value: (row) => row.sourceType ?? '' },
  { key: 'owner', label: 'Owner', value: (row) => row.owner },
  { key: 'reviewFrequency', label: 'Frequency', value: (row) => row.reviewFrequency ?? '' },
  { key: 'lastReviewed', label: 'Last reviewed', value: (row) => row.lastReviewed ?? '' },
  { key: 'nextReviewDue', label: 'Due', value: (row) => row.nextReviewDue ?? '' },
  { key: 'days', label: 'Days', value: daysText, numeric: true },
  { key: 'reviewStatus', label: 'Status', value: (row) => row.reviewStatus },
];

export function section(report: Report): OverdueSection {
  if (!report.overdue) throw new Error('the overdue formats need a report made by the overdue command');
  return report.overdue;
}

/** The facts an auditor asks for, as label/value pairs. */
export function auditFacts(report: Report): [string, string][] {
  const overdue = section(report);
  const filters = [
    overdue.criteria.source && `source ${overdue.criteria.source}`,
    overdue.criteria.sourceType && `source type ${overdue.criteria.sourceType}`,
    overdue.criteria.language && `language ${overdue.criteria.language}`,
    overdue.criteria.owner && `owner ${overdue.criteria.owner}`,
  ].filter(Boolean);
  return [
    ['As of', report.asOf],
    ['Generated', report.generatedAt],
    ['Tool', `${report.tool.name} ${report.tool.version}`],
    ['Config sha256', report.configHash === NO_CONFIG_SHA256 ? `${report.configHash} (no config file: the built-in defaults)` : report.configHash],
    ['Content commit', report.commit ?? (report.noCommitsYet ? '(no commits yet)' : '(not in a git repository)')],
    ['Files', filesText(report.summary)],
    ['Listed', overdue.criteria.all ? 'every judged document' : `overdue, unknown (cannot be judged), or due within ${dayCount(overdue.criteria.withinDays)}`],
    ...(filters.length > 0 ? [['Filters', filters.join(', ')] as [string, string]] : []),
  ];
}

/** The population, and how many judged pages nobody owns (compliance wants to see them). */
export function totalsText(overdue: OverdueSection): string {
  return `${populationText(overdue.totals)}; unowned ${overdue.totals.unowned}`;
}

/** The listed rows whose review cannot be judged, each with why. */
export function unjudgedRows(overdue: OverdueSection): OverdueRow[] {
  return overdue.rows.filter((row) => row.reviewStatus === 'unknown');
}

/** Rows in group order, each group with its totals, when grouping was asked for, else as sorted. One pass over the rows. */
export function rowsByGroup(overdue: OverdueSection): { group: string | undefined; total: GroupTotal | undefined; rows: OverdueRow[] }[] {
  if (!overdue.criteria.groupBy) return [{ group: undefined, total: undefined, rows: overdue.rows }];
  const rowsOf = new Map<string, OverdueRow[]>(overdue.groups.map((total) => [total.group, []]));
  for (const row of overdue.rows) rowsOf.get(row.group)?.push(row);
  return overdue.groups.map((total) => ({ group: total.group, total, rows: rowsOf.get(total.group)! }));
}
