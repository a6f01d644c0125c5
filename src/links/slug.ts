/**
 * Heading anchors as GitHub makes them (github-slugger): lowercase, punctuation dropped, spaces to
 * hyphens. Headings come from content, so every step is linear in the heading: the markup is
 * removed by forward scans, not by expressions that search from each `[`, `<` or `_` to the end
 * of the line (a heading of 50,000 `[` took seconds).
 */

const NOT_SLUG_CHARACTER = /[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu;
/** Most headings: nothing to render or drop, only case and spaces to change. */
const PLAIN_ASCII_HEADING = /^[A-Za-z0-9 -]*$/;
const WORD_CHARACTER = /^[\p{L}\p{N}_]/u;
const WHITE_SPACE = /^\s/u;
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/g;
const UNDERSCORE = 95;
const TAB = 9;
const CARRIAGE_RETURN = 13;
const SPACE = 32;
const CLOSE_BRACE = 125;
const OPEN_BRACE = 123;
const HASH = 35;

export function githubSlug(headingText: string): string {
  if (PLAIN_ASCII_HEADING.test(headingText)) return headingText.trim().toLowerCase().replace(/ /g, '-');
  return plainText(headingText).trim().toLowerCase().replace(NOT_SLUG_CHARACTER, '').replace(/ /g, '-');
}

/** The text a heading renders to: link and image text kept, markup and HTML tags dropped. */
function plainText(markdown: string): string {
  const text = dropTags(keepBracketedText(keepBracketedText(markdown, '(', ')'), '[', ']'));
  return dropUnderscoreEmphasis(text).replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/**
 * `[text](url)` (with `opener` `(`) or `[text][ref]` (with `[`), an image's `!` included, becomes
 * its text: what /!?\[([^\]]*)\]\([^)]*\)/g replaced with '$1'. A `[` whose first `]` is not
 * followed by the opener fails, and so does every `[` before that `]`; when no closer follows,
 * no later `[` can succeed either.
 */
function keepBracketedText(text: string, opener: '(' | '[', closer: ')' | ']'): string {
  return replaceMatches(text, (from) => {
    let position = from;
    while (true) {
      const open = text.indexOf('[', position);
      const close = open === -1 ? -1 : text.indexOf(']', open + 1);
      if (close === -1) return undefined;
      if (text[close + 1] === opener) {
        const end = text.indexOf(closer, close + 2);
        return end === -1 ? undefined : { start: text[open - 1] === '!' ? open - 1 : open, end: end + 1, replacement: text.slice(open + 1, close) };
      }
      position = close + 1;
    }
  });
}

/** HTML tags go: what /<[^>]+>/g replaced with ''. */
function dropTags(text: string): string {
  return replaceMatches(text, (from) => {
    let position = from;
    while (true) {
      const open = text.indexOf('<', position);
      const close = open === -1 ? -1 : text.indexOf('>', open + 1);
      if (close === -1) return undefined;
      if (close > open + 1) return { start: open, end: close + 1, replacement: '' };
      position = open + 1;
    }
  });
}

/** Replaces each match `find` returns, looking for the next one from the end of the last. */
function replaceMatches(text: string, find: (from: number) => { start: number; end: number; replacement: string } | undefined): string {
  let result = '';
  let copied = 0;
  for (let match = find(0); match; match = find(match.end)) {
    result += text.slice(copied, match.start) + match.replacement;
    copied = match.end;
  }
  return copied === 0 ? text : result + text.slice(copied);
}

/**
 * `_emphasis_`, `__strong__` and `___both___` lose their underscores; `snake_case` keeps its own.
 * What /(^|[^\p{L}\p{N}_\\])(_{1,3})(?=\S)(.+?)(?<=[^\s\\])\2(?![\p{L}\p{N}_])/gu replaced with
 * '$1$3', found in one pass: an opening is a run of underscores after the start or a character
 * other than a letter, digit, _ or \; its closing is the nearest run end that has as many
 * underscores, no letter, digit or _ after, and no white space or \ before. For each width (1, 2
 * or 3) the closings are listed once and walked forward, as the openings only move forward.
 */
function dropUnderscoreEmphasis(text: string): string {
  if (!text.includes('_')) return text;
  const runs: { start: number; end: number }[] = [];
  for (let start = text.indexOf('_'); start !== -1; ) {
    let end = start;
    while (text.charCodeAt(end) === UNDERSCORE) end++;
    runs.push({ start, end });
    start = text.indexOf('_', end);
  }
  // Closings of each width, in order.
  const closings: number[][] = [[], [], [], []];
  for (const run of runs) {
    if (run.end < text.length && WORD_CHARACTER.test(text.slice(run.end, run.end + 2))) continue;
    for (let width = 1; width <= 3; width++) {
      const closing = run.end - width;
      if (closing < run.start) break;
      if (closing === run.start) {
        const before = codePointBefore(text, closing);
        if (before === '' || before === '\\' || WHITE_SPACE.test(before)) continue;
      }
      closings[width]!.push(closing);
    }
  }
  const terminators: number[] = [];
  for (const match of text.matchAll(LINE_TERMINATOR)) terminators.push(match.index);
  const nextClosing = [0, 0, 0, 0];
  let result = '';
  let copied = 0;
  for (const run of runs) {
    if (run.start < copied) continue;
    const before = codePointBefore(text, run.start);
    // The character before the run belongs to the match: it may not be part of the last one.
    if (run.start - before.length < copied || (run.start > 0 && (before === '\\' || WORD_CHARACTER.test(before)))) continue;
    for (let width = Math.min(run.end - run.start, 3); width >= 1; width--) {
      const contentStart = run.start + width;
      if (contentStart >= text.length || WHITE_SPACE.test(text.slice(contentStart, contentStart + 2))) continue;
      const list = closings[width]!;
      let index = nextClosing[width]!;
      while (index < list.length && list[index]! <= contentStart) index++;
      nextClosing[width] = index;
      const closing = list[index];
      if (closing === undefined || firstAtOrAfter(terminators, contentStart) < closing) continue;
      result += text.slice(copied, run.start) + text.slice(contentStart, closing);
      copied = closing + width;
      break;
    }
  }
  return copied === 0 ? text : result + text.slice(copied);
}

/** The code point that ends just before `index`, or '' at the start. */
function codePointBefore(text: string, index: number): string {
  if (index === 0) return '';
  const low = text.charCodeAt(index - 1);
  if (index >= 2 && low >= 0xdc00 && low <= 0xdfff) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(index - 2, index);
  }
  return text[index - 1]!;
}

/** The first of the sorted `positions` at or after `from`, or Infinity. */
function firstAtOrAfter(positions: readonly number[], from: number): number {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (positions[middle]! < from) low = middle + 1;
    else high = middle;
  }
  return positions[low] ?? Infinity;
}

/** Hands out GitHub's ids in document order: a repeated slug gets -1, -2… */
export class Slugger {
  private readonly seen = new Map<string, number>();

  slug(headingText: string): string {
    const original = githubSlug(headingText);
    let result = original;
    while (this.seen.has(result)) {
      const count = this.seen.get(original)! + 1;
      this.seen.set(original, count);
      result = `${original}-${count}`;
    }
    this.seen.set(result, 0);
    return result;
  }
}

/**
 * `{#id}` ending a heading: what /\{#([^\s}]+)\}\s*$/ matched, found by hand because that
 * expression ran from each `{#` to the end of the line (`{#{#{#…` was quadratic).
 */
export function explicitHeadingId(text: string): { id: string; index: number } | undefined {
  let close = text.length;
  while (close > 0 && isWhiteSpace(text.charCodeAt(close - 1))) close--;
  close--;
  if (close < 0 || text.charCodeAt(close) !== CLOSE_BRACE) return undefined;
  // The id and its `{#` lie in the run of characters other than white space and } before it.
  let runStart = close;
  while (runStart > 0 && text.charCodeAt(runStart - 1) !== CLOSE_BRACE && !isWhiteSpace(text.charCodeAt(runStart - 1))) runStart--;
  const index = text.indexOf('{#', runStart);
  if (index !== -1 && index + 2 < close) return { id: text.slice(index + 2, close), index };
  return attributeListId(text, close);
}

/**
 * `{#id .class key=value}` ending a heading (Pandoc, Hugo's goldmark, kramdown): the list from the
 * last `{` before the closing `}` at `close`, with no brace inside, names the heading by its word
 * that starts with `#`. One scan back and one forward, linear in the heading.
 */
function attributeListId(text: string, close: number): { id: string; index: number } | undefined {
  let open = close - 1;
  while (open >= 0 && text.charCodeAt(open) !== OPEN_BRACE && text.charCodeAt(open) !== CLOSE_BRACE) open--;
  if (open < 0 || text.charCodeAt(open) !== OPEN_BRACE) return undefined;
  for (let start = open + 1; start < close; ) {
    while (start < close && isWhiteSpace(text.charCodeAt(start))) start++;
    let end = start;
    while (end < close && !isWhiteSpace(text.charCodeAt(end))) end++;
    if (text.charCodeAt(start) === HASH && end > start + 1) return { id: text.slice(start + 1, end), index: open };
    start = end;
  }
  return undefined;
}

/** What `\s` matches (and String#trim drops): white space and line terminators. */
export function isWhiteSpace(character: number): boolean {
  if (character < 128) return character === SPACE || (character >= TAB && character <= CARRIAGE_RETURN);
  return (
    character === 0xa0 || character === 0x1680 || (character >= 0x2000 && character <= 0x200a) || character === 0x2028 || character === 0x2029 ||
    character === 0x202f || character === 0x205f || character === 0x3000 || character === 0xfeff
  );
}
