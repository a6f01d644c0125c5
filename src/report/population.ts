/** The whole population of a report in one line, so that an auditor can see the counts add up. */
import type { DocumentEntry, Population, ReportSummary } from './types.js';

export function population(entries: readonly Pick<DocumentEntry, 'reviewStatus' | 'status' | 'linksOnly'>[]): Population {
  const counts: Population = { current: 0, dueSoon: 0, overdue: 0, unknown: 0, exempt: 0, exemptByStatus: {} };
  const byStatus = new Map<string, number>();
  let linksOnly = 0;
  for (const entry of entries) {
    // A page --changed judged for its broken links only: its review was not judged, so it is in no review state.
    // Nor is it counted by its exempt status: the breakdown adds up to exempt.
    if (entry.linksOnly) linksOnly++;
    else if (entry.reviewStatus === 'due-soon') counts.dueSoon++;
    else counts[entry.reviewStatus]++;
    if (entry.reviewStatus === 'exempt' && !entry.linksOnly) byStatus.set(entry.status ?? '', (byStatus.get(entry.status ?? '') ?? 0) + 1);
  }
  // Most frequent first; ties in code-point order, the same on every machine.
  const sorted = [...byStatus.entries()].sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0));
  counts.exemptByStatus = Object.fromEntries(sorted);
  if (linksOnly > 0) counts.linksOnly = linksOnly;
  return counts;
}

/** `judged 9 = 5 current + 1 due soon + 2 overdue + 1 unknown; exempt 3 (by status: draft 2, archived 1)`, and with --changed `; links only 2` */
export function populationText(counts: Population): string {
  const judged = counts.current + counts.dueSoon + counts.overdue + counts.unknown;
  const byStatus = Object.entries(counts.exemptByStatus).map(([status, count]) => `${status} ${count}`);
  return `judged ${judged} = ${counts.current} current + ${counts.dueSoon} due soon + ${counts.overdue} overdue + ${counts.unknown} unknown; exempt ${counts.exempt}${byStatus.length > 0 ? ` (by status: ${byStatus.join(', ')})` : ''}${counts.linksOnly ? `; links only ${counts.linksOnly}` : ''}`;
}

/** `read 10 documents, skipped 3 (ignored: 2, unreadable: 1)` */
export function filesText(summary: Pick<ReportSummary, 'read' | 'skipped'>): string {
  const reasons = Object.entries(summary.skipped);
  const skipped = reasons.reduce((sum, [, count]) => sum + count, 0);
  return `read ${summary.read} document${summary.read === 1 ? '' : 's'}, skipped ${skipped}${reasons.length > 0 ? ` (${reasons.map(([reason, count]) => `${reason}: ${count}`).join(', ')})` : ''}`;
}
