/** Reads one discovered file into a ParsedDocument; any failure becomes data, never an exception. */
import { createHash } from 'node:crypto';
import type { DiscoveredFile } from './discover.js';
import { isInside, OUTSIDE_ROOT, readInside, realpathOfNew, tooLarge, useDiscoveredInside, type FileProblem } from './root.js';
import type { ParsedDocument } from './document.js';
import { parseFrontmatter, type FrontmatterLimits } from './frontmatter.js';
import { decodeUtf8, detach } from './text.js';
import { extractLinks } from '../links/extract.js';
import { findSuppressionComments } from '../suppress/comments.js';

const START = { line: 1, column: 1 };
const NO_ANCHORS: ReadonlySet<string> = new Set();

/** How a document is parsed; every reader (a file, a git object, an editor's buffer) takes the same. */
export interface ParseOptions {
  /** false skips scanning the body for links and anchors (the overdue report needs neither). */
  links?: boolean;
  /** Record the sha256 of the bytes read (the overdue report's evidence). */
  hash?: boolean;
  limits?: FrontmatterLimits;
  /** `{#id}` ending a heading names it (links.headingIds). */
  headingIds?: boolean;
  /** A larger file is not read (limits.fileBytes): one page cannot take the run's memory, or end it. */
  fileBytes?: number;
}

/** What reading a file takes: its size limit, whoever reads it. */
export type ReadOptions = ParseOptions & { fileBytes: number };

/** The parse options a project's config sets, the same for every reader of its documents. */
export function parseOptionsOf(config: { limits: FrontmatterLimits & { fileBytes: number }; links: { headingIds: boolean } }): ReadOptions {
  return { limits: config.limits, headingIds: config.links.headingIds, fileBytes: config.limits.fileBytes };
}

export function readDocument(discovered: DiscoveredFile, options: ReadOptions): ParsedDocument {
  // The real path is checked against the root at every read, whoever asks: discovery, a link target, watch mode.
  const read = discovered.problem
    ? { problem: discovered.problem }
    : discovered.real !== undefined
      ? useDiscoveredInside(discovered.root, discovered.real, (bytes) => parseDocumentBytes(discovered, bytes, options), options.fileBytes)
      : readInside(discovered.root, discovered.path, undefined, options.fileBytes);
  if ('problem' in read) return unreadableDocument(discovered, read.problem);
  return 'value' in read ? read.value : parseDocumentBytes(discovered, read.bytes, options);
}

/** A document that was not read, with the problem that kept it from being read, at its first line. */
export function unreadableDocument(discovered: Pick<DiscoveredFile, 'file' | 'path'>, problem: FileProblem): ParsedDocument {
  return { ...emptyDocument(discovered), unreadable: { ...problem, position: START, reason: problem.outsideRoot ? 'outside the root' : 'unreadable' } };
}

/** A document from bytes already read (from the root, or from a git object: overdue --history). */
export function parseDocumentBytes(discovered: Pick<DiscoveredFile, 'file' | 'path'>, bytes: Buffer, options: ParseOptions = {}): ParsedDocument {
  const sha256 = options.hash ? createHash('sha256').update(bytes).digest('hex') : undefined;
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    const byte = decoded.byte.toString(16).toUpperCase().padStart(2, '0');
    return { ...emptyDocument(discovered, sha256), unreadable: { message: `the file is not valid UTF-8 (byte 0x${byte}); save it as UTF-8`, position: decoded.position, reason: 'unreadable' } };
  }
  return parseText(discovered, decoded.text, options, sha256);
}

/**
 * An editor's unsaved buffer of a discovered file, parsed as readDocument parses the file's bytes.
 * The file's real path (or, for a file not yet saved, the real path it would have) must be inside
 * the root, as at every read; a file that must not be read is reported as readDocument reports it.
 */
export function readDocumentText(discovered: DiscoveredFile, text: string, options: ReadOptions): ParsedDocument {
  const real = discovered.problem ? undefined : realpathOfNew(discovered.path);
  if (real === undefined || !isInside(discovered.root.real, real)) return readDocument(real === undefined ? discovered : { ...discovered, problem: OUTSIDE_ROOT }, options);
  if (Buffer.byteLength(text) > options.fileBytes) return unreadableDocument(discovered, tooLarge(options.fileBytes));
  return parseText(discovered, text.replace(/^\uFEFF/, ''), { ...options, links: true });
}

function emptyDocument(discovered: Pick<DiscoveredFile, 'file' | 'path'>, sha256?: string): ParsedDocument {
  const document: ParsedDocument = { file: discovered.file, path: discovered.path, links: [], anchors: NO_ANCHORS, suppressions: [] };
  if (sha256) document.sha256 = sha256;
  return document;
}

/** Everything after the bytes are decoded: the frontmatter, then (when it closed, even wrongly, or there is none) the body. */
function parseText(discovered: Pick<DiscoveredFile, 'file' | 'path'>, text: string, { links: scanLinks = true, limits, headingIds = false }: ParseOptions, sha256?: string): ParsedDocument {
  const frontmatter = parseFrontmatter(text, limits);
  const closed = 'bodyOffset' in frontmatter && frontmatter.bodyOffset !== undefined && frontmatter.bodyStartLine !== undefined;
  if (!closed && frontmatter.kind !== 'missing') return { ...emptyDocument(discovered, sha256), frontmatter };
  const bodyText = closed ? text.slice(frontmatter.bodyOffset) : text;
  const bodyLine = closed ? frontmatter.bodyStartLine! : 1;
  const suppressions = findSuppressionComments(bodyText, bodyLine);
  if (!scanLinks) return { ...emptyDocument(discovered, sha256), frontmatter, suppressions };
  const { links, anchors } = extractLinks(bodyText, bodyLine, { headingIds });
  for (const link of links) link.url = detach(link.url);
  // Written out, not spread from an empty document: this is the return of nearly every document.
  const anchorSet = new Set<string>();
  for (const anchor of anchors) anchorSet.add(detach(anchor));
  const document: ParsedDocument = { file: discovered.file, path: discovered.path, links, anchors: anchorSet, suppressions, frontmatter };
  if (sha256) document.sha256 = sha256;
  return document;
}
