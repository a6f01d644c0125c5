/**
 * overdue --history: how compliance changed. For each period end, the content as the last commit
 * on or before that day left it (read from git objects, nothing checked out) is judged as of that
 * day, by the same parse and verdict functions as a run on the working tree. The first period reads
 * every document (ls-tree, cat-file --batch); each later one only what changed since the period
 * before (diff --raw between the two commits), so twelve months cost one full read and twelve small
 * ones. A period whose commit cannot be read counts its pages unknown; the history goes on.
 */
import path from 'node:path';
import type { Project } from './config/load.js';
import { excludedBy } from './corpus/discover.js';
import { withoutKeyPositions, type ParsedDocument } from './corpus/document.js';
import { findRepository, git, gitBytes, MAX_OUTPUT, type Repository } from './corpus/git.js';
import type { FrontmatterLimits } from './corpus/frontmatter.js';
import { parseDocumentBytes, unreadableDocument } from './corpus/read.js';
import { isInside, toProjectPath, tooLarge } from './corpus/root.js';
import { UsageError } from './errors.js';
import { verdictFor } from './check/verdict.js';
import { entryOf } from './report/build.js';
import type { HistoryPoint, OverdueCriteria } from './report/types.js';
import { parseDuration, type Interval } from './review/duration.js';
import { overdueSection } from './review/overdue.js';
import type { OwnerOf } from './review/owners.js';

export type Every = 'month' | 'week';

/** `12m`, `52w`, `1y`, `90d`, or a duration as review frequencies are written (`P1Y`, `6 months`). */
export function parseSince(text: string): Interval {
  const short = /^(\d+)\s*([ymwd])$/i.exec(text.trim());
  const units: Record<string, string> = { y: 'year', m: 'month', w: 'week', d: 'day' };
  const interval = parseDuration(short ? `${short[1]} ${units[short[2]!.toLowerCase()]}` : text);
  if (!interval) throw new UsageError(`--since ${text}: not a span of time (write 12m, 52w, 1y, 90d or P1Y)`);
  return interval;
}

const DAY_MS = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** Period ends, oldest first: the as-of day, and a month (or week) before it, again and again, back to `since` before it. */
function periodEnds(asOf: string, since: Interval, every: Every): string[] {
  const [year, month, day] = asOf.split('-').map(Number) as [number, number, number];
  const start = monthsBefore(year, month, day, since.months) - since.days * DAY_MS;
  const ends: string[] = [];
  for (let step = 0; ; step++) {
    const end = every === 'week' ? Date.UTC(year, month - 1, day) - step * 7 * DAY_MS : monthsBefore(year, month, day, step);
    if (end < start) break;
    ends.push(isoDay(end));
  }
  return ends.reverse();
}

/** The day `months` calendar months before, kept within its month (March 31 → February 28), in UTC. */
function monthsBefore(year: number, month: number, day: number, months: number): number {
  const lastDay = new Date(Date.UTC(year, month - 1 - months + 1, 0)).getUTCDate();
  return Date.UTC(year, month - 1 - months, Math.min(day, lastDay));
}

interface HistoryOptions {
  project: Project;
  asOf: string;
  since: Interval;
  every: Every;
  criteria: OverdueCriteria;
  ownerOf: OwnerOf;
  /** How much of git's object store one read takes in (the tests make these small). */
  reading?: BlobReading;
}

/** Bounds on reading blobs from git: what one `cat-file --batch` prints, and the largest page read at all. */
export interface BlobReading {
  batchBytes: number;
  largestBlob: number;
}

/**
 * The pages of a large corpus do not fit one read (100,000 pages of 8 KB are 800 MB, past git's
 * output limit): a read takes blobs up to 32 MB, and parses them before the next. A page is read
 * up to limits.fileBytes, as from the working tree (and git's output limit).
 */
function blobReading(project: Project): BlobReading {
  return { batchBytes: 32 * 1024 * 1024, largestBlob: Math.min(project.config.limits.fileBytes, MAX_OUTPUT - 1024) };
}

export function complianceHistory(options: HistoryOptions): HistoryPoint[] {
  const { project } = options;
  const repository = findRepository(project.projectRoot);
  if (!repository) throw new UsageError('--history reads the content\'s git history, and the project is not in a git repository');
  if ('refused' in repository) throw new UsageError(`--history: git will not read the repository (${repository.refused})`);
  const scope = documentScope(project, repository);
  const mainline = firstParentCommits(repository);
  /** The documents at the last period's commit, by repository path (each verdict is set again per period). */
  let tracked = new Map<string, ParsedDocument>();
  let previousCommit: string | undefined;
  const reader: Reader = { repository, scope, reading: options.reading ?? blobReading(project) };
  return periodEnds(options.asOf, options.since, options.every).map((periodEnd) => {
    const endSecond = Date.parse(`${periodEnd}T23:59:59Z`) / 1000;
    const commit = mainline.find((candidate) => candidate.time <= endSecond)?.commit;
    if (!commit) {
      tracked = new Map();
      previousCommit = undefined;
      return { periodEnd, commit: null, current: 0, dueSoon: 0, overdue: 0, unknown: 0, exempt: 0, groups: [] };
    }
    try {
      tracked = previousCommit === undefined ? readAll(reader, commit) : readChanges(reader, previousCommit, commit, tracked);
      previousCommit = commit;
    } catch (error) {
      // What the commit holds cannot be told: the pages last known count unknown, and the next period reads in full.
      const pages = tracked.size;
      previousCommit = undefined;
      const reason = String((error as { stderr?: unknown }).stderr ?? '').trim().split('\n')[0] || (error as Error).message;
      return { periodEnd, commit, current: 0, dueSoon: 0, overdue: 0, unknown: pages, exempt: 0, groups: [], problem: `cannot read the commit: ${reason}` };
    }
    return judgeAt(periodEnd, commit, [...tracked.values()], options);
  });
}

function judgeAt(periodEnd: string, commit: string, documents: ParsedDocument[], options: HistoryOptions): HistoryPoint {
  const sorted = documents.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const entries = sorted.map((document) => entryOf(document, verdictFor(document, options.project, periodEnd)));
  const section = overdueSection(sorted, entries, sorted.map(options.ownerOf), options.criteria);
  const { current, dueSoon, overdue, unknown, exempt } = section.totals;
  return { periodEnd, commit, current, dueSoon, overdue, unknown, exempt, groups: section.groups };
}

interface Scope {
  /** The content root's path in the repository ('' for its top), for git's pathspec. */
  prefix: string;
  /** Whether a repository path is a document the content root holds (a .md file discovery would find). */
  holds(repositoryPath: string): boolean;
  /** A document's project path and absolute path. */
  place(repositoryPath: string): { file: string; path: string };
  /** The frontmatter limits a read of the working tree applies. */
  limits: FrontmatterLimits;
}

function documentScope(project: Project, repository: Repository): Scope {
  if (!isInside(repository.top, project.contentRoot)) throw new UsageError('--history: the content root is outside the git repository');
  const prefix = toProjectPath(repository.top, project.contentRoot);
  const excluded = excludedBy(project.config.ignore, toProjectPath(project.projectRoot, project.contentRoot));
  const place = (repositoryPath: string) => {
    const absolute = path.join(repository.top, repositoryPath);
    return { file: toProjectPath(project.projectRoot, absolute), path: absolute };
  };
  return {
    prefix,
    place,
    limits: project.config.limits,
    holds: (repositoryPath) => {
      if (!repositoryPath.endsWith('.md') || (prefix !== '' && !repositoryPath.startsWith(`${prefix}/`))) return false;
      return !excluded(place(repositoryPath).file);
    },
  };
}

/** The first-parent line from HEAD, newest first, with committer times. */
function firstParentCommits(repository: Repository): { commit: string; time: number }[] {
  let output: string;
  try {
    output = git(repository, ['rev-list', '--first-parent', '--timestamp', '--end-of-options', 'HEAD']);
  } catch {
    throw new UsageError('--history: the repository has no commit yet');
  }
  return output
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [time, commit] = line.split(' ') as [string, string];
      return { commit, time: Number(time) };
    });
}

const REGULAR_FILE = /^100(644|755)$/;
const SYMBOLIC_LINK = '120000';

function pathspec(scope: Scope): string[] {
  return scope.prefix === '' ? [] : ['--', scope.prefix];
}

/** Where pages are read from: the repository, the part of it that holds documents, and how much at a time. */
interface Reader {
  repository: Repository;
  scope: Scope;
  reading: BlobReading;
}

interface WantedBlob {
  repositoryPath: string;
  mode: string;
  blob: string;
}

function readAll(reader: Reader, commit: string): Map<string, ParsedDocument> {
  const { repository, scope } = reader;
  const listing = git(repository, ['ls-tree', '-r', '-z', '--full-tree', '--end-of-options', commit, ...pathspec(scope)]);
  const wanted: WantedBlob[] = [];
  for (const record of listing.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab === -1) continue;
    const [mode, type, blob] = record.slice(0, tab).split(' ') as [string, string, string];
    const repositoryPath = record.slice(tab + 1);
    if (type === 'blob' && scope.holds(repositoryPath)) wanted.push({ repositoryPath, mode, blob });
  }
  return load(reader, wanted, new Map());
}

function readChanges(reader: Reader, from: string, to: string, tracked: Map<string, ParsedDocument>): Map<string, ParsedDocument> {
  if (from === to) return tracked;
  const { repository, scope } = reader;
  const raw = git(repository, ['diff', '--raw', '-z', '--no-abbrev', '--no-renames', '--no-ext-diff', '--no-textconv', '--end-of-options', from, to, ...pathspec(scope)]);
  const fields = raw.split('\0');
  const next = new Map(tracked);
  const wanted: WantedBlob[] = [];
  // -z --raw: ":oldmode newmode oldblob newblob status" then the path, each ended by NUL.
  for (let index = 0; index + 1 < fields.length; index += 2) {
    const [, newMode, , newBlob] = fields[index]!.slice(1).split(' ') as [string, string, string, string];
    const repositoryPath = fields[index + 1]!;
    if (!scope.holds(repositoryPath)) continue;
    next.delete(repositoryPath);
    if (/^0+$/.test(newBlob)) continue;
    wanted.push({ repositoryPath, mode: newMode, blob: newBlob });
  }
  return load(reader, wanted, next);
}

/**
 * Parses the wanted blobs into `into`, a batch at a time (each let go of once parsed); a link or
 * other non-file, a blob git no longer has, and one too large to read are pages that cannot be judged.
 */
function load(reader: Reader, wanted: WantedBlob[], into: Map<string, ParsedDocument>): Map<string, ParsedDocument> {
  const { repository, scope, reading } = reader;
  const unjudged = (repositoryPath: string, message: string) => into.set(repositoryPath, unreadableDocument(scope.place(repositoryPath), { message }));
  // The paths of each regular file's blob (identical pages share one).
  const pathsOf = new Map<string, string[]>();
  for (const entry of wanted) {
    if (!REGULAR_FILE.test(entry.mode)) unjudged(entry.repositoryPath, entry.mode === SYMBOLIC_LINK ? 'not read: it is a symbolic link' : 'not read: not a regular file');
    else {
      const paths = pathsOf.get(entry.blob);
      if (paths) paths.push(entry.repositoryPath);
      else pathsOf.set(entry.blob, [entry.repositoryPath]);
    }
  }
  const { batches, overLimit, missing } = blobBatches(repository, [...pathsOf.keys()], reading);
  for (const blob of overLimit) for (const repositoryPath of pathsOf.get(blob)!) unjudged(repositoryPath, tooLarge(reading.largestBlob).message);
  for (const blob of missing) for (const repositoryPath of pathsOf.get(blob)!) unjudged(repositoryPath, NOT_IN_GIT);
  for (const batch of batches) {
    const blobs = readBlobs(repository, batch);
    for (const blob of batch) {
      const bytes = blobs.get(blob);
      const paths = pathsOf.get(blob)!;
      if (!bytes) {
        for (const repositoryPath of paths) unjudged(repositoryPath, NOT_IN_GIT);
        continue;
      }
      // Held through every period; no finding is made of it, so no key positions. Pages of the same content share one parse.
      const parsed = withoutKeyPositions(parseDocumentBytes(scope.place(paths[0]!), bytes, { links: false, limits: scope.limits }));
      for (const repositoryPath of paths) into.set(repositoryPath, { ...parsed, ...scope.place(repositoryPath) });
    }
  }
  return into;
}

const NOT_IN_GIT = 'cannot read the file from git';

/**
 * The blobs in batches of at most `batchBytes` together (a larger one alone), by the sizes
 * `cat-file --batch-check` gives; blobs over `largestBlob`, and those git does not have, apart.
 */
function blobBatches(repository: Repository, ids: string[], reading: BlobReading): { batches: string[][]; overLimit: string[]; missing: string[] } {
  const batches: string[][] = [];
  const overLimit: string[] = [];
  const missing: string[] = [];
  if (ids.length === 0) return { batches, overLimit, missing };
  let batch: string[] = [];
  let batchSize = 0;
  for (const line of gitBytes(repository, ['cat-file', '--batch-check'], `${ids.join('\n')}\n`).toString('utf8').split('\n')) {
    // "<id> blob <size>", or "<id> missing".
    const [id, type, size] = line.split(' ') as [string, string | undefined, string | undefined];
    if (id === '') continue;
    const length = Number(size);
    if (type !== 'blob' || !Number.isSafeInteger(length)) missing.push(id);
    else if (length > reading.largestBlob) overLimit.push(id);
    else {
      if (batch.length > 0 && batchSize + length > reading.batchBytes) {
        batches.push(batch);
        batch = [];
        batchSize = 0;
      }
      batch.push(id);
      batchSize += length;
    }
  }
  if (batch.length > 0) batches.push(batch);
  return { batches, overLimit, missing };
}

/** Blob contents by id, from one `git cat-file --batch`. */
function readBlobs(repository: Repository, ids: string[]): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  const output = gitBytes(repository, ['cat-file', '--batch'], `${ids.join('\n')}\n`);
  let offset = 0;
  while (offset < output.length) {
    const lineEnd = output.indexOf(0x0a, offset);
    if (lineEnd === -1) break;
    const [id, type, size] = output.toString('utf8', offset, lineEnd).split(' ') as [string, string, string | undefined];
    offset = lineEnd + 1;
    if (type === 'missing' || size === undefined) continue;
    const length = Number(size);
    if (type === 'blob') blobs.set(id, output.subarray(offset, offset + length));
    offset += length + 1;
  }
  return blobs;
}
