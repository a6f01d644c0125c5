/** The lint pipeline: discover → parse → check → report. */
import type { Project } from './config/load.js';
import { discoverFiles } from './corpus/discover.js';
import type { ParsedDocument } from './corpus/document.js';
import { metadataOf } from './corpus/document.js';
import { readDocument } from './corpus/read.js';
import { contentCommit } from './corpus/git.js';
import { checkDocument, ruleSeverities } from './check/run.js';
import { buildReport, documentEntry } from './report/build.js';
import type { DocumentEntry, Finding, Report, SeveritySetting } from './report/types.js';
import { reviewVerdict } from './review/verdict.js';
import { checkDocumentLinks } from './links/check.js';
import { CorpusIndex } from './links/index.js';

export interface CorpusOptions {
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
}

/** Discover and parse every document once, with its review verdict for the as-of day. */
export function parseCorpus({ project, cwd, paths, asOf }: CorpusOptions): ParsedDocument[] {
  const files = discoverFiles({
    projectRoot: project.projectRoot,
    contentRoot: project.contentRoot,
    paths: paths.length > 0 ? paths : [project.contentRoot],
    cwd,
    ignore: project.config.ignore,
  });
  const reviewSettings = { review: project.config.review, frequencies: project.schema.context.frequencies, asOf };
  return files.map((file) => {
    const document = readDocument(file);
    document.review = reviewVerdict(metadataOf(document), reviewSettings);
    return document;
  });
}

/** What every report records for an auditor: when, as of which day, under which config, of which commit. */
export function reportStamp({ project, asOf, generatedAt }: Pick<LintOptions, 'project' | 'asOf' | 'generatedAt'>) {
  const commit = contentCommit(project.contentRoot);
  return { generatedAt, asOf, configHash: project.configHash, ...(commit ? { commit } : {}) };
}

export interface CheckedCorpus {
  parsed: ParsedDocument[];
  /** One per parsed document, in the same order. */
  entries: DocumentEntry[];
  findings: Finding[];
}

export async function checkCorpus(options: LintOptions): Promise<CheckedCorpus> {
  const { project } = options;
  const severities = ruleSeverities({ ...project.config.rules, ...options.ruleOverrides });
  const context = { config: project.config, schema: project.schema, asOf: options.asOf };
  const parsed = parseCorpus(options);
  if (options.links !== false) {
    const index = new CorpusIndex(project, parsed, options.paths.length === 0);
    const settings = { external: false, ...(project.config.links.siteOrigin ? { siteOrigin: project.config.links.siteOrigin } : {}) };
    for (const document of parsed) document.linkChecks = checkDocumentLinks(document, index, settings);
  }
  const entries: DocumentEntry[] = [];
  const findings: Finding[] = [];
  for (const document of parsed) {
    const documentFindings = checkDocument(document, context, severities);
    entries.push(documentEntry(document, documentFindings));
    findings.push(...documentFindings);
  }
  return { parsed, entries, findings };
}

export async function lint(options: LintOptions): Promise<Report> {
  const { entries, findings } = await checkCorpus(options);
  return buildReport({ documents: entries, findings, ...reportStamp(options) });
}
