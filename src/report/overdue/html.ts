/**
 * One self-contained page for compliance staff: no external asset, no remote script, a CSP that
 * allows only the page's own inline style and script (by hash), SVG charts, a sortable table.
 */
import { createHash } from 'node:crypto';
import { escapeText } from '../escape.js';
import type { OverdueRow, Report } from '../types.js';
import { auditFacts, COLUMNS, section, totalsText, unjudgedRows } from './columns.js';
import { trendChart } from './history.js';

/** For text and attribute values alike; no content goes into the page's inline script or style. */
function escapeHtml(text: string): string {
  return escapeText(text).replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const STYLE = `
:root{--overdue:#b42318;--soon:#b54708;--ok:#027a48;--unknown:#6941c6;--ink:#1d2939;--muted:#667085;--line:#eaecf0}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);margin:0;padding:24px 32px;max-width:1400px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 10px}.muted{color:var(--muted)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:12px 0}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;font-family:ui-monospace,monospace;word-break:break-all}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}.card{border:1px solid var(--line);border-radius:8px;padding:10px 16px;min-width:120px}
.card b{display:block;font-size:26px}.card.overdue b{color:var(--overdue)}.card.due-soon b{color:var(--soon)}.card.current b{color:var(--ok)}.card.unknown b{color:var(--unknown)}
.charts{display:flex;gap:32px;flex-wrap:wrap}.chart{flex:1 1 420px}.chart.trend svg{max-width:1200px;height:auto}svg text{font:12px system-ui,sans-serif;fill:var(--ink)}
#trend circle.overdue,#trend text.overdue{fill:var(--overdue)}#trend circle.unknown,#trend text.unknown{fill:var(--unknown)}#trend polyline.overdue{stroke:var(--overdue);fill:none}#trend polyline.unknown{stroke:var(--unknown);fill:none}
td.hash abbr{text-decoration:none;cursor:help}
table{border-collapse:collapse;width:100%}#groups{width:auto}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th button{all:unset;display:block;width:100%;text-align:inherit;cursor:pointer;font-weight:600}th button:focus-visible{outline:2px solid #1570ef;outline-offset:2px}th button::after{content:" ↕";color:var(--muted)}th[aria-sort=ascending] button::after{content:" ↑"}th[aria-sort=descending] button::after{content:" ↓"}
th.num,td.num{text-align:right;font-variant-numeric:tabular-nums}td.nowrap,td.num,td.status{white-space:nowrap}tr.overdue td.status{color:var(--overdue);font-weight:600}tr.due-soon td.status{color:var(--soon);font-weight:600}tr.unknown td.status{color:var(--unknown);font-weight:600}td.hash{font-family:ui-monospace,monospace;font-size:11px;white-space:nowrap}
code{font-size:12px}.wide{overflow-x:auto}@media print{th button::after{content:""}body{padding:0}.wide{overflow:visible}}
`;

const SCRIPT = `
document.querySelectorAll('table.sortable').forEach(function (table) {
  table.querySelectorAll('th').forEach(function (header, index) {
    header.querySelector('button').addEventListener('click', function () {
      var ascending = header.getAttribute('aria-sort') !== 'ascending';
      table.querySelectorAll('th').forEach(function (other) { other.removeAttribute('aria-sort'); });
      header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[index].hasAttribute('data-sort') ? a.cells[index].getAttribute('data-sort') : a.cells[index].textContent;
        var y = b.cells[index].hasAttribute('data-sort') ? b.cells[index].getAttribute('data-sort') : b.cells[index].textContent;
        // Empty cells (no verdict) stay last whichever way the column is sorted.
        if (x === '' || y === '') return x === y ? 0 : x === '' ? 1 : -1;
        var numeric = header.hasAttribute('data-numeric');
        var order = numeric ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
`;

/** Groups whose value is exactly what a column of the table shows. */
const GROUPS_SHOWN_AS_COLUMNS: ReadonlySet<string> = new Set(['owner', 'source', 'sourceType']);

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const CSP = `default-src 'none'; style-src ${hash(STYLE)}; script-src ${hash(SCRIPT)}; img-src data:`;

/** Days as one sortable number: positive overdue, negative before the due date. */
function daysSortValue(row: OverdueRow): string {
  if (row.daysOverdue !== undefined) return String(row.daysOverdue);
  if (row.daysUntilDue !== undefined) return String(-row.daysUntilDue);
  return '';
}

function barChart(title: string, bars: { label: string; value: number }[], color: string, none = 'No overdue document.'): string {
  if (bars.length === 0) return `<div class="chart"><h2>${escapeHtml(title)}</h2><p class="muted">${escapeHtml(none)}</p></div>`;
  const rowHeight = 24;
  const labelWidth = 200;
  const barWidth = 320;
  // A loop, not Math.max(...): grouping by a free-text field can make more bars than a call has room for arguments.
  let max = 0;
  for (const bar of bars) max = Math.max(max, bar.value);
  const height = bars.length * rowHeight + 8;
  const items = bars
    .map((bar, index) => {
      const y = index * rowHeight + 4;
      const width = Math.max(2, Math.round((bar.value / max) * barWidth));
      return `<g class="bar"><text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escapeHtml(bar.label.length > 30 ? `${bar.label.slice(0, 29)}…` : bar.label)}</text><rect x="${labelWidth}" y="${y + 2}" width="${width}" height="${rowHeight - 8}" fill="${color}" rx="2"><title>${escapeHtml(`${bar.label}: ${bar.value}`)}</title></rect><text x="${labelWidth + width + 6}" y="${y + 15}">${bar.value}</text></g>`;
    })
    .join('');
  return `<div class="chart"><h2>${escapeHtml(title)}</h2><svg role="img" aria-label="${escapeHtml(title)}" width="${labelWidth + barWidth + 60}" height="${height}" viewBox="0 0 ${labelWidth + barWidth + 60} ${height}">${items}</svg></div>`;
}

export function formatOverdueHtml(report: Report): string {
  const overdue = section(report);
  const { totals } = overdue;
  const grouped = overdue.criteria.groupBy !== undefined;
  const cards = [
    ['overdue', 'Overdue', totals.overdue],
    ['due-soon', 'Due soon', totals.dueSoon],
    ['unknown', 'Unknown (cannot be judged)', totals.unknown],
    ['current', 'Current', totals.current],
    ['', 'Judged', totals.judged],
    ['', 'Exempt', totals.exempt],
  ]
    .map(([kind, label, count]) => `<div class="card ${kind}"><b>${count}</b>${label}</div>`)
    .join('');
  // A group whose values are a column's already (the owner, the source, the source type) is not shown
  // twice; a field's raw value can differ from its column's (a frequency defaulted by the config).
  const groupColumn = grouped && !GROUPS_SHOWN_AS_COLUMNS.has(overdue.groupedBy);
  const headers = [...COLUMNS, ...(groupColumn ? [{ key: 'group', label: overdue.groupedBy, numeric: false }] : []), { key: 'sha256', label: 'sha256', numeric: false }]
    .map((column) => `<th scope="col"${column.numeric ? ' class="num" data-numeric' : ''}><button type="button">${escapeHtml(column.label)}</button></th>`)
    .join('');
  const rows = overdue.rows
    .map((row) => {
      const cells = COLUMNS.map((column) => {
        if (column.key === 'days') return `<td class="num" data-sort="${daysSortValue(row)}">${escapeHtml(column.value(row))}</td>`;
        if (column.key === 'file') return `<td><code>${escapeHtml(row.file)}</code></td>`;
        const className = column.key === 'reviewStatus' ? ' class="status"' : column.key === 'lastReviewed' || column.key === 'nextReviewDue' ? ' class="nowrap"' : '';
        return `<td${className}>${escapeHtml(column.value(row))}</td>`;
      });
      if (groupColumn) cells.push(`<td>${escapeHtml(row.group)}</td>`);
      // Its first 12 digits, as git shortens an id; the whole hash in the title, the JSON and the CSV.
      cells.push(`<td class="hash" data-sort="${escapeHtml(row.sha256 ?? '')}">${row.sha256 ? `<abbr title="${escapeHtml(row.sha256)}">${escapeHtml(row.sha256.slice(0, 12))}</abbr>` : ''}</td>`);
      return `<tr class="${escapeHtml(row.reviewStatus)}">${cells.join('')}</tr>`;
    })
    .join('\n');
  const groupRows = overdue.groups.map((total) => `<tr><td>${escapeHtml(total.group)}</td><td class="num">${total.overdue}</td><td class="num">${total.dueSoon}</td><td class="num">${total.unknown}</td><td class="num">${total.listed}</td></tr>`).join('');
  const unjudged = unjudgedRows(overdue);
  const why = unjudged.length > 0 ? `<h2>Cannot be judged (${unjudged.length})</h2><ul id="unknown">${unjudged.map((row) => `<li><code>${escapeHtml(row.file)}</code>: ${escapeHtml(row.unknownReason ?? '')}</li>`).join('')}</ul>` : '';
  const comparison = overdue.comparison;
  const changes = comparison
    ? `<h2>Changes since the report as of ${escapeHtml(comparison.previousAsOf)}</h2><ul>${(
        [
          ['Became overdue', comparison.becameOverdue],
          ['Reviewed', comparison.reviewed],
          ['Added', comparison.added],
          ['Removed', comparison.removed],
        ] as const
      )
        .map(([label, refs]) => `<li><b>${label}</b> (${refs.length})${refs.length > 0 ? `<ul>${refs.map((ref) => `<li><code>${escapeHtml(ref.file)}</code>${ref.title ? ` — ${escapeHtml(ref.title)}` : ''}</li>`).join('')}</ul>` : ''}</li>`)
        .join('')}</ul>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>Overdue review report — as of ${escapeHtml(report.asOf)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Overdue review report</h1>
<p class="muted">${escapeHtml(totalsText(overdue))}</p>
<dl class="facts">${auditFacts(report).map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>
<div class="cards">${cards}</div>
${overdue.history ? trendChart(overdue.history) : ''}${overdue.history && report.commit?.endsWith('-dirty') ? '<p class="muted">The chart\'s last point is the last commit; the counts above and the list below are the working tree, which has changes not committed.</p>' : ''}
<div class="charts">
${barChart(`Overdue by ${overdue.groupedBy}`, overdue.groups.filter((total) => total.overdue > 0).map((total) => ({ label: total.group, value: total.overdue })), '#b42318')}
${barChart(`Cannot be judged by ${overdue.groupedBy}`, overdue.groups.filter((total) => total.unknown > 0).map((total) => ({ label: total.group, value: total.unknown })), '#6941c6', 'No document that cannot be judged.')}
${barChart('Overdue by month due', overdue.overdueByMonth.map((month) => ({ label: month.month, value: month.count })), '#b54708')}
</div>
<h2>Documents (${overdue.rows.length})</h2>
${overdue.rows.length > 0 ? `<div class="wide"><table class="sortable" id="documents"><thead><tr>${headers}</tr></thead><tbody>\n${rows}\n</tbody></table></div>` : '<p>No document is overdue, unknown or due soon.</p>'}
${why}
<h2>By ${escapeHtml(overdue.groupedBy)}</h2>
<table id="groups"><thead><tr><th scope="col">${escapeHtml(overdue.groupedBy)}</th><th scope="col" class="num">Overdue</th><th scope="col" class="num">Due soon</th><th scope="col" class="num">Unknown</th><th scope="col" class="num">Listed</th></tr></thead><tbody>${groupRows}</tbody></table>
${changes}
<script>${SCRIPT}</script>
</body>
</html>
`;
}
