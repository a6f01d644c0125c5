/** The lint pipeline: discover → parse → check → report. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { append, unusedConfigSuppressions } from './check/judge.js';
import { checkInShards } from './check/shards.js';
import type { Project } from './config/load.js';
import type { ChangeSet } from './corpus/changes.js';
import { discoverFiles, toProjectPath, type DiscoveredFile } from './corpus/discover.js';
import type { ParsedDocument } from './corpus/document.js';
import { contentCommit } from './corpus/git.js';
import { readInside } from './corpus/root.js';
import { LinkCache } from './links/external/cache.js';
import type { ExternalResult } from './links/external/checker.js';
import { buildReport } from './report/build.js';
import type { DocumentEntry, Finding, FixRecord, LinkSummary, Report, SeveritySetting, SuppressionRecord } from './report/types.js';
import { writeContentFile } from './report/write.js';
import { parseDuration } from './review/duration.js';
import { parseTimeSpan } from './schema/time-span.js';
import { TOOL } from './version.js';
import { UsageError } from './errors.js';

interface CorpusOptions {
  project: Project;
  cwd: string;
  /** Files or folders; empty means the content root. */
  paths: string[];
  asOf: string;
}

export interface LintOptions extends CorpusOptions {
  generatedAt: string;
  /** --rule overrides, over the config. */
  ruleOverrides?: Record<string, SeveritySetting>;
  /** Check links (lint does; the overdue report does not need to). */
  links?: boolean;
  /** Request external URLs (--external or links.external). */
  external?: boolean;
  allowPrivateHosts?: boolean;
  /** --external-budget: wall time for all external checks, as parseTimeSpan reads it (default: links.budget). */
  externalBudget?: string;
  /** Use the results cache of earlier runs (default: links.cache.enabled). */
  linkCache?: boolean;
  /** Told the number of unique external URLs, then of each result. */
  progress?: { start(total: number): void; tick(failed: boolean): void; finish(): void };
  /** Non-fatal problems worth a line on stderr (a corrupt cache). */
  warn?: (message: string) => void;
  /** Record each document's sha256 (the overdue report's evidence). */
  hash?: boolean;
  /** Apply the safe fixes first (lint --fix). */
  fix?: boolean;
  /** Judge only the documents of shard `index` (1-based) of `count`; links are still checked against the whole corpus. */
  shard?: { index: number; count: number };
  /** Judge only what a change touched (see CorpusShard's select). */
  changes?: ChangeSet;
  /** Threads to check with (the main thread and N - 1 workers); default: one per core when the corpus repays them. */
  jobs?: number;
  /** Hold the corpus compact (see src/check/shards.ts), or not; default: by its size. */
  compact?: boolean;
  /** Told, in a line, how the run was shared among threads. */
  onSharing?: (line: string) => void;
}

export function discoverCorpus({ project, cwd, paths, onIgnored }: CorpusOptions & { onIgnored?: (file: string) => void }): DiscoveredFile[] {
  if (paths.length === 0 && !existsSync(project.contentRoot)) {
    const root = toProjectPath(project.projectRoot, project.contentRoot) || '.';
    throw new UsageError(`the content root ${root}/ does not exist: set "root" in contentgov.config.json, name files to check, or run contentgov init`);
  }
  return discoverFiles({
    projectRoot: project.projectRoot,
    contentRoot: project.contentRoot,
    paths: paths.length > 0 ? paths : [project.contentRoot],
    cwd,
    ignore: project.config.ignore,
    ...(onIgnored ? { onIgnored } : {}),
  });
}

/**
 * What every report records for an auditor: when, as of which day, under which config, of which
 * commit. Started before the check, so git answers while the files are read.
 */
export async function reportStamp({ project, asOf, generatedAt }: Pick<LintOptions, 'project' | 'asOf' | 'generatedAt'>) {
  return { generatedAt, asOf, configHash: project.configHash, ...(await contentCommit(project.projectRoot, project.contentRoot)) };
}

interface CheckedCorpus {
  links?: LinkSummary;
  suppressions: SuppressionRecord[];
  /** The judged documents, parsed: only when asked for (keepDocuments). */
  parsed: ParsedDocument[];
  /** One per judged document, in corpus order. */
  entries: DocumentEntry[];
  findings: Finding[];
  /** Files and folders the config's ignore globs skipped. */
  ignored: number;
}

export async function checkCorpus(options: LintOptions & { keepDocuments?: boolean }): Promise<CheckedCorpus> {
  const { project } = options;
  let ignored = 0;
  const checksLinks = options.links !== false;
  const external = checksLinks && (options.external ?? project.config.links.external);
  const result = await checkInShards(
    {
      project,
      cwd: options.cwd,
      ...(options.jobs !== undefined ? { jobs: options.jobs } : {}),
      ...(options.keepDocuments ? { keepDocuments: true } : {}),
      ...(options.compact !== undefined ? { compact: options.compact } : {}),
      ...(options.onSharing ? { onSharing: options.onSharing } : {}),
      options: {
        asOf: options.asOf,
        ...(options.ruleOverrides ? { ruleOverrides: options.ruleOverrides } : {}),
        links: checksLinks,
        external,
        hash: options.hash === true,
        // `lint content` names the whole content root: the index need not look for documents again.
        complete: options.paths.length === 0 || options.paths.some((given) => path.resolve(options.cwd, given) === project.contentRoot),
        ...(options.changes ? { changes: { changed: options.changes.changed, deleted: options.changes.deleted } } : {}),
        ...(options.shard ? { shard: options.shard } : {}),
      },
      // Only the judged documents' links are requested and counted: a shard or a change is not the corpus.
      requestExternal: (urls) => requestExternal(urls, options),
      onUnconfigured: (count) => noteUnconfiguredSiteLinks(count, options.warn),
    },
    discoverCorpus({ ...options, onIgnored: () => ignored++ }),
  );
  const { entries, findings, suppressions } = result;
  // Whether a config suppression was used can only be told when the whole corpus was judged.
  if (options.paths.length === 0 && !options.changes && !options.shard) append(findings, unusedConfigSuppressions(options, result.usedConfigEntries));
  return { parsed: result.documents ?? [], entries, findings, suppressions, ignored, ...(result.links ? { links: result.links } : {}) };
}

/** Requests every unique external URL once. */
async function requestExternal(urls: string[], options: LintOptions): Promise<ReadonlyMap<string, ExternalResult>> {
  const { project } = options;
  const useCache = (options.linkCache ?? true) && project.config.links.cache.enabled;
  const ttl = parseDuration(project.config.links.cache.ttl)!;
  const cache = useCache
    ? new LinkCache({ root: project.projectRoot, path: project.config.links.cache.path }, project.configHash, (ttl.months * 30 + ttl.days) * 86_400_000, Date.now, options.warn ?? (() => {}))
    : undefined;
  options.progress?.start(urls.length);
  // undici loads only when external links are checked: a plain lint starts faster.
  const { checkExternalUrls } = await import('./links/external/checker.js');
  const budgetText = options.externalBudget ?? project.config.links.budget;
  const { results, outOfBudget, noNetwork } = await checkExternalUrls(urls, {
    links: project.config.links,
    budget: { milliseconds: parseTimeSpan(budgetText)!, text: budgetText },
    allowPrivateHosts: options.allowPrivateHosts ?? project.config.links.allowPrivateHosts,
    userAgent: `${TOOL.name}/${TOOL.version} (link checker)`,
    ...(cache ? { cache } : {}),
    onResult: (_url, result) => options.progress?.tick(!['external-ok', 'skipped'].includes(result.outcome)),
  });
  options.progress?.finish();
  cache?.save();
  if (outOfBudget > 0) options.warn?.(`the external link budget of ${budgetText} ran out: ${outOfBudget} external link${outOfBudget === 1 ? ' was' : 's were'} not checked`);
  if (noNetwork > 0) options.warn?.(`no network: ${noNetwork} external link${noNetwork === 1 ? '' : 's'} could not be checked`);
  return results;
}

/** Site links that nothing in the config resolves have one root cause: one note for the run, not a finding per page. */
function noteUnconfiguredSiteLinks({ links, pages }: { links: number; pages: number }, warn: ((message: string) => void) | undefined): void {
  if (links > 0) warn?.(`${links} site link${links === 1 ? '' : 's'} in ${pages} page${pages === 1 ? '' : 's'} not checked: set links.siteOrigin or links.routes to resolve /paths`);
}

/** lint --fix: applies the safe fixes to the files, atomically, before they are checked. */
async function fixCorpus(options: CorpusOptions): Promise<FixRecord[]> {
  // The yaml editor loads only for --fix: a plain lint starts faster.
  const { applyFixes, computeFixes } = await import('./edit/fixes.js');
  const records: FixRecord[] = [];
  for (const file of discoverCorpus(options)) {
    // A file outside the root or not regular is not fixed: the check that follows reports it.
    const read = file.problem ? undefined : readInside(file.root, file.path, file.real);
    if (!read || 'problem' in read) continue;
    const text = read.bytes.toString('utf8');
    const { config, schema } = options.project.settingsFor(file.file);
    const fixes = computeFixes(text, config, schema);
    if (fixes.length === 0) continue;
    // Written at its real path: an in-root symbolic link stays a link, and its target is edited.
    writeContentFile(read.real, applyFixes(text, fixes));
    for (const fix of [...fixes].sort((a, b) => a.start - b.start)) records.push({ file: file.file, line: fix.line, field: fix.field, description: fix.description });
  }
  return records;
}

export async function lint(options: LintOptions): Promise<Report> {
  const fixes = options.fix ? await fixCorpus(options) : [];
  // After the fixes: the stamp says whether the content checked differs from its commit.
  const stamp = reportStamp(options);
  const { entries, findings, links, suppressions, ignored } = await checkCorpus(options);
  const report = buildReport({ documents: entries, findings, ignored, ...(await stamp) });
  return {
    ...report,
    ...(links ? { links } : {}),
    ...(suppressions.length > 0 ? { suppressions } : {}),
    ...(options.fix ? { fixes } : {}),
    ...(options.changes ? { changes: { baseRef: options.changes.baseRef, base: options.changes.base, changed: options.changes.changed, deleted: options.changes.deleted } } : {}),
    ...(options.shard ? { shard: options.shard } : {}),
  };
}
