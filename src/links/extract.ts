/**
 * Finds every link in a Markdown body, with its line and column in the whole file, and every
 * anchor its headings and HTML ids define. A line scanner, not a full CommonMark parser: it
 * knows fenced and indented code, inline code spans and HTML comments (no links inside them),
 * inline links and images, reference definitions, autolinks, GFM bare URLs and HTML a/img tags.
 * It runs on every document of every lint, so it avoids regular expressions on lines that
 * cannot hold a link.
 */
import { Slugger } from './slug.js';

export type LinkKind = 'inline' | 'image' | 'definition' | 'autolink' | 'bare' | 'html';

export interface ExtractedLink {
  /** The destination as written (angle brackets removed). */
  url: string;
  kind: LinkKind;
  line: number;
  column: number;
}

export interface Extracted {
  links: ExtractedLink[];
  /** Ids a #fragment may name: heading slugs, <a id/name>, {#id}. */
  anchors: string[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const DEFINITION = /^ {0,3}\[((?:[^\]\\]|\\.)+)\]:[ \t]*(<[^>\n]*>|\S+)/;
const EXPLICIT_ID = /\{#([^\s}]+)\}\s*$/;
const HTML_ID = /<a\s[^>]*?\b(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
const HTML_LINK = /<(a|img)\s[^>]*?\b(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
const AUTOLINK = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>/g;
const BARE_URL = /(?:https?:\/\/|www\.)[^\s<]*/g;
/** Characters a destination may hold without the scanner's attention (no space, parenthesis or escape). */
const PLAIN_DESTINATION_RUN = /[^ \t()\\]*/y;
const LIST_ITEM = /^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;
const NON_SPACE = /\S/;
const TAB = 9;
const CARRIAGE_RETURN = 13;
const SPACE = 32;
const HASH = 35;
const OPEN_PARENTHESIS = 40;
const CLOSE_PARENTHESIS = 41;
const LESS_THAN = 60;
const OPEN_BRACKET = 91;
const BACKSLASH = 92;
const CLOSE_BRACKET = 93;
const BACKTICK = 96;
const TILDE = 126;

/** The first character after up to three spaces: a cheap test before the fence and heading expressions. */
function firstAfterIndent(line: string): number {
  let index = 0;
  while (index < 3 && line.charCodeAt(index) === SPACE) index++;
  return line.charCodeAt(index);
}

/** A printable ASCII character other than space: a line that has one is not blank. */
function isVisibleAscii(character: number): boolean {
  return character > SPACE && character < 127;
}

/**
 * @param body the text after the frontmatter
 * @param firstLine the file line number the body starts on
 */
export function extractLinks(body: string, firstLine: number): Extracted {
  const links: ExtractedLink[] = [];
  const slugger = new Slugger();
  const anchors: string[] = [];
  const lines = body.split('\n');
  let fence: { marker: string; length: number } | undefined;
  let inHtmlComment = false;
  let previousBlank = true;
  let inList = false;
  let paragraphLine: string | undefined;
  let lineNumber = firstLine;
  const push: Push = (url, kind, offset) => links.push({ url, kind, line: lineNumber, column: offset + 1 });

  for (let index = 0; index < lines.length; index++) {
    let line = lines[index]!;
    if (line.charCodeAt(line.length - 1) === CARRIAGE_RETURN) line = line.slice(0, -1);
    lineNumber = firstLine + index;

    const leading = firstAfterIndent(line);
    const mayFence = leading === BACKTICK || leading === TILDE;
    if (fence) {
      const closing = mayFence ? FENCE.exec(line) : null;
      if (closing && closing[1]![0] === fence.marker && closing[1]!.length >= fence.length && closing[2]!.trim() === '') fence = undefined;
      continue;
    }
    const opening = mayFence ? FENCE.exec(line) : null;
    if (opening && !(opening[1]![0] === '`' && opening[2]!.includes('`'))) {
      fence = { marker: opening[1]![0]!, length: opening[1]!.length };
      paragraphLine = undefined;
      continue;
    }
    if (!isVisibleAscii(leading) && !NON_SPACE.test(line)) {
      previousBlank = true;
      paragraphLine = undefined;
      continue;
    }
    // Indented code: four spaces after a blank line, outside a list.
    if (previousBlank && !inList && (line.startsWith('    ') || line.charCodeAt(0) === TAB)) continue;
    if (LIST_ITEM.test(line)) inList = true;
    else if (previousBlank && !/^\s/.test(line)) inList = false;
    previousBlank = false;

    // Headings and the anchors they define.
    const heading = leading === HASH ? ATX_HEADING.exec(line) : null;
    if (heading) {
      addHeadingAnchors(heading[2] ?? '', slugger, anchors);
      paragraphLine = undefined;
    } else if (paragraphLine !== undefined && SETEXT_UNDERLINE.test(line) && !LIST_ITEM.test(paragraphLine)) {
      addHeadingAnchors(paragraphLine.trim(), slugger, anchors);
      paragraphLine = undefined;
      continue;
    } else {
      paragraphLine = line;
    }

    // Blank out what cannot hold links (comments, code spans), keeping columns.
    let scan = line;
    const hasAngle = scan.includes('<');
    if (inHtmlComment || (hasAngle && scan.includes('<!--'))) {
      const result = blankComments(scan, inHtmlComment);
      scan = result.text;
      inHtmlComment = result.open;
    }
    if (scan.includes('`')) scan = blankCodeSpans(scan);
    if (hasAngle && (scan.includes('<a') || scan.includes('<A'))) collectHtmlIds(scan, anchors);
    // Substring searches are much cheaper than one alternation expression on long lines.
    const hasBracket = scan.includes('[');
    const hasUrl = scan.includes('http') || scan.includes('www.');
    if (!hasBracket && !hasAngle && !hasUrl) continue;

    const definition = hasBracket ? DEFINITION.exec(scan) : null;
    if (definition) {
      push(stripAngles(definition[2]!), 'definition', scan.indexOf('['));
      continue;
    }
    // Spans already taken by a link, as [start, end) pairs, so later scanners skip them.
    const taken: number[] = [];
    collectInlineLinks(scan, push, taken);
    if (hasAngle) collectAngleLinks(scan, push, taken);
    if (hasUrl) collectBareUrls(scan, push, taken);
  }
  return { links, anchors };
}

function addHeadingAnchors(text: string, slugger: Slugger, anchors: string[]): void {
  const explicit = EXPLICIT_ID.exec(text);
  if (explicit) {
    anchors.push(explicit[1]!);
    text = text.slice(0, explicit.index);
  }
  const slug = slugger.slug(text);
  if (slug !== '') anchors.push(slug);
  if (text.includes('<')) collectHtmlIds(text, anchors);
}

function collectHtmlIds(text: string, anchors: string[]): void {
  for (const match of allMatches(HTML_ID, text)) anchors.push(match[1] ?? match[2] ?? match[3]!);
}

/**
 * The matches of a global expression none of whose matches is empty. Unlike String#matchAll it
 * does not copy the expression on every call, which shows on a corpus of many lines.
 */
function* allMatches(expression: RegExp, text: string): Generator<RegExpExecArray> {
  expression.lastIndex = 0;
  for (let match = expression.exec(text); match; match = expression.exec(text)) yield match;
}

function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
}

function blankComments(text: string, open: boolean): { text: string; open: boolean } {
  let position = 0;
  while (position < text.length) {
    if (open) {
      const end = text.indexOf('-->', position);
      const stop = end === -1 ? text.length : end + 3;
      text = blank(text, position, stop);
      if (end === -1) return { text, open: true };
      open = false;
      position = stop;
    } else {
      const start = text.indexOf('<!--', position);
      if (start === -1) break;
      open = true;
      position = start;
    }
  }
  return { text, open };
}

function blankCodeSpans(text: string): string {
  let position = 0;
  while (position < text.length) {
    const start = text.indexOf('`', position);
    if (start === -1) break;
    let runEnd = start;
    while (text[runEnd] === '`') runEnd++;
    const run = text.slice(start, runEnd);
    let search = runEnd;
    let close = -1;
    while (search < text.length) {
      const candidate = text.indexOf(run, search);
      if (candidate === -1) break;
      let candidateEnd = candidate + run.length;
      if (text[candidateEnd] !== '`' && text[candidate - 1] !== '`') {
        close = candidate;
        break;
      }
      while (text[candidateEnd] === '`') candidateEnd++;
      search = candidateEnd;
    }
    if (close === -1) {
      position = runEnd;
      continue;
    }
    text = blank(text, start, close + run.length);
    position = close + run.length;
  }
  return text;
}

type Push = (url: string, kind: LinkKind, offset: number) => void;

/** Is this offset inside a span already taken? */
function isTaken(taken: readonly number[], offset: number): boolean {
  for (let index = 0; index < taken.length; index += 2) if (offset >= taken[index]! && offset < taken[index + 1]!) return true;
  return false;
}

/** Where the first taken span after `offset` starts (or the line's end). */
function nextTaken(taken: readonly number[], offset: number, end: number): number {
  let next = end;
  for (let index = 0; index < taken.length; index += 2) if (taken[index]! > offset && taken[index]! < next) next = taken[index]!;
  return next;
}

/** [text](dest "title") and ![alt](dest), recording each link's span as taken. */
function collectInlineLinks(text: string, push: Push, taken: number[]): void {
  let position = 0;
  while (true) {
    const open = text.indexOf('[', position);
    if (open === -1) return;
    if (isEscaped(text, open)) {
      position = open + 1;
      continue;
    }
    const close = matchingBracket(text, open);
    if (close === -1 || text[close + 1] !== '(') {
      position = open + 1;
      continue;
    }
    const destination = parseDestination(text, close + 2);
    if (!destination) {
      position = open + 1;
      continue;
    }
    const isImage = text[open - 1] === '!';
    const start = isImage ? open - 1 : open;
    // Links inside the text of this link (an image inside a link) come first.
    const inner = text.slice(open + 1, close);
    if (inner.includes('](')) collectInlineLinks(' '.repeat(open + 1) + inner, push, []);
    push(destination.url, isImage ? 'image' : 'inline', start);
    taken.push(start, destination.end);
    position = destination.end;
  }
}

/** An odd number of backslashes before a character escapes it. */
function isEscaped(text: string, index: number): boolean {
  let backslashes = 0;
  while (text.charCodeAt(index - 1 - backslashes) === BACKSLASH) backslashes++;
  return backslashes % 2 === 1;
}

function matchingBracket(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    const character = text.charCodeAt(index);
    if (character === BACKSLASH) index++;
    else if (character === OPEN_BRACKET) depth++;
    else if (character === CLOSE_BRACKET && --depth === 0) return index;
  }
  return -1;
}

/** Parses `dest "title")` starting just after `(`; returns the destination and the index after `)`. */
function parseDestination(text: string, start: number): { url: string; end: number } | undefined {
  let index = start;
  while (text.charCodeAt(index) === SPACE || text.charCodeAt(index) === TAB) index++;
  let url: string;
  if (text.charCodeAt(index) === LESS_THAN) {
    const close = text.indexOf('>', index);
    if (close === -1) return undefined;
    url = text.slice(index + 1, close);
    index = close + 1;
  } else {
    let depth = 0;
    const begin = index;
    // Skip the run of ordinary characters natively; the loop handles the rest.
    PLAIN_DESTINATION_RUN.lastIndex = index;
    PLAIN_DESTINATION_RUN.test(text);
    index = PLAIN_DESTINATION_RUN.lastIndex;
    for (; index < text.length; index++) {
      const character = text.charCodeAt(index);
      if (character === BACKSLASH) {
        index++;
        continue;
      }
      if (character === SPACE || character === TAB) break;
      if (character === OPEN_PARENTHESIS) depth++;
      if (character === CLOSE_PARENTHESIS) {
        if (depth === 0) break;
        depth--;
      }
    }
    url = text.slice(begin, index);
  }
  const close = text.indexOf(')', index);
  if (close === -1) return undefined;
  // Usually the destination ends right at `)`: no title to check.
  if (close !== index) {
    const between = text.slice(index, close).trim();
    if (between !== '' && !/^(?:"[^"]*"|'[^']*'|\([^)]*\))$/.test(between)) return undefined;
  }
  return { url: url.includes('\\') ? url.replace(/\\([!-/:-@[-`{-~])/g, '$1') : url, end: close + 1 };
}

function stripAngles(destination: string): string {
  return destination.startsWith('<') && destination.endsWith('>') ? destination.slice(1, -1) : destination;
}

/** Autolinks and HTML a/img tags outside taken spans, recording their spans. */
function collectAngleLinks(text: string, push: Push, taken: number[]): void {
  const found: { url: string; kind: LinkKind; start: number; end: number }[] = [];
  for (const match of allMatches(AUTOLINK, text)) {
    if (isTaken(taken, match.index)) continue;
    const target = match[1]!;
    found.push({ url: target.includes(':') ? target : `mailto:${target}`, kind: 'autolink', start: match.index, end: match.index + match[0].length });
  }
  for (const match of allMatches(HTML_LINK, text)) {
    if (isTaken(taken, match.index)) continue;
    const tagEnd = text.indexOf('>', match.index);
    found.push({ url: (match[3] ?? match[4] ?? match[5]!).trim(), kind: 'html', start: match.index, end: tagEnd === -1 ? text.length : tagEnd + 1 });
  }
  for (const link of found.sort((a, b) => a.start - b.start)) {
    push(link.url, link.kind, link.start);
    taken.push(link.start, link.end);
  }
}

/** GFM extended autolinks: trailing punctuation and an unbalanced ) are not part of the URL. */
function collectBareUrls(text: string, push: Push, taken: readonly number[]): void {
  for (const match of allMatches(BARE_URL, text)) {
    if (isTaken(taken, match.index)) continue;
    const before = text[match.index - 1];
    if (before !== undefined && /[\w/@.-]/.test(before)) continue;
    // A bare URL ends where a link written after it begins.
    let url = match[0].slice(0, nextTaken(taken, match.index, match.index + match[0].length) - match.index);
    while (true) {
      const trimmed = url.replace(/[?!.,:*_~'";]+$/, '');
      const unbalanced = trimmed.endsWith(')') && count(trimmed, '(') < count(trimmed, ')');
      const next = unbalanced ? trimmed.slice(0, -1) : trimmed;
      if (next === url) break;
      url = next;
    }
    if (url.startsWith('www.') ? url.length > 4 && url.includes('.', 4) : /^https?:\/\/[^/]/.test(url)) {
      push(url.startsWith('www.') ? `http://${url}` : url, 'bare', match.index);
    }
  }
}

function count(text: string, character: string): number {
  let total = 0;
  for (const each of text) if (each === character) total++;
  return total;
}
