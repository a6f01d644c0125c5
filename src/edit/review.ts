/** contentgov review: record that pages were reviewed again, changing nothing else in them. */
import { readFileSync } from 'node:fs';
import type { Project } from '../config/load.js';
import { isInside, toProjectPath } from '../corpus/discover.js';
import { parseFrontmatter } from '../corpus/frontmatter.js';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../report/write.js';
import { parseDateIn } from '../review/dates.js';
import { reviewVerdict } from '../review/verdict.js';
import { validateMetadata } from '../schema/document.js';
import { setScalar, splitForEditing } from './frontmatter-edit.js';

export interface ReviewStamp {
  file: string;
  lastReviewed: string;
  nextReviewDue?: string;
}

export function stampReview(project: Project, absolutePath: string, options: { date: string; by?: string; force: boolean }): ReviewStamp {
  const file = toProjectPath(project.projectRoot, absolutePath);
  // The config and schema of this document: the overrides that match it apply.
  project = { ...project, ...project.settingsFor(file) };
  if (!isInside(project.contentRoot, absolutePath)) throw new UsageError(`${file}: outside the content root; not changed`);
  let text: string;
  try {
    text = readFileSync(absolutePath, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const parts = splitForEditing(text);
  const parsed = parseFrontmatter(text.replace(/^\uFEFF/, ''));
  if (!parts || parsed.kind !== 'ok') throw new UsageError(`${file}: no valid frontmatter to record a review in`);
  const problems = validateMetadata(project.schema, parsed.data).filter((problem) => problem.field !== project.config.review.dateField);
  if (problems.length > 0 && !options.force) {
    throw new UsageError(`${file}: its metadata fails the schema (${problems.map((problem) => problem.message).join('; ')}); fix it first, or use --force`);
  }
  const recorded = parseDateIn(parsed.data[project.config.review.dateField], project.config.review.dateFormats);
  if (recorded !== undefined && options.date < recorded && !options.force) {
    throw new UsageError(`${file}: --date ${options.date} is before its recorded review (${recorded}); use --force to record an earlier review`);
  }
  let yaml = setScalar(parts.yaml, project.config.review.dateField, options.date, parts.newline);
  if (options.by !== undefined) yaml = setScalar(yaml, 'reviewedBy', options.by, parts.newline);
  writeFileAtomic(absolutePath, parts.prefix + yaml + parts.suffix);
  const verdict = reviewVerdict(
    { ...parsed.data, [project.config.review.dateField]: options.date },
    { review: project.config.review, frequencies: project.schema.context.frequencies, asOf: options.date },
  );
  return { file, lastReviewed: options.date, ...(verdict.nextReviewDue ? { nextReviewDue: verdict.nextReviewDue } : {}) };
}
