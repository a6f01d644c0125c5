/** overdue --history laid out: a table, CSV, a Markdown table and the HTML report's trend chart. */
import Table from 'cli-table3';
import { escapeText, markdownCell } from '../escape.js';
import type { FormatOptions, HistoryPoint, Report } from '../types.js';
import { auditFacts, section } from './columns.js';
import { csvCell } from './csv.js';

/** A period's count, or nothing before the first commit: no page existed then, which is not 0 overdue. */
const COUNTS = ['current', 'dueSoon', 'overdue', 'unknown', 'exempt'] as const;
const countOf = (point: HistoryPoint, key: (typeof COUNTS)[number]): number | '' => (point.commit === null ? '' : point[key]);

const COLUMNS: readonly { label: string; value(point: HistoryPoint): string | number }[] = [
  { label: 'Period end', value: (point) => point.periodEnd },
  { label: 'Commit', value: (point) => (point.commit === null ? '(none yet)' : point.commit.slice(0, 12)) },
  { label: 'Current', value: (point) => countOf(point, 'current') },
  { label: 'Due soon', value: (point) => countOf(point, 'dueSoon') },
  { label: 'Overdue', value: (point) => countOf(point, 'overdue') },
  { label: 'Unknown', value: (point) => countOf(point, 'unknown') },
  { label: 'Exempt', value: (point) => countOf(point, 'exempt') },
];

export function historyOf(report: Report): HistoryPoint[] | undefined {
  return section(report).history;
}

/** Periods whose commit could not be read, each with why: their pages counted unknown. */
function problems(history: readonly HistoryPoint[]): string[] {
  return history.filter((point) => point.problem !== undefined).map((point) => `${point.periodEnd}: ${escapeText(point.problem!)}`);
}

export function formatHistoryTable(report: Report, options: FormatOptions): string {
  const history = historyOf(report)!;
  const table = new Table({ head: COLUMNS.map((column) => column.label), style: { head: options.color ? ['bold'] : [], border: options.color ? ['grey'] : [], compact: true } });
  for (const point of history) table.push(COLUMNS.map((column) => String(column.value(point))));
  const facts = auditFacts(report).map(([label, value]) => `${label}: ${escapeText(value)}`);
  const notes = problems(history);
  const lists = `The pages themselves, as of ${report.asOf}: the same command without --history, or --format html, markdown or json, which have both.`;
  return ['Compliance history (each period end: its last commit, judged as of that day)', ...facts, '', table.toString(), ...(notes.length > 0 ? ['', 'Not readable (pages counted unknown):', ...notes.map((note) => `  ${note}`)] : []), '', lists, ''].join('\n');
}

export function formatHistoryCsv(report: Report): string {
  const header = ['periodEnd', 'commit', 'current', 'dueSoon', 'overdue', 'unknown', 'exempt', 'problem'];
  const rows = historyOf(report)!.map((point) => [point.periodEnd, point.commit ?? '', ...COUNTS.map((key) => countOf(point, key)), point.problem].map(csvCell).join(','));
  return `${[header.join(','), ...rows].join('\r\n')}\r\n`;
}

export function historyMarkdown(history: readonly HistoryPoint[]): string[] {
  return [
    '## History',
    '',
    `| ${COLUMNS.map((column) => column.label).join(' | ')} |`,
    `| ${COLUMNS.map((_column, index) => (index < 2 ? '---' : '---:')).join(' | ')} |`,
    ...history.map((point) => `| ${COLUMNS.map((column) => markdownCell(String(column.value(point)))).join(' | ')} |`),
    ...problems(history).map((note) => `\n- Not readable (pages counted unknown): ${markdownCell(note)}`),
    '',
  ];
}

/** A period end's place on the trend chart's x axis is kept for every period; this wide a date label fits between its neighbours. */
const DATE_LABEL_WIDTH = 76;

/**
 * The trend chart: overdue and unknown pages at each period end, as two lines over the periods
 * (oldest left), with the counts on the points. A period before the first commit has no point:
 * no page existed to be judged, which is not 0 overdue. The SVG scales to the page's width;
 * dates are labelled as many as fit (the last always), each point titled with its own. Only
 * numbers and dates reach the SVG.
 */
export function trendChart(history: readonly HistoryPoint[]): string {
  if (history.every((point) => point.commit === null)) {
    return `<div class="chart trend"><h2>Overdue and unknown over time</h2><p class="muted">No commit on or before any of these period ends: nothing to draw.</p></div>`;
  }
  const width = 960;
  const height = 260;
  const left = 48;
  const right = 48;
  const top = 16;
  const bottom = 56;
  let max = 1;
  for (const point of history) max = Math.max(max, point.overdue, point.unknown);
  const x = (index: number) => left + (history.length === 1 ? 0 : (index * (width - left - right)) / (history.length - 1));
  const y = (value: number) => top + (height - top - bottom) * (1 - value / max);
  const plotted = history.map((point, index) => ({ point, index })).filter(({ point }) => point.commit !== null);
  const line = (key: 'overdue' | 'unknown') =>
    (plotted.length > 1 ? `<polyline class="${key}" fill="none" stroke-width="2" points="${plotted.map(({ point, index }) => `${x(index).toFixed(1)},${y(point[key]).toFixed(1)}`).join(' ')}"/>` : '') +
    plotted.map(({ point, index }) => `<circle class="${key}" cx="${x(index).toFixed(1)}" cy="${y(point[key]).toFixed(1)}" r="3"><title>${point.periodEnd}: ${point[key]} ${key}</title></circle>`).join('');
  // Every step-th label from the last back, so neighbours never overlap and the newest is named.
  const step = Math.max(1, Math.ceil((DATE_LABEL_WIDTH * (history.length - 1)) / (width - left - right)));
  const labels = history
    .map((point, index) => ((history.length - 1 - index) % step === 0 ? `<text x="${x(index).toFixed(1)}" y="${height - bottom + 18}" text-anchor="middle">${point.periodEnd}</text>` : ''))
    .join('');
  const axis = `<line x1="${left}" y1="${y(0)}" x2="${width - right}" y2="${y(0)}" stroke="#eaecf0"/><text x="${left - 6}" y="${y(max) + 4}" text-anchor="end">${max}</text><text x="${left - 6}" y="${y(0) + 4}" text-anchor="end">0</text>`;
  // Each line's colour beside its name (a swatch of the line itself: not every font has a bullet).
  const key = (name: 'overdue' | 'unknown', at: number, text: string) =>
    `<polyline class="${name}" stroke-width="3" points="${at},${height - 14} ${at + 18},${height - 14}"/><text class="${name}" x="${at + 24}" y="${height - 10}">${text}</text>`;
  const legend = key('overdue', left, 'overdue') + key('unknown', left + 110, 'unknown (cannot be judged)');
  return `<div class="chart trend"><h2>Overdue and unknown over time</h2><svg id="trend" role="img" aria-label="Overdue and unknown pages at each period end" width="100%" viewBox="0 0 ${width} ${height}">${axis}${line('overdue')}${line('unknown')}${labels}${legend}</svg></div>`;
}
