/** The lint pipeline: discover → parse → check → report. */
import type { Project } from './config/load.js';
import { discoverFiles } from './corpus/discover.js';
import { readDocument } from './corpus/read.js';
import { checkDocument, ruleSeverities } from './check/run.js';
import { buildReport, documentEntry } from './report/build.js';
import type { Report, SeveritySetting } from './report/types.js';

export interface LintOptions {
  project: Project;
  cwd: string;
  /** Files or folders; empty means the content root. */
  paths: string[];
  asOf: string;
  generatedAt: string;
  /** --rule overrides, over the config. */
  ruleOverrides?: Record<string, SeveritySetting>;
}

export async function lint(options: LintOptions): Promise<Report> {
  const { project } = options;
  const files = discoverFiles({
    projectRoot: project.projectRoot,
    contentRoot: project.contentRoot,
    paths: options.paths.length > 0 ? options.paths : [project.contentRoot],
    cwd: options.cwd,
    ignore: project.config.ignore,
  });
  const severities = ruleSeverities({ ...project.config.rules, ...options.ruleOverrides });
  const context = { config: project.config, schema: project.schema, asOf: options.asOf };
  const documents = [];
  const findings = [];
  for (const file of files) {
    const document = readDocument(file);
    const documentFindings = checkDocument(document, context, severities);
    documents.push(documentEntry(document, documentFindings));
    findings.push(...documentFindings);
  }
  return buildReport({ documents, findings, generatedAt: options.generatedAt, asOf: options.asOf });
}
