/**
 * `contentgov new`: a new document with valid frontmatter, from the project's template
 * (templates/new.md, when it has one) or contentgov's own, written with gray-matter's stringify
 * (a brand-new file has no formatting of its own to keep).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import type { Project } from '../config/load.js';
import { isInside, toProjectPath } from '../corpus/discover.js';
import { parseFrontmatter } from '../corpus/frontmatter.js';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../report/write.js';
import { validateMetadata } from '../schema/document.js';

export const PROJECT_TEMPLATE = 'templates/new.md';

const BUILT_IN_DEFAULTS: Record<string, unknown> = {
  license: 'public_domain',
  language: 'en',
  audienceLevel: 'patient',
  reviewFrequency: 'annual',
  version: 'v1',
};

export interface NewDocumentOptions {
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
  if (existsSync(absolutePath)) throw new UsageError(`${file}: already exists; not overwritten`);

  const template = readTemplate(path.join(project.projectRoot, PROJECT_TEMPLATE));
  const data: Record<string, unknown> = { ...BUILT_IN_DEFAULTS, ...template.data, ...options.fields, title: options.title };
  data[project.config.review.dateField] = options.today;
  data[project.config.review.statusField] = 'draft';
  if (data.url === undefined && project.config.links.siteOrigin) {
    data.url = `${project.config.links.siteOrigin.replace(/\/$/, '')}/${path.relative(project.contentRoot, absolutePath).split(path.sep).join('/').replace(/\.md$/, '')}`;
  }
  if (data.citation === undefined && typeof data.source === 'string') data.citation = `${data.source}, ${options.today.slice(0, 4)}`;
  const problems = validateMetadata(project.schema, data);
  if (problems.length > 0) {
    throw new UsageError(`${file}: not written; give ${problems.map((problem) => problem.field).join(', ')} (${problems.map((problem) => problem.message).join('; ')})`);
  }
  const body = template.body ?? `\n# ${options.title}\n\n`;
  writeFileAtomic(absolutePath, matter.stringify(body, sortedKeys(data)));
  return file;
}

function readTemplate(file: string): { data: Record<string, unknown>; body?: string } {
  if (!existsSync(file)) return { data: {} };
  const text = readFileSync(file, 'utf8');
  const frontmatter = parseFrontmatter(text);
  if (frontmatter.kind !== 'ok') throw new UsageError(`${PROJECT_TEMPLATE}: its frontmatter cannot be read`);
  return { data: frontmatter.data, body: text.slice(frontmatter.bodyOffset) };
}

/** Alphabetical keys, as in the seed's metadata. */
function sortedKeys(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(data).sort().map((key) => [key, data[key]]));
}
