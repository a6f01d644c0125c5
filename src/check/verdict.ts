/** A document's review verdict for an as-of day: derived from its metadata when a rule, report or hover asks, never stored on it. */
import type { Project } from '../config/load.js';
import { metadataOf, type ParsedDocument } from '../corpus/document.js';
import { reviewVerdict, type ReviewVerdict } from '../review/verdict.js';

/** The verdict under the settings for the document's path (overrides may change review settings). */
export function verdictFor(document: ParsedDocument, project: Project, asOf: string): ReviewVerdict {
  const { config, schema } = project.settingsFor(document.file);
  return reviewVerdict(metadataOf(document), { review: config.review, frequencies: schema.context.frequencies, asOf });
}
