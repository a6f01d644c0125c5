/** contentgov review: record that pages were reviewed again, changing nothing else in them. */
import type { Project } from '../config/load.js';
import { contentRootOf, isInside, readInside, toProjectPath } from '../corpus/root.js';
import { parseFrontmatter } from '../corpus/frontmatter.js';
import { UsageError } from '../errors.js';
import { writeContentFile } from '../report/write.js';
import { parseDateIn } from '../review/dates.js';
import { reviewVerdict } from '../review/verdict.js';
import { validateMetadata } from '../schema/document.js';
import { EditRefused, setScalar, splitForEditing } from './frontmatter-edit.js';

export { EditRefused };

interface ReviewStamp {
  file: string;
  lastReviewed: string;
  nextReviewDue?: string;
}

/** A review ready to record: nothing is written until `write` is called, so a run can refuse them all first. */
export interface PreparedReview {
  stamp: ReviewStamp;
  write(): void;
}

export function prepareReview(project: Project, absolutePath: string, options: { date: string; by?: string; force: boolean }): PreparedReview {
  const file = toProjectPath(project.projectRoot, absolutePath);
  // The config and schema of this document: the overrides that match it apply.
  project = { ...project, ...project.settingsFor(file) };
  if (!isInside(project.contentRoot, absolutePath)) throw new UsageError(`${file}: outside the content root; not changed`);
  // Read at its real path, checked against the root; the review is written there too, so an in-root link stays a link.
  const read = readInside(contentRootOf(project), absolutePath, undefined, project.config.limits.fileBytes);
  if ('problem' in read) throw new UsageError(read.problem.outsideRoot ? `${file}: leads out of the content root through a symbolic link; not changed` : `${file}: ${read.problem.message}`);
  const stamped = stampReviewText(project, file, read.bytes.toString('utf8'), options);
  return { stamp: stamped.stamp, write: () => writeContentFile(read.real, stamped.text) };
}

/**
 * The review recorded in a document's text (the editor's buffer, or the file's bytes): the new
 * text, changed only where the date (and reviewer) are written. `project` carries the settings in
 * force for `file`. Throws EditRefused when the page itself prevents it.
 */
export function stampReviewText(project: Project, file: string, text: string, options: { date: string; by?: string; force: boolean }): { text: string; stamp: ReviewStamp } {
  const parts = splitForEditing(text);
  const parsed = parseFrontmatter(text.replace(/^\uFEFF/, ''));
  if (!parts || parsed.kind !== 'ok') throw new EditRefused(`${file}: no valid frontmatter to record a review in`);
  // Judged as it will be written: a --by the schema refuses (empty, or not the config's pattern) would leave the page failing it.
  const written = options.by === undefined ? parsed.data : { ...parsed.data, reviewedBy: options.by };
  const problems = validateMetadata(project.schema, written).filter((problem) => problem.field !== project.config.review.dateField);
  const byProblem = options.by === undefined ? undefined : problems.find((problem) => problem.field === 'reviewedBy');
  if (byProblem) throw new EditRefused(`${file}: --by is not a value reviewedBy takes: ${byProblem.message}`);
  if (problems.length > 0 && !options.force) {
    throw new EditRefused(`${file}: its metadata fails the schema; fix it first, or use --force:${problems.map((problem) => `\n  - ${problem.message}`).join('')}`);
  }
  const recorded = parseDateIn(parsed.data[project.config.review.dateField], project.config.review.dateFormats);
  if (recorded !== undefined && options.date < recorded && !options.force) {
    throw new EditRefused(`${file}: --date ${options.date} is before its recorded review (${recorded}); use --force to record an earlier review`);
  }
  let yaml: string;
  try {
    yaml = setScalar(parts.yaml, project.config.review.dateField, options.date, parts.newline);
    if (options.by !== undefined) yaml = setScalar(yaml, 'reviewedBy', options.by, parts.newline);
  } catch (error) {
    throw error instanceof EditRefused ? new EditRefused(`${file}: ${error.message}`) : error;
  }
  const verdict = reviewVerdict(
    { ...parsed.data, [project.config.review.dateField]: options.date },
    { review: project.config.review, frequencies: project.schema.context.frequencies, asOf: options.date },
  );
  return { text: parts.prefix + yaml + parts.suffix, stamp: { file, lastReviewed: options.date, ...(verdict.nextReviewDue ? { nextReviewDue: verdict.nextReviewDue } : {}) } };
}
