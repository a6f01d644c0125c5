/** A document as the rules see it: parsed once, with positions; the body itself is not kept. */
import type { ExtractedLink } from '../links/extract.js';
import type { Frontmatter } from './frontmatter.js';
import type { SuppressionComment } from '../suppress/comments.js';
import type { Position } from './text.js';

export interface ParsedDocument {
  /** Posix path relative to the project root, as findings name it. */
  file: string;
  /** Absolute path on disk. */
  path: string;
  /**
   * Set when the file was not read (outside the root, not a regular file) or could not be decoded;
   * then there is no frontmatter. `reason` is what the report's skipped counts call it.
   */
  unreadable?: { message: string; position: Position; reason: string; outsideRoot?: true };
  /** sha256 of the file's bytes, when asked for (the overdue report's evidence). */
  sha256?: string;
  frontmatter?: Frontmatter;
  /** Links in the body, with positions in the whole file. */
  links: ExtractedLink[];
  /** Ids a #fragment may name in this document. */
  anchors: ReadonlySet<string>;
  /** contentgov-disable comments. */
  suppressions: SuppressionComment[];
}

/** The key positions of a document held without them: none. */
export const NO_KEY_POSITIONS: Record<string, never> = Object.freeze(Object.create(null));

/** The document without its key positions, for a document held long after its findings are made (a large corpus's overdue report, its history). */
export function withoutKeyPositions(document: ParsedDocument): ParsedDocument {
  const { frontmatter } = document;
  return frontmatter?.kind === 'ok' ? { ...document, frontmatter: { ...frontmatter, keyPositions: NO_KEY_POSITIONS } } : document;
}

/** The metadata of a document whose frontmatter parsed, else undefined. */
export function metadataOf(document: ParsedDocument): Record<string, unknown> | undefined {
  return document.frontmatter?.kind === 'ok' ? document.frontmatter.data : undefined;
}
