/**
 * A fast path for the frontmatter shape almost every document has: top-level `key: scalar` lines
 * and `key:` followed by `- item` lines, where every scalar is text. It returns undefined for
 * anything else (comments, blank lines, flow collections, anchors, tags, multi-line or escaped
 * strings, duplicate keys, values YAML would read as null, booleans or numbers), and the caller
 * then parses with the full `yaml` package. On its subset it yields exactly what `yaml` yields
 * under the YAML 1.2 core schema; tests compare the two. Parsing with `yaml` costs ~170 µs per
 * document, which alone would exceed the 10,000-document budget. It scans the text once, by
 * offsets: no array of lines, no match objects.
 */
import { detach, type Position } from './text.js';

interface SimpleYaml {
  data: Record<string, string | string[]>;
  /** Position of each key in the file (keys are always at column 1); it inherits no names, so `constructor` is a key like any other. */
  keyPositions: Record<string, Position>;
}

/** Plain scalars the core schema resolves to null, booleans or numbers. */
export const NON_STRING_PLAIN =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
/** Characters that may not start a plain scalar (YAML indicators) or that need the full parser. */
const PLAIN_FORBIDDEN_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/;

/**
 * The prototype of keyPositions: it has none of Object's names (a key named constructor is a key
 * like any other), yet objects made from it stay in V8's fast mode, unlike Object.create(null).
 */
const NO_INHERITED_NAMES: object = Object.freeze(Object.create(null));

const TAB = 9;
const CARRIAGE_RETURN = 13;
const SPACE = 32;
const SINGLE_QUOTE = 39;
const DOUBLE_QUOTE = 34;
const DASH = 45;
const COLON = 58;
const HASH = 35;
const LINE_SEPARATOR = 0x2028;
const PARAGRAPH_SEPARATOR = 0x2029;

/**
 * The block is the text from `from` to `to` (the whole text by default), and `firstLine` the file
 * line it starts on. Scanning the file's own text, not a slice of it, makes every character read
 * direct: V8 reads a slice's characters through its parent.
 */
export function parseSimpleYaml(yamlText: string, firstLine = 1, from = 0, to = yamlText.length): SimpleYaml | undefined {
  // Plain objects with the same keys in the same order share V8's hidden classes: much faster than
  // null-prototype dictionaries. Object.hasOwn guards against inherited names such as toString.
  const data: Record<string, string | string[]> = {};
  const keyPositions: Record<string, Position> = Object.create(NO_INHERITED_NAMES);
  /** The list a `key:` line opened, while its `- item` lines follow. */
  let list: string[] | undefined;
  let listIndent = -1;
  let line = firstLine;
  let keyIndex = 0;
  // The block ends with the newline before the closing delimiter: no line starts at its very end.
  for (let next = from; next < to; line++) {
    const start = next;
    const newline = yamlText.indexOf('\n', start);
    const broken = newline !== -1 && newline < to;
    let end = broken ? newline : to;
    next = end + 1;
    // A line break is \n or \r\n; a lone \r (at the very end) is left to the full parser.
    if (broken && end > start && yamlText.charCodeAt(end - 1) === CARRIAGE_RETURN) end--;
    if (list !== undefined) {
      // `- item`, indented by at most two spaces, the same for every item of the list.
      let dash = start;
      while (dash < start + 2 && dash < end && yamlText.charCodeAt(dash) === SPACE) dash++;
      if (dash + 1 < end && yamlText.charCodeAt(dash) === DASH && yamlText.charCodeAt(dash + 1) === SPACE) {
        if (listIndent !== -1 && dash - start !== listIndent) return undefined;
        listIndent = dash - start;
        const value = scalar(yamlText, dash + 2, end);
        if (value === undefined) return undefined;
        list.push(detach(value));
        continue;
      }
      if (list.length === 0) return undefined;
      list = undefined;
      listIndent = -1;
    }
    // `key:` or `key: value`, the key at column 1: the key at this place in the last block, or a new one.
    let key = recentKeys[keyIndex];
    let colon = key === undefined ? -1 : start + key.length;
    if (key === undefined || colon >= end || yamlText.charCodeAt(colon) !== COLON || !occursAt(yamlText, key, start)) {
      if (start === end || !isKeyStart(yamlText.charCodeAt(start))) return undefined;
      colon = start + 1;
      while (colon < end && isKeyPart(yamlText.charCodeAt(colon))) colon++;
      if (colon === end || yamlText.charCodeAt(colon) !== COLON) return undefined;
      // A copy: a slice would keep the whole file's text alive as long as the key is remembered.
      key = detach(yamlText.slice(start, colon));
      recentKeys[keyIndex] = key;
    }
    keyIndex++;
    if (Object.hasOwn(data, key) || key === '__proto__' || NON_STRING_PLAIN.test(key)) return undefined;
    keyPositions[key] = positionOnLine(line);
    const valueStart = colon + 2;
    if (colon + 1 < end && yamlText.charCodeAt(colon + 1) !== SPACE) return undefined;
    // Nothing but spaces and tabs after the colon: a list follows. (YAML's blanks are those two: a
    // no-break space is text, the start of a scalar that scalar() leaves to the full parser.)
    if (isBlank(yamlText, valueStart, end)) {
      list = [];
      data[key] = list;
      continue;
    }
    const value = scalar(yamlText, valueStart, end);
    if (value === undefined) return undefined;
    // Copies, like the keys: the values are kept for the whole run, the file's text is not.
    data[key] = detach(value);
  }
  if (list !== undefined && list.length === 0) return undefined;
  return { data, keyPositions };
}

/**
 * The keys of the blocks read so far, by their place in the block: documents of a corpus mostly
 * have the same keys in the same order, and a key found here is neither scanned, copied nor looked
 * up in V8's string table again. A key that differs takes the place.
 */
const recentKeys: string[] = [];

function occursAt(text: string, part: string, start: number): boolean {
  for (let index = 0; index < part.length; index++) if (text.charCodeAt(start + index) !== part.charCodeAt(index)) return false;
  return true;
}

/** Positions at column 1, shared by every block: they are never changed, and there is one per line, not per key of every document. */
const columnOne: Position[] = [];

function positionOnLine(line: number): Position {
  return (columnOne[line] ??= Object.freeze({ line, column: 1 }) as Position);
}

function isBlank(yamlText: string, start: number, end: number): boolean {
  for (let index = start; index < end; index++) {
    const code = yamlText.charCodeAt(index);
    if (code !== SPACE && code !== TAB) return false;
  }
  return true;
}

/** [A-Za-z_] */
function isKeyStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** [A-Za-z0-9_-] */
function isKeyPart(code: number): boolean {
  return isKeyStart(code) || (code >= 48 && code <= 57) || code === DASH;
}

/** The scalar between two offsets of a line, if it is text on the fast path. */
function scalar(source: string, start: number, end: number): string | undefined {
  // Trailing spaces and tabs are no part of it. By hand: /[ \t]+$/ retries from every blank of a long inner run, which is quadratic.
  while (end > start && (source.charCodeAt(end - 1) === SPACE || source.charCodeAt(end - 1) === TAB)) end--;
  if (end === start) return undefined;
  const first = source.charCodeAt(start);
  if (first === SINGLE_QUOTE || first === DOUBLE_QUOTE) {
    // Trailing blanks are never line terminators: checking the scalar checks the whole rest of the line.
    if (end - start < 2 || source.charCodeAt(end - 1) !== first || !withinLine(source, start, end, false)) return undefined;
    const inner = source.slice(start + 1, end - 1);
    return first === SINGLE_QUOTE ? singleQuoted(inner) : doubleQuoted(inner);
  }
  if (!withinLine(source, start, end, true)) return undefined;
  const text = source.slice(start, end);
  if (PLAIN_FORBIDDEN_START.test(text) || (mayStartNonString(first) && NON_STRING_PLAIN.test(text))) return undefined;
  return text;
}

/**
 * No line terminator between the offsets (what `.` does not match); for a plain scalar, nor what
 * would end it or need the full parser: a tab, `: `, ` #`, or a `:` at its end.
 */
function withinLine(source: string, start: number, end: number, plain: boolean): boolean {
  for (let index = start; index < end; index++) {
    const code = source.charCodeAt(index);
    if (code === CARRIAGE_RETURN || code === LINE_SEPARATOR || code === PARAGRAPH_SEPARATOR) return false;
    if (!plain) continue;
    if (code === TAB) return false;
    if (code === COLON && (index + 1 === end || source.charCodeAt(index + 1) === SPACE)) return false;
    if (code === SPACE && index + 1 < end && source.charCodeAt(index + 1) === HASH) return false;
  }
  return true;
}

/** Can NON_STRING_PLAIN match a text starting with this character? [-+.~0-9nNtTfF] */
function mayStartNonString(code: number): boolean {
  return (code >= 48 && code <= 57) || code === 43 || code === DASH || code === 46 || code === 126 || code === 110 || code === 78 || code === 116 || code === 84 || code === 102 || code === 70;
}

/** The text between single quotes, if every quote inside is doubled (''). */
function singleQuoted(inner: string): string | undefined {
  if (!inner.includes("'")) return inner;
  if (inner.replace(/''/g, '').includes("'")) return undefined;
  return inner.replace(/''/g, "'");
}

/** The text between double quotes, if it has no escape and no quote. */
function doubleQuoted(inner: string): string | undefined {
  return inner.includes('"') || inner.includes('\\') ? undefined : inner;
}
