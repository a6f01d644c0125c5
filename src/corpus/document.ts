/** A document as the rules see it: parsed once, with positions; the body itself is not kept. */
import type { ReviewVerdict } from '../review/verdict.js';
import type { Frontmatter } from './frontmatter.js';
import type { Position } from './text.js';

export interface ParsedDocument {
  /** Posix path relative to the project root, as findings name it. */
  file: string;
  /** Absolute path on disk. */
  path: string;
  /** Set when the file could not be read or decoded; then there is no frontmatter. */
  unreadable?: { message: string; position: Position };
  frontmatter?: Frontmatter;
  /** Derived once after parsing, for the as-of day in force. */
  review?: ReviewVerdict;
}

/** The metadata of a document whose frontmatter parsed, else undefined. */
export function metadataOf(document: ParsedDocument): Record<string, unknown> | undefined {
  return document.frontmatter?.kind === 'ok' ? document.frontmatter.data : undefined;
}
