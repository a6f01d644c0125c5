/**
 * JSON syntax errors told by line and column, never by quoting the text: a config or data file may
 * be a link to a secret, and V8's message quotes it ("Unexpected token 'S', "SECRET_TOK"...").
 */
import { positionInText } from './text.js';

/** What is wrong and where, for `X is not valid JSON: …`; `error` is what JSON.parse threw on `text`. */
export function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  // V8's positioned messages are fixed phrases; only such a phrase is kept.
  const positioned = /^([A-Za-z ',:{}[\]-]+) in JSON at position (\d+)/.exec(message);
  const offset = positioned ? Number(positioned[2]) : (jsonErrorOffset(text) ?? 0);
  const reason = positioned ? positioned[1]! : offset >= text.length ? 'unexpected end of input' : 'unexpected character';
  const { line, column } = positionInText(text, offset);
  return `line ${line}, column ${column}: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const LITERALS: Record<string, string> = { t: 'true', f: 'false', n: 'null' };
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

/**
 * The offset of the first character JSON does not allow where it stands (the text's length when
 * the text ends early), or undefined for valid JSON. For the errors V8 gives no position for; one
 * pass with an explicit stack, so linear in the text at any nesting depth.
 */
export function jsonErrorOffset(text: string): number | undefined {
  const closers: string[] = [];
  let at = 0;
  let expecting: 'value' | 'key' | 'after' = 'value';
  let justOpened = false;
  const skipWhitespace = () => {
    while (at < text.length && WHITESPACE.has(text[at]!)) at++;
  };
  for (;;) {
    skipWhitespace();
    if (at === text.length) return expecting === 'after' && closers.length === 0 ? undefined : at;
    const char = text[at]!;
    if (justOpened && char === closers.at(-1)) {
      closers.pop();
      at++;
      expecting = 'after';
      justOpened = false;
      continue;
    }
    justOpened = false;
    if (expecting === 'after') {
      if (closers.length === 0) return at;
      if (char === closers.at(-1)) closers.pop();
      else if (char === ',') expecting = closers.at(-1) === '}' ? 'key' : 'value';
      else return at;
      at++;
      continue;
    }
    if (expecting === 'key') {
      if (char !== '"') return at;
      const key = stringEnd(text, at);
      if ('error' in key) return key.error;
      at = key.end;
      skipWhitespace();
      if (text[at] !== ':') return at;
      at++;
      expecting = 'value';
      continue;
    }
    if (char === '{' || char === '[') {
      closers.push(char === '{' ? '}' : ']');
      expecting = char === '{' ? 'key' : 'value';
      justOpened = true;
      at++;
      continue;
    }
    const end = valueEnd(text, at);
    if ('error' in end) return end.error;
    at = end.end;
    expecting = 'after';
  }
}

/** The end of the string, number or literal at `start`, or where it goes wrong. */
function valueEnd(text: string, start: number): { end: number } | { error: number } {
  const char = text[start]!;
  if (char === '"') return stringEnd(text, start);
  const literal = LITERALS[char];
  if (literal) {
    for (let index = 1; index < literal.length; index++) if (text[start + index] !== literal[index]) return { error: start + index };
    return { end: start + literal.length };
  }
  NUMBER.lastIndex = start;
  const number = NUMBER.exec(text);
  if (!number) return { error: char === '-' ? start + 1 : start };
  const end = start + number[0].length;
  // A dot or an exponent mark with no digit after it: the error is where the digit should be, as V8 says.
  const exponent = /[eE]/.test(number[0]);
  if (text[end] === '.' && !exponent && !number[0].includes('.')) return { error: end + 1 };
  if ((text[end] === 'e' || text[end] === 'E') && !exponent) return { error: end + (text[end + 1] === '+' || text[end + 1] === '-' ? 2 : 1) };
  return { end };
}

function stringEnd(text: string, start: number): { end: number } | { error: number } {
  for (let at = start + 1; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 0x22) return { end: at + 1 };
    if (code < 0x20) return { error: at };
    if (code !== 0x5c) continue;
    const escape = text[at + 1];
    if (escape === 'u') {
      HEX4.lastIndex = at + 2;
      if (!HEX4.test(text)) return { error: at + 2 };
      at += 5;
    } else if (escape !== undefined && ESCAPES.has(escape)) at++;
    else return { error: at + 1 };
  }
  return { error: text.length };
}
