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
import type { Position } from './text.js';

export interface FrontmatterProblem {
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
  | { kind: 'missing'; reason: string }
  | { kind: 'unsafe'; problems: FrontmatterProblem[] }
  | { kind: 'invalid'; problems: FrontmatterProblem[] };

/** Languages gray-matter would run as code. */
const EXECUTABLE_LANGUAGES = new Set(['js', 'javascript', 'coffee', 'coffeescript', 'cson']);
/** Alias expansions beyond this are treated as a "billion laughs" attack. */
const MAX_ALIAS_COUNT = 100;
const OPEN = { line: 1, column: 1 };

// The full parser loads the first time the fast path declines a block, which most corpora never do.
type Yaml = typeof import('yaml');
const require = createRequire(import.meta.url);
let yaml: Yaml | undefined;
const fullParser = (): Yaml => (yaml ??= require('yaml') as Yaml);

interface Split {
  yamlText: string;
  bodyStartLine: number;
  bodyOffset: number;
}

export function parseFrontmatter(text: string): Frontmatter {
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
  return parseYamlBlock(split);
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline === -1 ? text.length : newline;
}

function splitBlock(text: string, firstLineEnd: number): Split | undefined {
  let lineStart = firstLineEnd + 1;
  let lineNumber = 2;
  while (lineStart <= text.length && firstLineEnd < text.length) {
    const end = lineEnd(text, lineStart);
    const line = text.slice(lineStart, end).trimEnd();
    if (line === '---' || line === '...') {
      return { yamlText: text.slice(firstLineEnd + 1, lineStart), bodyStartLine: lineNumber + 1, bodyOffset: Math.min(end + 1, text.length) };
    }
    if (end === text.length) break;
    lineStart = end + 1;
    lineNumber++;
  }
  return undefined;
}

function parseYamlBlock(split: Split): Frontmatter {
  const simple = parseSimpleYaml(split.yamlText);
  if (simple) {
    const keyPositions: Record<string, Position> = Object.create(null); // a key named constructor is a key like any other
    // The YAML text starts on line 2 of the file.
    for (const [key, line] of Object.entries(simple.keyLines)) keyPositions[key] = { line: line + 2, column: 1 };
    return { kind: 'ok', data: simple.data, keyPositions, open: OPEN, bodyStartLine: split.bodyStartLine, bodyOffset: split.bodyOffset };
  }
  const { isMap, isScalar, LineCounter, parseDocument } = fullParser();
  const lineCounter = new LineCounter();
  const document = parseDocument(split.yamlText, { lineCounter, uniqueKeys: true, prettyErrors: false, version: '1.2', schema: 'core' });
  // The YAML text starts on line 2 of the file, always at column 1.
  const toFilePosition = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + 1, column: col };
  };
  const problems: FrontmatterProblem[] = document.errors.map((error) => ({
    message:
      error.code === 'DUPLICATE_KEY'
        ? `duplicate key "${/^[^:\n]*/.exec(split.yamlText.slice(error.pos[0]))![0].trim()}" in frontmatter: each field may appear once`
        : `YAML syntax error: ${firstLine(error.message).replace(/ at line \d+, column \d+:?$/, '')}`,
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
    data: (data ?? {}) as Record<string, unknown>,
    keyPositions,
    open: OPEN,
    bodyStartLine: split.bodyStartLine,
    bodyOffset: split.bodyOffset,
  };
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}
