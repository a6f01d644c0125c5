/**
 * One reminder per owner, as the body of a GitHub issue: a title that stays the same week after
 * week (a workflow finds the issue by it), a checklist of the owner's overdue, unknown and due-soon
 * pages, and an index of them all. A page with several owners is on each owner's list. Text from
 * content is escaped for Markdown, its @names made inert; the owner's own name is written as code
 * in the body, so that a body edited each week pings nobody: the workflow mentions an owner in a
 * comment, only when their list changed (listSha256).
 */
import { createHash } from 'node:crypto';
import { markdownCell, markdownCode } from '../escape.js';
import { population } from '../population.js';
import type { OverdueRow, Report } from '../types.js';
import { section } from './columns.js';
import { dayCount } from '../../review/dates.js';

interface OwnerIssue {
  owner: string;
  title: string;
  /** The Markdown file's name in the output folder. */
  file: string;
  count: number;
  /** sha256 of the list's facts (pages, statuses, due dates), not of the days counted: it changes when the list does. */
  listSha256: string;
}

/** The statuses a reminder lists: --all adds current pages to the report, not to the reminders. */
const REMINDED: ReadonlySet<OverdueRow['reviewStatus']> = new Set(['overdue', 'unknown', 'due-soon']);

function issueTitle(owner: string): string {
  return `Content review: ${owner}`;
}

/** `linkBase` is put before each page's path (relative to the project root) in its link, e.g. the repository's blob URL. */
export function ownerIssues(report: Report, linkBase = ''): { index: OwnerIssue[]; files: Map<string, string> } {
  const overdue = section(report);
  // By owner whatever the case, as GitHub reads a handle (and --owner a name): @Ana and @ana get one
  // reminder, under the spelling first in code-point order.
  const byOwner = new Map<string, { owner: string; rows: OverdueRow[] }>();
  for (const row of overdue.rows) {
    if (!REMINDED.has(row.reviewStatus)) continue;
    const keys = new Set<string>();
    for (const owner of row.owner.split(' ')) {
      const key = owner.toLowerCase();
      if (keys.has(key)) continue;
      keys.add(key);
      const known = byOwner.get(key);
      if (!known) byOwner.set(key, { owner, rows: [row] });
      else {
        known.rows.push(row);
        if (owner < known.owner) known.owner = owner;
      }
    }
  }
  const byName = new Map([...byOwner.values()].map(({ owner, rows }) => [owner, rows]));
  const owners = [...byName.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const slugs = ownerSlugs(owners);
  const index: OwnerIssue[] = [];
  const files = new Map<string, string>();
  for (const owner of owners) {
    const rows = byName.get(owner)!;
    const file = `${slugs.get(owner)!}.md`;
    const facts = rows.map((row) => `${row.file}\t${row.reviewStatus}\t${row.nextReviewDue ?? ''}\t${row.unknownReason ?? ''}`).join('\n');
    index.push({ owner, title: issueTitle(owner), file, count: rows.length, listSha256: createHash('sha256').update(facts).digest('hex') });
    files.set(file, issueBody(owner, rows, report.asOf, linkBase));
  }
  return { index, files };
}

function issueBody(owner: string, rows: readonly OverdueRow[], asOf: string, linkBase: string): string {
  const counts = population(rows);
  const lines = [
    `# ${markdownCell(issueTitle(owner))}`,
    '',
    `Pages for ${markdownCode(owner)} to review, as of ${asOf}: ${counts.overdue} overdue, ${counts.unknown} unknown (cannot be judged), ${counts.dueSoon} due soon.`,
    'Review each page against its source, then record it (`contentgov review FILE`); it leaves this list at the next run.',
    '',
    ...rows.map((row) => `- [ ] [${markdownCode(row.file)}](${linkTarget(linkBase, row.file)})${row.title ? ` — ${markdownCell(row.title)}` : ''} — ${markdownCell(state(row))}`),
    '',
  ];
  return lines.join('\n');
}

function state(row: OverdueRow): string {
  if (row.reviewStatus === 'overdue') return `overdue: due ${row.nextReviewDue ?? '?'}, ${dayCount(row.daysOverdue ?? 0)} overdue`;
  if (row.reviewStatus === 'unknown') return `cannot be judged: ${row.unknownReason ?? 'no review date or frequency'}`;
  return `due ${row.nextReviewDue ?? '?'}${row.daysUntilDue === 0 ? ' (today)' : row.daysUntilDue !== undefined ? ` (${dayCount(row.daysUntilDue)} left)` : ''}`;
}

/** A link destination that Markdown reads as one: each path segment percent-encoded, in angle brackets' stead. */
function linkTarget(linkBase: string, file: string): string {
  return `${linkBase.replace(/[\s()<>]/g, encodeURIComponent)}${file.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * File names for owners: lower case letters, digits and hyphens (`@org/docs-team` →
 * `org-docs-team`). Owners that would share a name (case, punctuation, or an owner named as
 * another's hashed name) each get a hash of the owner after it, longer until no name is shared:
 * no list overwrites another, and the names depend only on the owners, the same on every run.
 */
function ownerSlugs(owners: readonly string[]): Map<string, string> {
  const base = (owner: string) => owner.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'owner';
  const hash = (owner: string) => createHash('sha256').update(owner).digest('hex');
  const names = new Map(owners.map((owner) => [owner, base(owner)]));
  for (let length = 8; ; length += 8) {
    const claims = new Map<string, number>();
    for (const name of names.values()) claims.set(name, (claims.get(name) ?? 0) + 1);
    const sharing = owners.filter((owner) => claims.get(names.get(owner)!)! > 1);
    if (sharing.length === 0) return names;
    // Past the whole hash, a name is the base and the whole hash: two owners can share it only if they are one.
    for (const owner of sharing) names.set(owner, `${base(owner)}-${hash(owner).slice(0, Math.min(length, 64))}`);
    if (length > 64) throw new Error(`owners ${sharing.join(', ')} share a reminder file name`);
  }
}
