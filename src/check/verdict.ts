/** A document read and given its review verdict for the as-of day: what every front-end starts from. */
import type { Project } from '../config/load.js';
import type { DiscoveredFile } from '../corpus/discover.js';
import { metadataOf, type ParsedDocument } from '../corpus/document.js';
import { parseOptionsOf, readDocument } from '../corpus/read.js';
import { reviewVerdict } from '../review/verdict.js';

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
