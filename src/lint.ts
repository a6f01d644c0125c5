/** The lint pipeline: discover → parse → check → report. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { append, unusedConfigSuppressions } from './check/judge.js';
import { checkInShards } from './check/shards.js';
import { configFileLabel, type Project } from './config/load.js';
import type { ChangeSet } from './corpus/changes.js';
import { discoverFiles, toProjectPath, type DiscoveredFile } from './corpus/discover.js';
import { isInside, safeRealpath } from './corpus/root.js';
import type { ParsedDocument } from './corpus/document.js';
import { contentCommit } from './corpus/git.js';
import { requestExternalUrls, type ExternalRunOptions } from './links/external/run.js';
import { buildReport } from './report/build.js';
import type { DocumentEntry, Finding, LinkSummary, Report, SeveritySetting, SuppressionRecord } from './report/types.js';
import { UsageError } from './errors.js';

interface CorpusOptions {
  project: Project;
  cwd: string;
  /** Files or folders; empty means the content root. */
  paths: string[];
  asOf: string;
}

export interface LintOptions extends CorpusOptions, Omit<ExternalRunOptions, 'project'> {
  generatedAt: string;
  /** --rule overrides, over the config. */
  ruleOverrides?: Record<string, SeveritySetting>;
  /** Check links (lint does; the overdue report does not need to). */
  links?: boolean;
  /** Request external URLs (--external or links.external). */
  external?: boolean;
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

export function discoverCorpus({ project, cwd, paths, onIgnored, onSkipped }: CorpusOptions & { onIgnored?: (file: string) => void; onSkipped?: (reason: string) => void }): DiscoveredFile[] {
  if (paths.length === 0 && !existsSync(project.contentRoot)) {
    const root = toProjectPath(project.projectRoot, project.contentRoot) || '.';
    // The config the run read (-c names another), or the one init would write.
    const config = project.configFile ? path.relative(cwd, project.configFile) || path.basename(project.configFile) : 'contentgov.config.json';
    throw new UsageError(`the content root ${root}/ does not exist: set "root" in ${config}, name files to check, or run contentgov init`);
  }
  return discoverFiles({
    projectRoot: project.projectRoot,
    contentRoot: project.contentRoot,
    paths: paths.length > 0 ? paths : [project.contentRoot],
    cwd,
    ignore: project.config.ignore,
    ...(onIgnored ? { onIgnored } : {}),
    ...(onSkipped ? { onSkipped } : {}),
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

/**
 * The files of the project's settings a change touched (the config file, the redirects file it
 * names): a change to them can break any page, so --changed then judges every document. A
 * settings file may be a symbolic link inside the project: the file it leads to is read, so a
 * change to that file is a change to the settings too.
 */
export function settingsChanged(project: Project, changes: Pick<ChangeSet, 'changed' | 'deleted'>): string[] {
  const { projectRoot } = project;
  const realRoot = safeRealpath(projectRoot) ?? projectRoot;
  const redirects = project.config.links.redirects === undefined ? undefined : path.resolve(projectRoot, project.config.links.redirects);
  const settings = new Set([configFileLabel(project), ...(redirects === undefined ? [] : [toProjectPath(projectRoot, redirects)])]);
  for (const file of [project.configFile, redirects]) {
    const real = file === undefined ? undefined : safeRealpath(file);
    if (real !== undefined && isInside(realRoot, real)) settings.add(toProjectPath(realRoot, real));
  }
  const touched = new Set([...changes.changed, ...changes.deleted]);
  return [...settings].filter((file) => touched.has(file));
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
        ...(options.changes && !options.changes.settings?.length ? { changes: { changed: options.changes.changed, deleted: options.changes.deleted } } : {}),
        ...(options.shard ? { shard: options.shard } : {}),
      },
      // Only the judged documents' links are requested and counted: a shard or a change is not the corpus.
      requestExternal: (urls) => requestExternalUrls(urls, options),
      onUnconfigured: (count) => noteUnconfiguredSiteLinks(count, options.warn),
    },
    discoverCorpus({ ...options, onIgnored: () => ignored++, ...(options.warn ? { onSkipped: options.warn } : {}) }),
  );
  const { entries, findings, suppressions } = result;
  // Whether a config suppression was used can only be told when the whole corpus was judged.
  const judgedAll = !options.changes || (options.changes.settings?.length ?? 0) > 0;
  if (options.paths.length === 0 && judgedAll && !options.shard) append(findings, unusedConfigSuppressions(options, result.usedConfigEntries));
  return { parsed: result.documents ?? [], entries, findings, suppressions, ignored, ...(result.links ? { links: result.links } : {}) };
}

/** Site links that nothing in the config resolves have one root cause: one note for the run, not a finding per page. */
function noteUnconfiguredSiteLinks({ links, pages }: { links: number; pages: number }, warn: ((message: string) => void) | undefined): void {
  if (links > 0) warn?.(`${links} site link${links === 1 ? '' : 's'} in ${pages} page${pages === 1 ? '' : 's'} not checked: set links.siteOrigin or links.routes to resolve /paths`);
}

export async function lint(options: LintOptions): Promise<Report> {
  // The yaml editor loads only for --fix: a plain lint starts faster.
  const fixes = options.fix ? (await import('./edit/fix-files.js')).fixFiles(discoverCorpus(options), options.project) : [];
  // After the fixes: the stamp says whether the content checked differs from its commit.
  const stamp = reportStamp(options);
  const { entries, findings, links, suppressions, ignored } = await checkCorpus(options);
  const report = buildReport({ documents: entries, findings, ignored, ...(await stamp) });
  return {
    ...report,
    ...(links ? { links } : {}),
    ...(suppressions.length > 0 ? { suppressions } : {}),
    ...(options.fix ? { fixes } : {}),
    ...(options.changes ? { changes: reportedChanges(options.changes) } : {}),
    ...(options.shard ? { shard: options.shard } : {}),
  };
}

/** The report's record of a change: what it compared, what it touched, and the settings files among them (then every document was judged). */
function reportedChanges({ baseRef, base, changed, deleted, settings }: ChangeSet): NonNullable<Report['changes']> {
  return { baseRef, base, changed, deleted, ...(settings?.length ? { settings } : {}) };
}
