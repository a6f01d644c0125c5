/**
 * Frontmatter with exact positions. We split the block ourselves and parse it with the `yaml`
 * package rather than gray-matter: gray-matter evaluates `---js` blocks with eval, caches every
 * string it parsed, accepts an unterminated block as frontmatter, and its js-yaml engine turns an
 * unquoted 2025-02-30 into a Date of 2 March. `yaml` keeps dates as text under the YAML 1.2 core
 * schema, reports duplicate keys, bounds alias expansion, and gives every key's offset.
 */
import { createRequire } from 'node:module';
import type { Pair } from 'yaml';
import { parseSimpleYaml } from './simple-yaml.js';
import { detach, positionInText, type Position } from './text.js';

interface FrontmatterProblem {
  message: string;
  position: Position;
}

export type Frontmatter =
  | {
      kind: 'ok';
      data: Record<string, unknown>;
      /** Position of each top-level key, in the whole file. */
      keyPositions: Record<string, Position>;
      /** Where the opening `---` is: missing fields are reported here. */
      open: Position;
      /** First line of the body, after the closing delimiter. */
      bodyStartLine: number;
      bodyOffset: number;
    }
  | {
      /** Over a limit: not parsed, but the body after it is still read. */
      kind: 'too-large';
      problem: FrontmatterProblem;
      bodyStartLine: number;
      bodyOffset: number;
    }
  | { kind: 'missing'; reason: string }
  | ({ kind: 'unsafe'; problems: FrontmatterProblem[] } & Partial<BodyAfterBlock>)
  | ({ kind: 'invalid'; problems: FrontmatterProblem[] } & Partial<BodyAfterBlock>);

/** Where the body starts when the block was closed by `---`: it is read even when the block is wrong. */
interface BodyAfterBlock {
  bodyStartLine: number;
  bodyOffset: number;
}

/**
 * Bounds on a frontmatter block, checked before it is read: the YAML parser's duplicate-key check
 * is quadratic in the keys of a mapping, so a 40,000-key block would take half a minute.
 */
export interface FrontmatterLimits {
  frontmatterBytes: number;
  /** Keys of every mapping in the block, nested ones included. */
  frontmatterKeys: number;
}

const DEFAULT_FRONTMATTER_LIMITS: FrontmatterLimits = { frontmatterBytes: 262_144, frontmatterKeys: 2_000 };

/** Languages gray-matter would run as code. */
const EXECUTABLE_LANGUAGES = new Set(['js', 'javascript', 'coffee', 'coffeescript', 'cson']);
/** Alias expansions beyond this are treated as a "billion laughs" attack. */
const MAX_ALIAS_COUNT = 100;
const OPEN = { line: 1, column: 1 };
const DASH = 45;
const DOT = 46;

// The full parser loads the first time the fast path declines a block, which most corpora never do.
type Yaml = typeof import('yaml');
const require = createRequire(import.meta.url);
let yaml: Yaml | undefined;
const fullParser = (): Yaml => (yaml ??= require('yaml') as Yaml);

interface Split {
  yamlText: string;
  /** Where yamlText starts in the file's text. */
  yamlOffset: number;
  bodyStartLine: number;
  bodyOffset: number;
}

export function parseFrontmatter(text: string, limits: FrontmatterLimits = DEFAULT_FRONTMATTER_LIMITS): Frontmatter {
  if (text.length === 0) return { kind: 'missing', reason: 'the file is empty' };
  const firstLineEnd = lineEnd(text, 0);
  const firstLine = text.slice(0, firstLineEnd).trimEnd();
  if (!firstLine.startsWith('---') || firstLine.startsWith('----')) {
    const hint = firstLine.startsWith('+++') ? ' (TOML frontmatter is not supported; use YAML between --- lines)' : '';
    return { kind: 'missing', reason: `the file does not start with a YAML frontmatter block opened by ---${hint}` };
  }
  const language = firstLine.slice(3).trim().toLowerCase();
  if (EXECUTABLE_LANGUAGES.has(language)) {
    return {
      kind: 'unsafe',
      problems: [{ message: `frontmatter in "${language}" is executable code and is never run; write it as YAML`, position: OPEN }],
    };
  }
  if (language !== '' && language !== 'yaml' && language !== 'yml') {
    return { kind: 'invalid', problems: [{ message: `frontmatter language "${language}" is not supported; write it as YAML`, position: OPEN }] };
  }
  const split = splitBlock(text, firstLineEnd);
  if (!split) {
    return { kind: 'invalid', problems: [{ message: 'frontmatter opened by --- on line 1 is never closed by a --- line', position: OPEN }] };
  }
  const frontmatter = parseYamlBlock(text, split, limits);
  return frontmatter.kind === 'invalid' || frontmatter.kind === 'unsafe' ? { ...frontmatter, bodyStartLine: split.bodyStartLine, bodyOffset: split.bodyOffset } : frontmatter;
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline === -1 ? text.length : newline;
}

function splitBlock(text: string, firstLineEnd: number): Split | undefined {
  const closing = closingLine(text, firstLineEnd);
  if (!closing) return undefined;
  return { yamlText: text.slice(firstLineEnd + 1, closing.start), yamlOffset: firstLineEnd + 1, bodyStartLine: closing.lines + 3, bodyOffset: Math.min(closing.end + 1, text.length) };
}

/**
 * The line that closes a block whose opening line ends at `firstLineEnd`: lines end at \n only, and
 * --- or ... once trailing white space is trimmed closes it. Its start, its end (its \n, or the end
 * of the text), and how many lines lie between the opening line and it. The editors (review,
 * --fix) find the block's end here too, so they never edit a block other than the one read.
 */
export function closingLine(text: string, firstLineEnd: number): { start: number; end: number; lines: number } | undefined {
  let lineStart = firstLineEnd + 1;
  let lines = 0;
  while (lineStart <= text.length && firstLineEnd < text.length) {
    const end = lineEnd(text, lineStart);
    // Only a line starting - or . can close the block: the others are not copied to be compared.
    const first = text.charCodeAt(lineStart);
    const line = first === DASH || first === DOT ? text.slice(lineStart, end).trimEnd() : '';
    if (line === '---' || line === '...') return { start: lineStart, end, lines };
    if (end === text.length) break;
    lineStart = end + 1;
    lines++;
  }
  return undefined;
}

/** What an editor does about the YAML errors editors make most, after the parser's own words. */
const YAML_HINTS: Partial<Record<string, string>> = {
  // `title: Surgery: What to Expect` (an unquoted value holding ": ").
  BLOCK_AS_IMPLICIT_KEY: ' (a value that holds ": " must be quoted: title: "Surgery: What to Expect")',
};

function parseYamlBlock(text: string, split: Split, limits: FrontmatterLimits): Frontmatter {
  const overLimit = limitProblem(split.yamlText, limits);
  if (overLimit) return { kind: 'too-large', problem: overLimit, bodyStartLine: split.bodyStartLine, bodyOffset: split.bodyOffset };
  // The YAML text starts on line 2 of the file.
  const simple = parseSimpleYaml(text, 2, split.yamlOffset, split.yamlOffset + split.yamlText.length);
  if (simple) return { kind: 'ok', data: simple.data, keyPositions: simple.keyPositions, open: OPEN, bodyStartLine: split.bodyStartLine, bodyOffset: split.bodyOffset };
  const { isMap, isScalar, LineCounter, parseDocument } = fullParser();
  const lineCounter = new LineCounter();
  const toFilePosition = filePosition(lineCounter);
  const document = parseDocument(split.yamlText, { lineCounter, uniqueKeys: true, prettyErrors: false, version: '1.2', schema: 'core' });
  const problems: FrontmatterProblem[] = document.errors.map((error) => ({
    message:
      error.code === 'DUPLICATE_KEY'
        ? `duplicate key "${/^[^:\n]*/.exec(split.yamlText.slice(error.pos[0]))![0].trim()}" in frontmatter: each field may appear once`
        : `YAML syntax error: ${firstLine(error.message).replace(/ at line \d+, column \d+:?$/, '')}${YAML_HINTS[error.code] ?? ''}`,
    position: toFilePosition(error.pos[0]),
  }));
  if (problems.length > 0) return { kind: 'invalid', problems };

  const unsafeTags = document.warnings.filter((warning) => warning.code === 'TAG_RESOLVE_FAILED');
  if (unsafeTags.length > 0) {
    return {
      kind: 'unsafe',
      problems: unsafeTags.map((warning) => ({
        message: `custom YAML tag is not allowed in frontmatter (${firstLine(warning.message)})`,
        position: toFilePosition(warning.pos[0]),
      })),
    };
  }

  const contents = document.contents;
  if (contents !== null && !isMap(contents)) {
    const shape = isScalar(contents) ? 'a single value' : 'a list';
    return {
      kind: 'invalid',
      problems: [{ message: `frontmatter must be a mapping of fields to values, but it is ${shape}`, position: toFilePosition(contents.range?.[0] ?? 0) }],
    };
  }

  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'invalid', problems: [{ message: `frontmatter cannot be read: ${firstLine(message)} (YAML aliases expand too far)`, position: { line: 2, column: 1 } }] };
  }

  const keyPositions: Record<string, Position> = Object.create(null);
  for (const item of contents?.items ?? []) {
    const pair = item as Pair;
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key !== undefined && isScalar(pair.key) && pair.key.range) keyPositions[key] = toFilePosition(pair.key.range[0]);
  }
  return {
    kind: 'ok',
    data: detachStrings((data ?? {}) as Record<string, unknown>),
    keyPositions,
    open: OPEN,
    bodyStartLine: split.bodyStartLine,
    bodyOffset: split.bodyOffset,
  };
}

/** The data with its top-level strings copied out of the file's text (see detach), as the fast path gives them. */
function detachStrings(data: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'string') data[key] = detach(value);
    else if (Array.isArray(value)) data[key] = value.map((item) => (typeof item === 'string' ? detach(item) : item));
  }
  return data;
}

/** Is a block (the text between the --- lines) within the limits? For edits, which parse the YAML themselves. */
export function withinFrontmatterLimits(yamlText: string, limits: FrontmatterLimits): boolean {
  return limitProblem(yamlText, limits) === undefined;
}

/**
 * Why a block is over a limit, and where, or undefined when it is within them. The size is known
 * before any parse; the keys are counted on the lexer only when a cheap bound exceeds the limit.
 */
function limitProblem(yamlText: string, limits: FrontmatterLimits): FrontmatterProblem | undefined {
  // A UTF-16 code unit is at most 3 bytes of UTF-8, and every key has a character of its own: most
  // blocks are within both limits by their length alone.
  const bytes = yamlText.length * 3 <= limits.frontmatterBytes ? 0 : Buffer.byteLength(yamlText);
  if (bytes > limits.frontmatterBytes) {
    return { message: `the frontmatter is ${bytes} bytes, over the limit of ${limits.frontmatterBytes} (limits.frontmatterBytes); it is not read`, position: OPEN };
  }
  const extraKey = yamlText.length > limits.frontmatterKeys && keyBound(yamlText) > limits.frontmatterKeys ? keyBeyond(yamlText, limits.frontmatterKeys) : undefined;
  if (!extraKey) return undefined;
  return { message: `the frontmatter has more than ${limits.frontmatterKeys} keys (limits.frontmatterKeys): key ${limits.frontmatterKeys + 1} is here; it is not read`, position: extraKey };
}

const COLON = 58;
const QUESTION_MARK = 63;
const COMMA = 44;
const OPEN_BRACE = 123;

/**
 * A number no smaller than the block's count of keys, found without parsing: every key has its
 * own `:`, or is an explicit `? key`, or is a flow entry after its own `{` or `,`.
 */
function keyBound(yamlText: string): number {
  let count = 0;
  for (let index = 0; index < yamlText.length; index++) {
    const character = yamlText.charCodeAt(index);
    if (character === COLON || character === QUESTION_MARK || character === COMMA || character === OPEN_BRACE) count++;
  }
  return count;
}

/** The YAML text starts on line 2 of the file, always at column 1. */
function filePosition(lineCounter: InstanceType<Yaml['LineCounter']>): (offset: number) => Position {
  return (offset) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + 1, column: col };
  };
}

/** Lexer tokens that stand for no text: document start, flow end, and the mark before a plain scalar. */
const CONTROL_TOKENS = new Set(['\u0002', '\u0018', '\u001f']);
const PLAIN_SCALAR_MARK = '\u001f';

/**
 * Where the key after the first `limit` keys is, or undefined when there are no more. It counts
 * on the `yaml` lexer's tokens, four times faster than a parse and without building the document:
 * each `:` or explicit `?` outside a flow mapping is one key (an explicit key's `:` is not counted
 * again), and so is each entry of a flow mapping.
 */
function keyBeyond(yamlText: string, limit: number): Position | undefined {
  const { Lexer } = fullParser();
  /** One entry per open flow collection: is it a mapping? */
  const flows: boolean[] = [];
  let entryStart = false;
  let explicitKeys = 0;
  let keyStart = -1;
  let count = 0;
  let beyond = -1;
  const key = (offset: number) => {
    if (++count > limit && beyond === -1) beyond = offset;
  };
  const content = (offset: number) => {
    if (flows[flows.length - 1] === true && entryStart) key(offset);
    else if (keyStart === -1) keyStart = offset;
    entryStart = false;
  };
  let offset = 0;
  let scalarText = false;
  for (const token of new Lexer().lex(yamlText)) {
    const start = offset;
    if (token === PLAIN_SCALAR_MARK) {
      content(start);
      scalarText = true;
      continue;
    }
    if (CONTROL_TOKENS.has(token)) continue;
    offset += token.length;
    if (scalarText) {
      scalarText = false;
      continue;
    }
    const inFlowMap = flows[flows.length - 1] === true;
    if (token === '{' || token === '[') {
      content(start);
      flows.push(token === '{');
      entryStart = token === '{';
      keyStart = -1;
    } else if (token === '}' || token === ']') {
      flows.pop();
      entryStart = false;
    } else if (token === ',') {
      entryStart = inFlowMap;
      keyStart = -1;
    } else if ((token === ':' || token === '?') && !inFlowMap) {
      if (token === '?') {
        explicitKeys++;
        key(start);
      } else if (explicitKeys > 0) explicitKeys--;
      else key(keyStart === -1 ? start : keyStart);
      keyStart = -1;
    } else if (TRIVIA.test(token)) {
      if (token.includes('\n')) keyStart = -1;
    } else content(start);
    if (beyond !== -1) return positionOf(yamlText, beyond);
  }
  return undefined;
}

/** Spaces, line breaks, comments and document markers: tokens that are no key. */
const TRIVIA = /^(?:[ \t\r\n#\uFEFF]|---$|\.\.\.$)/;

/** The file position of an offset in the YAML text, by counting lines: done once, for the finding. */
function positionOf(yamlText: string, offset: number): Position {
  const { line, column } = positionInText(yamlText, offset);
  // The YAML text starts on the file's second line, after the opening ---.
  return { line: line + 1, column };
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}
