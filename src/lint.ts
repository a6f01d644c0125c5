/** The lint pipeline: discover → parse → check → report. */
import { existsSync } from 'node:fs';
import { checkDocument, ruleSeverities } from './check/run.js';
import type { Project } from './config/load.js';
import type { DocumentSettings } from './config/overrides.js';
import type { ChangeSet } from './corpus/changes.js';
import { discoverFiles, toProjectPath, type DiscoveredFile } from './corpus/discover.js';
import { metadataOf, type ParsedDocument } from './corpus/document.js';
import { contentCommit } from './corpus/git.js';
import { parseOptionsOf, readDocument } from './corpus/read.js';
import { readInside } from './corpus/root.js';
import { checkDocumentLinks, linkSettings } from './links/check.js';
import { LinkCache } from './links/external/cache.js';
import { CorpusIndex } from './links/index.js';
import { buildReport, documentEntry } from './report/build.js';
import { capFindingsPerRule } from './report/cap.js';
import type { DocumentEntry, Finding, FixRecord, LinkSummary, Report, Severity, SeveritySetting, SuppressionRecord } from './report/types.js';
import { writeContentFile } from './report/write.js';
import { parseDuration } from './review/duration.js';
import { parseTimeSpan } from './schema/time-span.js';
import { reviewVerdict } from './review/verdict.js';
import { RULES_BY_ID } from './rules/index.js';
import type { RuleContext } from './rules/rule.js';
import { applySuppressions, compileConfigSuppressions } from './suppress/apply.js';
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
  /** Judge only what a change touched (see selectChanged). */
  changes?: ChangeSet;
}

function discoverCorpus({ project, cwd, paths, onIgnored }: CorpusOptions & { onIgnored?: (file: string) => void }): DiscoveredFile[] {
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

/** Discover and parse every document once, with its review verdict for the as-of day. */
export function parseCorpus(options: CorpusOptions & { links?: boolean; hash?: boolean; onIgnored?: (file: string) => void }): ParsedDocument[] {
  const { project, asOf } = options;
  const files = discoverCorpus(options);
  return files.map((file) => readWithVerdict(file, project, asOf, options.links !== false, options.hash === true));
}

/** One document, parsed, with its review verdict. */
export function readWithVerdict(file: DiscoveredFile, project: Project, asOf: string, links = true, hash = false): ParsedDocument {
  return withVerdict(readDocument(file, { links, hash, ...parseOptionsOf(project.config) }), project, asOf);
}

/** Sets a parsed document's review verdict for the as-of day, under the settings for its path. */
export function withVerdict(document: ParsedDocument, project: Project, asOf: string): ParsedDocument {
  const { config, schema } = project.settingsFor(document.file);
  document.review = reviewVerdict(metadataOf(document), { review: config.review, frequencies: schema.context.frequencies, asOf });
  return document;
}

/** What every report records for an auditor: when, as of which day, under which config, of which commit. */
export function reportStamp({ project, asOf, generatedAt }: Pick<LintOptions, 'project' | 'asOf' | 'generatedAt'>) {
  return { generatedAt, asOf, configHash: project.configHash, ...contentCommit(project.projectRoot, project.contentRoot) };
}

interface CheckedCorpus {
  links?: LinkSummary;
  suppressions: SuppressionRecord[];
  parsed: ParsedDocument[];
  /** One per parsed document, in the same order. */
  entries: DocumentEntry[];
  findings: Finding[];
  /** Files and folders the config's ignore globs skipped. */
  ignored: number;
}

export async function checkCorpus(options: LintOptions): Promise<CheckedCorpus> {
  const { project } = options;
  let ignored = 0;
  const parsed = parseCorpus({ ...options, links: options.links !== false, onIgnored: () => ignored++ });
  const checksLinks = options.links !== false;
  const external = options.external ?? project.config.links.external;
  /** External links not requested (no --external), by document. */
  const notRequested = new Map<string, number>();
  if (checksLinks) {
    const index = new CorpusIndex(project, parsed, options.paths.length === 0);
    const settings = linkSettings(project, external);
    for (const document of parsed) {
      const tally = { notRequested: 0 };
      document.linkChecks = checkDocumentLinks(document, index, settings, tally);
      if (tally.notRequested > 0) notRequested.set(document.file, tally.notRequested);
    }
  }
  const judged = selectJudged(parsed, options);
  // Only the judged documents' links are requested and counted: a shard or a change is not the corpus.
  if (checksLinks && external) await checkExternal(judged.documents, options);
  const linkSummary = checksLinks ? summarizeLinks(judged.documents, notRequested) : undefined;
  if (checksLinks) noteUnconfiguredSiteLinks(judged.documents, options.warn);
  const judge = createJudge(options);
  const { entries, findings, suppressions } = judge.judge(judged.documents, judged.linksOnly);
  // Whether a config suppression was used can only be told when the whole corpus was judged.
  if (options.paths.length === 0 && !options.changes && !options.shard) append(findings, judge.unusedConfigSuppressions());
  return { parsed: judged.documents, entries, findings, suppressions, ignored, ...(linkSummary ? { links: linkSummary } : {}) };
}

/** The rules, severities and suppressions of one run, applied to documents already parsed and link-checked. */
export function createJudge(options: Pick<LintOptions, 'project' | 'asOf' | 'ruleOverrides'>) {
  const { project } = options;
  const severities = ruleSeverities({ ...project.config.rules, ...options.ruleOverrides });
  // Per distinct settings (see settingsFor): overrides change rules and schema; --rule wins over both.
  const contexts = new Map<DocumentSettings, { rule: RuleContext; severities: Map<string, Severity> }>();
  const contextFor = (file: string) => {
    const settings = project.settingsFor(file);
    let context = contexts.get(settings);
    if (!context) {
      const documentSeverities = ruleSeverities({ ...settings.config.rules, ...options.ruleOverrides });
      context = { rule: { ...settings, asOf: options.asOf, severities: documentSeverities }, severities: documentSeverities };
      contexts.set(settings, context);
    }
    return context;
  };
  const configFile = project.configFile ? toProjectPath(project.projectRoot, project.configFile) : 'contentgov.config.json';
  const configSuppressions = compileConfigSuppressions(project.config.suppressions);
  const suppressionContext = { asOf: options.asOf, severities, knownRules: new Set(RULES_BY_ID.keys()), configFile, usedConfigEntries: new Set<number>() };
  return {
    judge(documents: readonly ParsedDocument[], linksOnly: ReadonlySet<string> = new Set()) {
      const entries: DocumentEntry[] = [];
      const findings: Finding[] = [];
      const suppressions: SuppressionRecord[] = [];
      for (const document of documents) {
        const onlyLinks = linksOnly.has(document.file);
        const context = contextFor(document.file);
        const raw = checkDocument(document, context.rule, context.severities).filter((finding) => !onlyLinks || finding.ruleId.startsWith('link-'));
        const outcome = applySuppressions(document.file, raw, document.suppressions, configSuppressions, { ...suppressionContext, severities: context.severities });
        const documentFindings = capFindingsPerRule([...outcome.kept, ...outcome.problems], project.config.limits.findingsPerRule);
        entries.push(documentEntry(document, documentFindings));
        append(findings, documentFindings);
        append(suppressions, outcome.applied);
      }
      return { entries, findings, suppressions };
    },
    unusedConfigSuppressions(): Finding[] {
      const severity = severities.get('suppression-unused');
      if (!severity) return [];
      return project.config.suppressions.flatMap((entry, index) =>
        suppressionContext.usedConfigEntries.has(index)
          ? []
          : [{ ruleId: 'suppression-unused', severity, file: configFile, line: 1, column: 1, message: `suppressions[${index}] (${entry.rule} in ${entry.files}) silenced nothing; remove it` }],
      );
    },
  };
}

/** push(...items) passes every item as an argument: a document with 200,000 findings overflows the stack. */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/**
 * Which documents this run judges. A shard takes every Nth document of the sorted corpus. A
 * change judges the documents it added or modified, and (for their links only) every document
 * whose links now break because the change deleted, renamed or edited their target.
 */
function selectJudged(parsed: ParsedDocument[], options: LintOptions): { documents: ParsedDocument[]; linksOnly: Set<string> } {
  let documents = parsed;
  const linksOnly = new Set<string>();
  if (options.changes) {
    const changed = new Set(options.changes.changed);
    const touched = new Set([...options.changes.changed, ...options.changes.deleted]);
    documents = parsed.filter((document) => {
      if (changed.has(document.file)) return true;
      const broken = (document.linkChecks ?? []).some((check) => (check.outcome === 'missing-file' || check.outcome === 'missing-anchor') && check.target !== undefined && touched.has(check.target));
      if (broken) linksOnly.add(document.file);
      return broken;
    });
  }
  if (options.shard) {
    const { index, count } = options.shard;
    documents = documents.filter((_document, position) => position % count === index - 1);
  }
  return { documents, linksOnly };
}

/** Requests every unique external URL once and records each link's outcome. */
async function checkExternal(parsed: ParsedDocument[], options: LintOptions): Promise<void> {
  const { project } = options;
  const pending = parsed.flatMap((document) => (document.linkChecks ?? []).filter((check) => check.outcome === 'external'));
  const urls = [...new Set(pending.map((check) => check.url!))].sort();
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
  for (const check of pending) {
    const result = results.get(check.url!)!;
    check.outcome = result.outcome;
    const chain = result.redirects.length > 0 ? ` via ${result.redirects.join(' → ')}` : '';
    const status = result.status !== undefined && !(result.detail ?? '').includes(String(result.status)) ? `HTTP ${result.status}` : '';
    const detail = [status, result.detail].filter(Boolean).join(', ') + chain;
    if (detail) check.detail = detail;
    if (result.cached) check.cached = true;
  }
}

/** The judged documents' link occurrences: checked (locally or over the network), broken (any finding), skipped, cached. */
function summarizeLinks(documents: readonly ParsedDocument[], notRequested: ReadonlyMap<string, number>): LinkSummary {
  const summary: LinkSummary = { total: 0, checked: 0, broken: 0, skipped: 0, cached: 0 };
  for (const document of documents) {
    summary.total += document.links.length;
    summary.skipped += notRequested.get(document.file) ?? 0;
    for (const check of document.linkChecks ?? []) {
      if (check.outcome === 'skipped' || check.outcome === 'site-unresolved' || check.outcome === 'site-unconfigured') summary.skipped++;
      else if (check.outcome !== 'external-ok') summary.broken++;
      if (check.cached) summary.cached++;
    }
  }
  summary.checked = summary.total - summary.skipped;
  return summary;
}

/** Site links that nothing in the config resolves have one root cause: one note for the run, not a finding per page. */
function noteUnconfiguredSiteLinks(documents: readonly ParsedDocument[], warn: ((message: string) => void) | undefined): void {
  let links = 0;
  let pages = 0;
  for (const document of documents) {
    const count = (document.linkChecks ?? []).filter((check) => check.outcome === 'site-unconfigured').length;
    links += count;
    if (count > 0) pages++;
  }
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
  const { entries, findings, links, suppressions, ignored } = await checkCorpus(options);
  const report = buildReport({ documents: entries, findings, ignored, ...reportStamp(options) });
  return {
    ...report,
    ...(links ? { links } : {}),
    ...(suppressions.length > 0 ? { suppressions } : {}),
    ...(options.fix ? { fixes } : {}),
    ...(options.changes ? { changes: { baseRef: options.changes.baseRef, base: options.changes.base, changed: options.changes.changed, deleted: options.changes.deleted } } : {}),
    ...(options.shard ? { shard: options.shard } : {}),
  };
}
