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
  for (const chunk of valueChunks(value, '')) yield escapeJsonText(chunk);
  yield '\n';
}

function* valueChunks(value: unknown, indent: string): Generator<string> {
  if (value instanceof LazyArray) yield* arrayChunks(value.items, indent);
  else if (!isSplit(value)) yield whole(value, indent) ?? 'null';
  else if (Array.isArray(value)) yield* arrayChunks(value, indent);
  else yield* objectChunks(value as Record<string, unknown>, indent);
}

function* arrayChunks(items: Iterable<unknown>, indent: string): Generator<string> {
  const inner = `${indent}  `;
  let opening = '[';
  for (const item of items) {
    const lead = `${opening}\n${inner}`;
    opening = ',';
    if (isSplit(item)) {
      yield lead;
      yield* valueChunks(item, inner);
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
      yield* valueChunks(member, inner);
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

/** JSON.stringify's text of a value, at `indent` (its line breaks are all layout: a string holds none). */
function whole(value: unknown, indent: string): string | undefined {
  const text = JSON.stringify(value, null, 2) as string | undefined;
  return text === undefined || indent === '' || !text.includes('\n') ? text : text.replaceAll('\n', `\n${indent}`);
}

/** A value written part by part: a lazy array, or a plain array or object of more than WHOLE values (anything else is JSON.stringify's). */
function isSplit(value: unknown): boolean {
  if (value instanceof LazyArray) return true;
  if (!isPlainContainer(value)) return false;
  let budget = WHOLE;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next instanceof LazyArray) return true;
    if (typeof next !== 'object' || next === null) continue;
    const members = Array.isArray(next) ? next : Object.values(next);
    budget -= members.length;
    if (budget < 0) return true;
    pending.push(...members);
  }
  return false;
}

/** An array or an object of plain data: one without toJSON, whose text JSON.stringify makes from its members alone. */
function isPlainContainer(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
