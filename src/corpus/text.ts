/** Decoding a file's bytes strictly, locating the first bad byte by line and column. */

import { isUtf8 } from 'node:buffer';

export interface Position {
  line: number;
  column: number;
}

type DecodeResult = { ok: true; text: string } | { ok: false; position: Position; byte: number };

const UTF8_BOM = 0xfeff;

/** Decodes UTF-8 strictly (a stray byte is reported, never replaced) and drops a leading BOM. */
export function decodeUtf8(bytes: Buffer): DecodeResult {
  // isUtf8 is native and fast; the manual scan runs only on the rare bad file.
  if (!isUtf8(bytes)) {
    const badOffset = firstInvalidUtf8Offset(bytes);
    return { ok: false, position: positionOfByte(bytes, badOffset), byte: bytes[badOffset] ?? 0 };
  }
  const text = bytes.toString('utf8');
  return { ok: true, text: text.charCodeAt(0) === UTF8_BOM ? text.slice(1) : text };
}

function firstInvalidUtf8Offset(bytes: Buffer): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
    if (length === 0) return index;
    if (length > 1) {
      const sequence = bytes.subarray(index, index + length);
      if (sequence.length < length || !isUtf8(sequence)) return index;
    }
    index += length;
  }
  return index;
}

/** The line and column (1-based, in UTF-16 code units) of an offset in a text: counted once, for an error. */
export function positionInText(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let newline = text.indexOf('\n'); newline !== -1 && newline < offset; newline = text.indexOf('\n', newline + 1)) {
    line++;
    lineStart = newline + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function positionOfByte(bytes: Buffer, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let index = bytes.indexOf(10); index !== -1 && index < offset; index = bytes.indexOf(10, index + 1)) {
    line++;
    lineStart = index + 1;
  }
  // Column in characters of the valid prefix of the line.
  return { line, column: bytes.subarray(lineStart, offset).toString('utf8').length + 1 };
}

/**
 * A substring in V8 keeps its whole source string alive, and a string built by joining keeps its
 * pieces; a document's kept values would keep every file's text in memory, and a discovered
 * file's path the folder listings. Concatenating and slicing makes a copy that does neither.
 */
export function detach(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}
