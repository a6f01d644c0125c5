/** Reads one discovered file into a ParsedDocument; any failure becomes data, never an exception. */
import { readFileSync } from 'node:fs';
import type { DiscoveredFile } from './discover.js';
import type { ParsedDocument } from './document.js';
import { parseFrontmatter, type FrontmatterLimits } from './frontmatter.js';
import { decodeUtf8 } from './text.js';
import { extractLinks } from '../links/extract.js';
import { findSuppressionComments } from '../suppress/comments.js';

const START = { line: 1, column: 1 };
const NO_ANCHORS: ReadonlySet<string> = new Set();

/** `links: false` skips scanning the body for links and anchors (the overdue report needs neither). */
export function readDocument(discovered: DiscoveredFile, { links: scanLinks = true, limits }: { links?: boolean; limits?: FrontmatterLimits } = {}): ParsedDocument {
  const base = { file: discovered.file, path: discovered.path, links: [], anchors: NO_ANCHORS, suppressions: [] };
  if (discovered.skipReason) return { ...base, unreadable: { message: `not read: ${discovered.skipReason}`, position: START } };
  let bytes: Buffer;
  try {
    bytes = readFileSync(discovered.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return { ...base, unreadable: { message: `cannot read the file (${code})`, position: START } };
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    const byte = decoded.byte.toString(16).toUpperCase().padStart(2, '0');
    return { ...base, unreadable: { message: `the file is not valid UTF-8 (byte 0x${byte}); save it as UTF-8`, position: decoded.position } };
  }
  const frontmatter = parseFrontmatter(decoded.text, limits);
  // The body is scanned when we know where it starts: after a closed block, or the whole file.
  const body = 'bodyOffset' in frontmatter ? { text: decoded.text.slice(frontmatter.bodyOffset), line: frontmatter.bodyStartLine } : frontmatter.kind === 'missing' ? { text: decoded.text, line: 1 } : undefined;
  if (!body) return { ...base, frontmatter };
  const suppressions = findSuppressionComments(body.text, body.line);
  if (frontmatter.kind === 'ok') detachStrings(frontmatter.data);
  if (!scanLinks) return { ...base, frontmatter, suppressions };
  const { links, anchors } = extractLinks(body.text, body.line);
  for (const link of links) link.url = detach(link.url);
  // Written out, not spread from base: this is the return of nearly every document.
  return { file: discovered.file, path: discovered.path, links, anchors: new Set(anchors.map(detach)), suppressions, frontmatter };
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
