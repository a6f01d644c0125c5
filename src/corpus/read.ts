/** Reads one discovered file into a ParsedDocument; any failure becomes data, never an exception. */
import { createHash } from 'node:crypto';
import type { DiscoveredFile } from './discover.js';
import { readInside } from './root.js';
import type { ParsedDocument } from './document.js';
import { parseFrontmatter, type FrontmatterLimits } from './frontmatter.js';
import { decodeUtf8 } from './text.js';
import { extractLinks } from '../links/extract.js';
import { findSuppressionComments } from '../suppress/comments.js';

const START = { line: 1, column: 1 };
const NO_ANCHORS: ReadonlySet<string> = new Set();

/**
 * `links: false` skips scanning the body for links and anchors (the overdue report needs neither);
 * `hash: true` records the sha256 of the bytes read (it does).
 */
export function readDocument(
  discovered: DiscoveredFile,
  { links: scanLinks = true, hash = false, limits, headingIds = false }: { links?: boolean; hash?: boolean; limits?: FrontmatterLimits; headingIds?: boolean } = {},
): ParsedDocument {
  const unhashed = { file: discovered.file, path: discovered.path, links: [], anchors: NO_ANCHORS, suppressions: [] };
  // The real path is checked against the root at every read, whoever asks: discovery, a link target, watch mode.
  const read = discovered.problem ? { problem: discovered.problem } : readInside(discovered.root, discovered.path, discovered.real);
  if ('problem' in read) return { ...unhashed, unreadable: { ...read.problem, position: START, reason: read.problem.outsideRoot ? 'outside the root' : 'unreadable' } };
  const bytes = read.bytes;
  const sha256 = hash ? createHash('sha256').update(bytes).digest('hex') : undefined;
  const base = sha256 ? { ...unhashed, sha256 } : unhashed;
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    const byte = decoded.byte.toString(16).toUpperCase().padStart(2, '0');
    return { ...base, unreadable: { message: `the file is not valid UTF-8 (byte 0x${byte}); save it as UTF-8`, position: decoded.position, reason: 'unreadable' } };
  }
  const frontmatter = parseFrontmatter(decoded.text, limits);
  // The body is scanned when we know where it starts: after a closed block (even a wrong one), or the whole file.
  const body =
    'bodyOffset' in frontmatter && frontmatter.bodyOffset !== undefined && frontmatter.bodyStartLine !== undefined
      ? { text: decoded.text.slice(frontmatter.bodyOffset), line: frontmatter.bodyStartLine }
      : frontmatter.kind === 'missing'
        ? { text: decoded.text, line: 1 }
        : undefined;
  if (!body) return { ...base, frontmatter };
  const suppressions = findSuppressionComments(body.text, body.line);
  if (frontmatter.kind === 'ok') detachStrings(frontmatter.data);
  if (!scanLinks) return { ...base, frontmatter, suppressions };
  const { links, anchors } = extractLinks(body.text, body.line, { headingIds });
  for (const link of links) link.url = detach(link.url);
  // Written out, not spread from base: this is the return of nearly every document.
  const document: ParsedDocument = { file: discovered.file, path: discovered.path, links, anchors: new Set(anchors.map(detach)), suppressions, frontmatter };
  if (sha256) document.sha256 = sha256;
  return document;
}

/**
 * A substring in V8 keeps its whole source string alive; a document's kept values would keep
 * every file's text in memory. Concatenating and slicing makes a copy that does not.
 */
function detach(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

function detachStrings(data: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'string') data[key] = detach(value);
    else if (Array.isArray(value)) data[key] = value.map((item) => (typeof item === 'string' ? detach(item) : item));
  }
}
