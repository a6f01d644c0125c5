/** Reads one discovered file into a ParsedDocument; any failure becomes data, never an exception. */
import { readFileSync } from 'node:fs';
import type { DiscoveredFile } from './discover.js';
import type { ParsedDocument } from './document.js';
import { parseFrontmatter } from './frontmatter.js';
import { decodeUtf8 } from './text.js';

const START = { line: 1, column: 1 };

export function readDocument(discovered: DiscoveredFile): ParsedDocument {
  const base = { file: discovered.file, path: discovered.path };
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
  return { ...base, frontmatter: parseFrontmatter(decoded.text) };
}
