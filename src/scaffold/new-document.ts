/**
 * `contentgov new`: a new document with valid frontmatter, from the project's template
 * (templates/new.md, when it has one) or contentgov's own, written with gray-matter's stringify
 * (a brand-new file has no formatting of its own to keep).
 */
import path from 'node:path';
import matter from 'gray-matter';
import type { Project } from '../config/load.js';
import { parseFrontmatter } from '../corpus/frontmatter.js';
import { contentRootOf, isInside, lstatSafe, readRegularFile, realpathOfNew, safeRealpath, toProjectPath } from '../corpus/root.js';
import { UsageError } from '../errors.js';
import { writeContentFile } from '../report/write.js';
import { validateMetadata } from '../schema/document.js';

const PROJECT_TEMPLATE = 'templates/new.md';

/** No licence: which a page is under is for its editor to say (--license, or the template), never assumed public domain. */
const BUILT_IN_DEFAULTS: Record<string, unknown> = {
  language: 'en',
  audienceLevel: 'patient',
  reviewFrequency: 'annual',
  version: 'v1',
};

/** The option of `contentgov new` that gives each field (the citation is made from --source). */
const OPTION_OF: Readonly<Record<string, string>> = {
  url: '--url',
  source: '--source',
  citation: '--source',
  sourceType: '--source-type',
  license: '--license',
  language: '--language',
  audienceLevel: '--audience',
  cancerTypes: '--cancer-types',
  tags: '--tags',
  reviewFrequency: '--frequency',
};

/** What to give for the fields at fault, as an editor types it: the options, else the fields of the project's template. */
function whatToGive(fields: readonly string[]): string {
  const options = [...new Set(fields.filter((field) => Object.hasOwn(OPTION_OF, field)).map((field) => OPTION_OF[field]!))];
  const others = fields.filter((field) => !Object.hasOwn(OPTION_OF, field));
  return [...options, ...(others.length > 0 ? [`${others.join(', ')} in ${PROJECT_TEMPLATE}`] : [])].join(', ');
}

interface NewDocumentOptions {
  title: string;
  today: string;
  /** Values from the command line, by field name. */
  fields: Record<string, unknown>;
}

export function createDocument(project: Project, absolutePath: string, options: NewDocumentOptions): string {
  const file = toProjectPath(project.projectRoot, absolutePath);
  // The config and schema of this document: the overrides that match it apply.
  project = { ...project, ...project.settingsFor(file) };
  if (!absolutePath.endsWith('.md')) throw new UsageError(`${file}: a document's name ends in .md`);
  if (!isInside(project.contentRoot, absolutePath)) throw new UsageError(`${file}: outside the content root (${toProjectPath(project.projectRoot, project.contentRoot)})`);
  // lstat: a symbolic link (even a broken one) already exists, and is never written through.
  if (lstatSafe(absolutePath)) throw new UsageError(`${file}: already exists; not overwritten`);

  // Where the file really goes: a linked folder on the way must not lead out of the content root.
  const real = realpathOfNew(absolutePath);
  if (real === undefined || !isInside(contentRootOf(project).real, real)) throw new UsageError(`${file}: leads out of the content root through a symbolic link; not written`);
  const template = readTemplate(project.projectRoot, project.config.limits.fileBytes);
  const data: Record<string, unknown> = { ...BUILT_IN_DEFAULTS, ...template.data, ...options.fields, title: options.title };
  data[project.config.review.dateField] = options.today;
  data[project.config.review.statusField] = 'draft';
  if (data.url === undefined && project.config.links.siteOrigin) {
    data.url = `${project.config.links.siteOrigin.replace(/\/$/, '')}/${path.relative(project.contentRoot, absolutePath).split(path.sep).join('/').replace(/\.md$/, '')}`;
  }
  if (data.citation === undefined && typeof data.source === 'string') data.citation = `${data.source}, ${options.today.slice(0, 4)}`;
  const problems = validateMetadata(project.schema, data);
  if (problems.length > 0) {
    throw new UsageError(`${file}: not written; give ${whatToGive(problems.map((problem) => problem.field))} (${problems.map((problem) => problem.message).join('; ')})`);
  }
  const body = template.body ?? `\n# ${options.title}\n\n`;
  writeContentFile(real, matter.stringify(body, sortedKeys(data)));
  return file;
}

/** The project's template: a regular file inside the project, read up to `maxBytes` (limits.fileBytes, as any page: it may come with a pull request), else none. */
function readTemplate(projectRoot: string, maxBytes: number): { data: Record<string, unknown>; body?: string } {
  const file = path.join(projectRoot, PROJECT_TEMPLATE);
  if (!lstatSafe(file)) return { data: {} };
  const real = safeRealpath(file);
  if (real === undefined || !isInside(safeRealpath(projectRoot) ?? projectRoot, real)) throw new UsageError(`${PROJECT_TEMPLATE}: leads out of the project folder; not read`);
  const read = readRegularFile(real, maxBytes);
  if ('problem' in read) throw new UsageError(`${PROJECT_TEMPLATE}: ${read.problem.message}`);
  const text = read.bytes.toString('utf8');
  const frontmatter = parseFrontmatter(text);
  if (frontmatter.kind !== 'ok') throw new UsageError(`${PROJECT_TEMPLATE}: its frontmatter cannot be read`);
  return { data: frontmatter.data, body: text.slice(frontmatter.bodyOffset) };
}

/** Alphabetical keys, as in the seed's metadata. */
function sortedKeys(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(data).sort().map((key) => [key, data[key]]));
}
