/**
 * Lossless frontmatter edits: the yaml package's Document (with its CST ranges) finds exactly
 * where a value is written, and only those characters change. Other keys, their order, quoting,
 * comments, line endings, a BOM and the body stay byte for byte as they were; gray-matter's
 * stringify would rewrite the whole block.
 */
import { isMap, isScalar, parseDocument, Scalar, type Pair } from 'yaml';
import { NON_STRING_PLAIN } from '../corpus/simple-yaml.js';
import { closingLine } from '../corpus/frontmatter.js';

/** The page itself prevents the edit (its metadata fails the schema, a value is a list): a finding about the page, exit 1. */
export class EditRefused extends Error {}

interface FrontmatterText {
  /** Text before the YAML (a BOM and the opening --- line). */
  prefix: string;
  yaml: string;
  /** The closing delimiter and the body. */
  suffix: string;
  newline: string;
}

export function splitForEditing(text: string): FrontmatterText | undefined {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const rest = text.slice(bom.length);
  const open = /^---[ \t]*\r?\n/.exec(rest);
  if (!open) return undefined;
  const afterOpen = rest.slice(open[0].length);
  // Found as the reader finds it: a multiline expression's ^ also starts a line after \r, U+2028 and
  // U+2029, so `key: a<U+2028>---` closed the block here and not for the reader, and a review stamped
  // there moved the metadata after it into the body.
  const closing = closingLine(afterOpen, -1);
  if (!closing) return undefined;
  return {
    prefix: bom + open[0],
    yaml: afterOpen.slice(0, closing.start),
    suffix: afterOpen.slice(closing.start),
    newline: open[0].endsWith('\r\n') ? '\r\n' : '\n',
  };
}

/** Sets a top-level string value, keeping the quoting style it had; appends `key: 'value'` when absent; refuses a list or map. */
export function setScalar(yamlText: string, key: string, value: string, newline: string): string {
  const document = parseDocument(yamlText, { keepSourceTokens: true, version: '1.2', schema: 'core' });
  const contents = document.contents;
  if (!isMap(contents)) throw new EditRefused('the frontmatter is not a mapping');
  const pair = contents.items.find((item) => isScalar((item as Pair).key) && String(((item as Pair).key as Scalar).value) === key) as Pair | undefined;
  if (!pair) {
    const separator = yamlText === '' || yamlText.endsWith('\n') ? '' : newline;
    return `${yamlText}${separator}${key}: ${quote(value, Scalar.QUOTE_SINGLE)}${newline}`;
  }
  if (!isScalar(pair.value) || !pair.value.range) throw new EditRefused(`${key} is not a single value; change it by hand`);
  const edit = scalarEdit(yamlText, pair.value, value);
  return yamlText.slice(0, edit.start) + edit.replacement + yamlText.slice(edit.end);
}

/**
 * The range and text that give a scalar a new value, in the style it had: a block scalar becomes a
 * single-quoted one (the line breaks after its text are kept), and an empty value gets the space YAML
 * needs after the colon and before a comment.
 */
export function scalarEdit(yamlText: string, scalar: Scalar, value: string): { start: number; end: number; replacement: string } {
  const [start, end] = scalar.range!;
  const isBlock = scalar.type === Scalar.BLOCK_LITERAL || scalar.type === Scalar.BLOCK_FOLDED;
  const trailingBreaks = isBlock ? (/(?:[ \t]*\r?\n)*$/.exec(yamlText.slice(start, end))?.[0] ?? '') : '';
  const before = start === end && yamlText[start - 1] === ':' ? ' ' : '';
  const after = start === end && yamlText[end] === '#' ? ' ' : '';
  return { start, end, replacement: before + quote(value, isBlock ? Scalar.QUOTE_SINGLE : scalar.type) + after + trailingBreaks };
}

function quote(value: string, style: Scalar['type']): string {
  if (style === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
  // Plain stays plain when YAML would still read the new value as the same text.
  if (style === Scalar.PLAIN && /^[\w][\w .-]*$/.test(value) && !value.endsWith(' ') && !NON_STRING_PLAIN.test(value)) return value;
  return `'${value.replace(/'/g, "''")}'`;
}
