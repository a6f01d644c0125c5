/**
 * JSON written in chunks: the text of `escapeJsonText(JSON.stringify(value, null, 2))` and a
 * newline, byte for byte, but made one small value at a time (a document entry, a finding), so a
 * report of 100,000 pages is never held a second time as one string. A chunk always ends between
 * two tokens, never inside a string, so escaping chunk by chunk escapes what the whole would.
 */
import { escapeJsonText } from './escape.js';

/** Items written as a JSON array as they are made (SARIF results from findings), never all held at once. */
export class LazyArray {
  constructor(readonly items: Iterable<unknown>) {}
}

/** A container holding at most this many values (counted through its depth) is one chunk. */
const WHOLE = 64;

export function* jsonChunks(value: object): Generator<string> {
  const chunks = isSplit(value) ? partChunks(value, '') : [whole(value, '')!];
  for (const chunk of chunks) yield escapeJsonText(chunk);
  yield '\n';
}

/** The chunks of a value isSplit has chosen to write part by part. */
function partChunks(value: unknown, indent: string): Generator<string> {
  if (value instanceof LazyArray) return arrayChunks(value.items, indent);
  return Array.isArray(value) ? arrayChunks(value, indent) : objectChunks(value as Record<string, unknown>, indent);
}

function* arrayChunks(items: Iterable<unknown>, indent: string): Generator<string> {
  const inner = `${indent}  `;
  let opening = '[';
  for (const item of items) {
    const lead = `${opening}\n${inner}`;
    opening = ',';
    if (isSplit(item)) {
      yield lead;
      yield* partChunks(item, inner);
    } else {
      // What JSON.stringify writes for undefined, a function or a symbol in an array.
      yield lead + (whole(item, inner) ?? 'null');
    }
  }
  yield opening === '[' ? '[]' : `\n${indent}]`;
}

function* objectChunks(object: Record<string, unknown>, indent: string): Generator<string> {
  const inner = `${indent}  `;
  let opening = '{';
  for (const key of Object.keys(object)) {
    const member = object[key];
    const lead = `${opening}\n${inner}${JSON.stringify(key)}: `;
    if (isSplit(member)) {
      opening = ',';
      yield lead;
      yield* partChunks(member, inner);
      continue;
    }
    const text = whole(member, inner);
    // Undefined, a function or a symbol: JSON.stringify leaves the key out.
    if (text === undefined) continue;
    opening = ',';
    yield lead + text;
  }
  yield opening === '{' ? '{}' : `\n${indent}}`;
}

/** JSON.stringify's text of a value at `indent` (the depth of the value in the whole text). */
function whole(value: unknown, indent: string): string | undefined {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) as string | undefined;
  if (indent === '' || !isPlainContainer(value)) return indented(JSON.stringify(value, null, 2) as string | undefined, indent);
  // Nested in as many arrays as it is deep, JSON.stringify lays the value out at its depth itself
  // (much faster than indenting its text after): the text between the wrappers' brackets is the value's.
  const depth = indent.length / 2;
  let wrapped: unknown = value;
  for (let level = 0; level < depth; level++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  return text.slice(depth * depth + 3 * depth, text.length - (depth * depth + depth));
}

/** Text JSON.stringify laid out at depth 0, moved to `indent` (its line breaks are all layout: a string holds none). */
function indented(text: string | undefined, indent: string): string | undefined {
  return text === undefined || indent === '' || !text.includes('\n') ? text : text.replaceAll('\n', `\n${indent}`);
}

/** A value written part by part: a lazy array, or a plain array or object of more than WHOLE values (anything else is JSON.stringify's). */
function isSplit(value: unknown): boolean {
  return value instanceof LazyArray || (isPlainContainer(value) && budgetLeft(value, WHOLE) < 0);
}

/** The budget less the values inside `container`, counted through its depth; below 0 as soon as it is spent. */
function budgetLeft(container: object, budget: number): number {
  const members = Array.isArray(container) ? container : Object.values(container);
  let left = budget - members.length;
  for (let index = 0; index < members.length && left >= 0; index++) {
    const member: unknown = members[index];
    if (member instanceof LazyArray) return -1;
    if (typeof member === 'object' && member !== null) left = budgetLeft(member, left);
  }
  return left;
}

/** An array or an object of plain data: one without toJSON, whose text JSON.stringify makes from its members alone. */
function isPlainContainer(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
