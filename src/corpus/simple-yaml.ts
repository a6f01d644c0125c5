/**
 * A fast path for the frontmatter shape almost every document has: top-level `key: scalar` lines
 * and `key:` followed by `- item` lines, where every scalar is text. It returns undefined for
 * anything else (comments, blank lines, flow collections, anchors, tags, multi-line or escaped
 * strings, duplicate keys, values YAML would read as null, booleans or numbers), and the caller
 * then parses with the full `yaml` package. On its subset it yields exactly what `yaml` yields
 * under the YAML 1.2 core schema; tests compare the two. Parsing with `yaml` costs ~170 µs per
 * document, which alone would exceed the 10,000-document budget.
 */

interface SimpleYaml {
  data: Record<string, string | string[]>;
  /** Zero-based line of each key within the YAML text (keys are always at column 1). */
  keyLines: Record<string, number>;
}

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?: (.*))?$/;
const LIST_ITEM = /^( {0,2})- (.*)$/;
/** Plain scalars the core schema resolves to null, booleans or numbers. */
export const NON_STRING_PLAIN =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
/** Characters that may not start a plain scalar (YAML indicators) or that need the full parser. */
const PLAIN_FORBIDDEN_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/;

export function parseSimpleYaml(yamlText: string): SimpleYaml | undefined {
  const lines = yamlText.split('\n');
  // The text ends with the newline before the closing delimiter.
  if (lines[lines.length - 1] === '') lines.pop();
  // Plain objects with the same keys in the same order share V8's hidden classes: much faster than
  // null-prototype dictionaries. Object.hasOwn guards against inherited names such as toString.
  const data: Record<string, string | string[]> = {};
  const keyLines: Record<string, number> = {};
  let listKey: string | undefined;
  let listIndent: string | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = stripCarriageReturn(lines[index]!);
    const item = listKey === undefined ? null : LIST_ITEM.exec(line);
    if (item) {
      if (listIndent !== undefined && item[1] !== listIndent) return undefined;
      listIndent = item[1];
      const value = scalar(item[2]!);
      if (value === undefined) return undefined;
      (data[listKey!] as string[]).push(value);
      continue;
    }
    if (listKey !== undefined && (data[listKey] as string[]).length === 0) return undefined;
    listKey = undefined;
    listIndent = undefined;
    const pair = KEY_LINE.exec(line);
    if (!pair) return undefined;
    const key = pair[1]!;
    if (Object.hasOwn(data, key) || key === '__proto__' || NON_STRING_PLAIN.test(key)) return undefined;
    keyLines[key] = index;
    const rawValue = pair[2];
    if (rawValue === undefined || rawValue.trim() === '') {
      data[key] = [];
      listKey = key;
      continue;
    }
    const value = scalar(rawValue);
    if (value === undefined) return undefined;
    data[key] = value;
  }
  if (listKey !== undefined && (data[listKey] as string[]).length === 0) return undefined;
  return { data, keyLines };
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

function scalar(raw: string): string | undefined {
  const text = trimSpacesAndTabs(raw);
  if (text.length === 0) return undefined;
  const first = text[0];
  if (first === "'") return singleQuoted(text);
  if (first === '"') return doubleQuoted(text);
  if (PLAIN_FORBIDDEN_START.test(text) || NON_STRING_PLAIN.test(text)) return undefined;
  if (text.includes(': ') || text.endsWith(':') || text.includes(' #') || text.includes('\t')) return undefined;
  return text;
}

/** Drops trailing spaces and tabs. By hand: /[ \t]+$/ retries from every blank of a long inner run, which is quadratic. */
function trimSpacesAndTabs(text: string): string {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  return text.slice(0, end);
}

function singleQuoted(text: string): string | undefined {
  if (text.length < 2 || !text.endsWith("'")) return undefined;
  const inner = text.slice(1, -1);
  // Every quote inside must be doubled ('') and nothing may follow the closing quote.
  if (inner.replace(/''/g, '').includes("'")) return undefined;
  return inner.replace(/''/g, "'");
}

function doubleQuoted(text: string): string | undefined {
  if (text.length < 2 || !text.endsWith('"')) return undefined;
  const inner = text.slice(1, -1);
  return inner.includes('"') || inner.includes('\\') ? undefined : inner;
}
