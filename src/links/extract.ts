/**
 * Finds every link in a Markdown body, with its line and column in the whole file, and every
 * anchor its headings and HTML ids define. A line scanner, not a full CommonMark parser: it
 * knows fenced and indented code, inline code spans and HTML comments (no links inside them),
 * inline links and images, reference definitions, autolinks, GFM bare URLs and HTML a/img tags.
 * It runs on every document of every lint, so it avoids regular expressions on lines that
 * cannot hold a link. Content is hostile: every step is linear in the line (no expression that
 * backtracks over a long run, no search that restarts from each position), so no file can stall
 * a run; tests/security-linear.test.ts times the worst inputs known.
 */
import { createRequire } from 'node:module';
import { isFootnoteText } from './footnote.js';
import { explicitHeadingId, isWhiteSpace, Slugger } from './slug.js';

export type LinkKind = 'inline' | 'image' | 'definition' | 'autolink' | 'bare' | 'html';

export interface ExtractedLink {
  /** The destination as written (angle brackets removed). */
  url: string;
  kind: LinkKind;
  line: number;
  column: number;
}

export interface ExtractOptions {
  /** Read `{#id}` ending a heading as its id (links.headingIds). */
  headingIds?: boolean;
}

export interface Extracted {
  links: ExtractedLink[];
  /** Ids a #fragment may name: heading slugs, <a id/name>, {#id}. */
  anchors: string[];
}

/** The lookahead takes the whole marker run at once, so a run followed by no valid rest is not retried shorter. */
const FENCE = /^ {0,3}(?=(`{3,}|~{3,}))\1(.*)$/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const DEFINITION = /^ {0,3}\[((?:[^\]\\]|\\.)+)\]:[ \t]*(<[^>\n]*>|\S+)/;
/** A definition's label alone, its destination on a later line. */
const DEFINITION_LABEL_ONLY = /^ {0,3}\[(?:[^\]\\]|\\.)+\]:[ \t]*$/;
/** What may follow a definition's destination on its line: nothing, or one title (without escapes) after a blank. */
const DEFINITION_REST = /^(?:[ \t]+(?:"[^"\\]*"|'[^'\\]*'|\([^()\\]*\)))?[ \t]*$/;
const A_TAG = /<a\s/iy;
const LINK_TAG = /<(?:a|img)\s/iy;
const ID_ATTRIBUTE = /\b(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
const LINK_ATTRIBUTE = /\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
/** An autolink at a `<` (tried only at each `<`, from where the last one ended). */
const AUTOLINK_AT = /<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>/y;
/** A bare URL at an `http` or `www.` (tried only there, from where the last one ended). */
const BARE_URL_AT = /(?:https?:\/\/|www\.)[^\s<]*/iy;
const BRACKET = /[[\]]/g;
const LOWER_H = 104;
const LOWER_P = 112;
const LOWER_S = 115;
const LOWER_T = 116;
const LOWER_W = 119;
/** One name of a domain: letters and digits, hyphens inside. */
const DOMAIN_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
/**
 * A bare URL that GFM (micromark) and this scanner read alike: a lower-case scheme or www., a
 * domain of such names with a dot, then a port, a path, a query or a fragment without brackets or
 * backslashes, or only what GFM drops from the end.
 */
const PLAIN_BARE_URL = new RegExp(`^(?:https?://|www\\.)${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})+(?:[/?#:][^\\s<[\\]\\\\]*|[?!.,:*_~'";)]*)$`);
/** Characters a destination may hold without the scanner's attention (no space, parenthesis or escape). */
const PLAIN_DESTINATION_RUN = /[^ \t()\\]*/y;
/** Characters after which GFM starts a bare URL (besides white space). */
const BARE_URL_MAY_FOLLOW = new Set([...'*_~('].map((character) => character.charCodeAt(0)));
/** Characters GFM drops from the end of a bare URL. */
const TRAILING_PUNCTUATION = new Set([...'?!.,:*_~\'";'].map((character) => character.charCodeAt(0)));
/** Plain scans of one line may cost this many times its length before the scanner builds its tables. */
const SCAN_BUDGET_PER_CHARACTER = 8;
const SCAN_BUDGET_BASE = 1024;
const NON_SPACE = /\S/;
const TAB = 9;
const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
const SPACE = 32;
const EXCLAMATION_MARK = 33;
const DOUBLE_QUOTE = 34;
const HASH = 35;
const SINGLE_QUOTE = 39;
const ASTERISK = 42;
const OPEN_PARENTHESIS = 40;
const CLOSE_PARENTHESIS = 41;
const LESS_THAN = 60;
const EQUALS = 61;
const GREATER_THAN = 62;
const OPEN_BRACKET = 91;
const BACKSLASH = 92;
const CLOSE_BRACKET = 93;
const UNDERSCORE = 95;
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

/** Documents, headings and links the fast scanner settled, and those the exact extractor read. */
const extractionCounts = { fast: { documents: 0, anchors: 0, links: 0 }, exact: { documents: 0, anchors: 0, links: 0 } };
// CONTENTGOV_LINK_STATS=1 prints the share that took the exact path (the bench and issue 12 ask for it).
if (process.env.CONTENTGOV_LINK_STATS) {
  process.on('exit', () => {
    const { fast, exact } = extractionCounts;
    const share = (part: number, whole: number) => (whole === 0 ? '0.0' : ((100 * part) / whole).toFixed(1));
    process.stderr.write(
      `links: exact path for ${exact.documents} of ${fast.documents + exact.documents} documents (${share(exact.documents, fast.documents + exact.documents)}%), ` +
        `${exact.anchors} of ${fast.anchors + exact.anchors} anchors (${share(exact.anchors, fast.anchors + exact.anchors)}%), ` +
        `${exact.links} of ${fast.links + exact.links} links (${share(exact.links, fast.links + exact.links)}%)\n`,
    );
  });
}

type ExactModule = typeof import('./exact.js');
let exactModule: ExactModule | undefined;

/**
 * The exact extractor, bundled on its own and loaded on first use. From the sources (vitest) the
 * bundle is the built one in dist/.
 */
function exact(): ExactModule {
  const bundle = import.meta.url.endsWith('.ts') ? '../../dist/links-exact.cjs' : './links-exact.cjs';
  return (exactModule ??= createRequire(import.meta.url)(bundle) as ExactModule);
}

/**
 * Links and anchors of a Markdown body: the fast scanner's, or the exact extractor's when the
 * body holds a construct the scanner cannot settle exactly.
 * @param body the text after the frontmatter
 * @param firstLine the file line number the body starts on
 */
export function extractLinks(body: string, firstLine: number, options: ExtractOptions = {}): Extracted {
  const fast = scanLinks(body, firstLine, options);
  const extracted = fast ?? (withinExactBudget(body) ? exact().extractExact(body, firstLine, options) : scanLinks(body, firstLine, options, false)!);
  const counts = fast ? extractionCounts.fast : extractionCounts.exact;
  counts.documents++;
  counts.anchors += extracted.anchors.length;
  counts.links += extracted.links.length;
  return extracted;
}

/**
 * The fast scanner: the links and anchors, or undefined when the body needs the exact extractor
 * (never when `exactAllowed` is false: then its own answer, whatever the body holds).
 */
export function scanLinks(body: string, firstLine: number, options: ExtractOptions = {}, exactAllowed = true): Extracted | undefined {
  const links: ExtractedLink[] = [];
  const slugger = new Slugger();
  const anchors: string[] = [];
  let fence: { marker: string; length: number } | undefined;
  let inHtmlComment = false;
  let previousBlank = true;
  let inList = false;
  let paragraphLine: string | undefined;
  let lineNumber = firstLine;
  const push: Push = (url, kind, offset) => links.push({ url, kind, line: lineNumber, column: offset + 1 });
  // The exact extractor is slower (micromark reads 400 KB of hostile text in 1 to 25 s): a larger body keeps the scanner's answer (and see EXACT_BUDGET).
  let mayDefer = exactAllowed && body.length <= EXACT_BODY_LIMIT;
  let paragraphLines = 0;
  // The paragraph so far is link definitions, which another may follow.
  let onlyDefinitions = false;
  /** A heading, break or fence at the margin ends a list; indented, it may belong to the list's item, which the exact extractor settles. */
  const defersListEnd = (line: string): boolean => {
    if (inList && isBlank(line.charCodeAt(0))) return mayDefer;
    inList = false;
    return false;
  };
  // What a line holds is looked up in one forward search of the body per string, not searched for on every line.
  const angles = new NextInBody(body, '<');
  const brackets = new NextInBody(body, '[');
  const ampersands = new NextInBody(body, '&');
  const backticks = new NextInBody(body, '`');
  const schemes = new NextInBody(body, '://');
  const wwws = new NextInBody(body, 'www.');
  // GFM reads www. in any case (WWW.EXAMPLE.ORG), as it does http:// (found by ://): a line with a
  // capital W is looked at again. A case-blind search of every body would cost more than the rest.
  const capitals = new NextInBody(body, 'W');

  // Line by line, by offsets: `start` is where the line starts in the body, `end` where its newline is.
  for (let start = 0, end = 0; start <= body.length; start = end + 1, lineNumber++) {
    end = body.indexOf('\n', start);
    if (end === -1) end = body.length;
    let line = body.slice(start, end);
    if (line.charCodeAt(line.length - 1) === CARRIAGE_RETURN) line = line.slice(0, -1);
    const lineEnd = start + line.length;

    const leading = firstAfterIndent(line);
    const mayFence = leading === BACKTICK || leading === TILDE;
    if (fence) {
      const closing = mayFence ? FENCE.exec(line) : null;
      if (closing && closing[1]![0] === fence.marker && closing[1]!.length >= fence.length && closing[2]!.trim() === '') fence = undefined;
      continue;
    }
    const opening = mayFence ? FENCE.exec(line) : null;
    if (opening && !(opening[1]![0] === '`' && opening[2]!.includes('`'))) {
      if (defersListEnd(line)) return undefined;
      fence = { marker: opening[1]![0]!, length: opening[1]!.length };
      paragraphLine = undefined;
      continue;
    }
    if (line.length === 0 || (!isVisibleAscii(leading) && !NON_SPACE.test(line))) {
      previousBlank = true;
      paragraphLine = undefined;
      paragraphLines = 0;
      continue;
    }
    const listItem = isListItem(line);
    // Containers nested deeper than any page needs: micromark's work grows with depth × lines, and a
    // line of 5,000 `>` is 5 KB. Such a page keeps the scanner's answer, as a page over 64 KB does.
    if (mayDefer && (leading === GREATER_THAN || listItem) && nestsDeeperThan(line, MAX_EXACT_NESTING)) mayDefer = false;
    if (mayDefer && (leading === LESS_THAN || leading === GREATER_THAN || listItem) && !settlesBlockStart(line)) return undefined;
    // After a blank line in a list, four spaces are the item's text or code, as the item's own
    // indent says (which the scanner does not keep): the exact extractor tells.
    if (inList && previousBlank && mayDefer && (line.startsWith('    ') || line.charCodeAt(0) === TAB)) return undefined;
    // Indented code: four spaces outside a paragraph (which it cannot interrupt) and a list.
    if (paragraphLine === undefined && !inList && (line.startsWith('    ') || line.charCodeAt(0) === TAB)) continue;
    if (listItem) inList = true;
    else if (previousBlank && !isWhiteSpace(line.charCodeAt(0))) inList = false;
    previousBlank = false;

    // A definition cannot interrupt a paragraph, but may follow another.
    const mayDefine = paragraphLine === undefined || onlyDefinitions;
    // Headings and the anchors they define.
    const heading = leading === HASH ? atxHeadingText(line) : undefined;
    if (heading !== undefined) {
      if (mayDefer && !isPlainHeading(heading)) {
        return undefined;
      }
      if (defersListEnd(line)) return undefined;
      addHeadingAnchors(heading, slugger, anchors, options);
      paragraphLine = undefined;
      paragraphLines = 0;
    } else if (paragraphLine !== undefined && SETEXT_UNDERLINE.test(line) && !isListItem(paragraphLine)) {
      if (mayDefer && (paragraphLines > 1 || onlyDefinitions || !isPlainHeading(paragraphLine.trim()))) {
        return undefined;
      }
      addHeadingAnchors(paragraphLine.trim(), slugger, anchors, options);
      paragraphLine = undefined;
      paragraphLines = 0;
      continue;
    } else if (isThematicBreak(line)) {
      if (defersListEnd(line)) return undefined;
      paragraphLine = undefined;
      paragraphLines = 0;
      continue;
    } else {
      paragraphLine = line;
      paragraphLines++;
      onlyDefinitions = false;
    }
    // The first of each in the line, or -1.
    const angle = angles.within(start, lineEnd);
    const bracket = brackets.within(start, lineEnd);
    if (mayDefer && !settlesInline(line, angle, bracket, ampersands.within(start, lineEnd))) {
      return undefined;
    }

    // Blank out what cannot hold links (comments, code spans), keeping columns.
    let scan = line;
    if (inHtmlComment || (angle !== -1 && scan.includes('<!--', angle))) {
      const result = blankComments(scan, inHtmlComment);
      scan = result.text;
      inHtmlComment = result.open;
    }
    if (backticks.within(start, lineEnd) !== -1) {
      const spans = blankCodeSpans(scan);
      // A backtick run left open (a code span may run on to the next line) or escaped: micromark tells.
      if (!spans.settled && mayDefer) return undefined;
      scan = spans.text;
    }
    // Blanking only removes: what the line lacks, the scan lacks too.
    const hasAngle = angle !== -1 && (scan === line || scan.includes('<'));
    if (hasAngle && mayStartATag(scan, angle)) collectHtmlIds(scan, anchors);
    const hasBracket = bracket !== -1 && (scan === line || scan.includes('['));
    // A bare URL starts with http://, https:// or www.: a line with neither `://` nor `www.` holds none.
    const hasUrl =
      (schemes.within(start, lineEnd) !== -1 || wwws.within(start, lineEnd) !== -1 || (capitals.within(start, lineEnd) !== -1 && nextWww(line, 0) !== -1)) &&
      (scan === line || scan.includes('://') || nextWww(scan, 0) !== -1);
    if (!hasBracket && !hasAngle && !hasUrl) continue;

    // A definition starts with `[` after up to three spaces (in the scan, which blanking may have indented).
    const definition = hasBracket && mayDefine && firstAfterIndent(scan) === OPEN_BRACKET ? DEFINITION.exec(scan) : null;
    // A label with no text, a destination on the next line, or words after it (`[Note]: see below`,
    // a footnote's `[^1]: Smith J.`): CommonMark reads no definition there, or one the scanner cannot see whole.
    if (mayDefer && (definition ? !settlesDefinition(line, scan, definition) : hasBracket && mayDefine && DEFINITION_LABEL_ONLY.test(scan))) return undefined;
    if (definition) {
      onlyDefinitions = true;
      // `[comment]: <> (…)` is the usual way to write a comment, not a link.
      const url = stripAngles(definition[2]!);
      if (definition[2] !== '<>' && !isFootnoteText(definition[1]!, url)) push(url, 'definition', scan.indexOf('['));
      continue;
    }
    // Spans already taken by a link, as [start, end) pairs, so later scanners skip them.
    let taken: number[] = [];
    if (hasBracket && !collectInlineLinks(scan, push, taken) && mayDefer) return undefined;
    if (hasAngle) taken = collectAngleLinks(scan, push, taken);
    if (hasUrl && !collectBareUrls(line, scan, push, taken) && mayDefer) return undefined;
  }
  return { links, anchors };
}

/** Bodies up to this many characters may go to the exact extractor. */
const EXACT_BODY_LIMIT = 64 * 1024;

/**
 * What a body may hold and still go to the exact extractor. micromark's time grows with the square
 * of some inputs: timed on the extractor alone, 1,000 `www.` in one run of text took 385 ms (4,000:
 * 6.5 s), a heading of 2,000 nested `*_` 183 ms (8,000: 1.6 s), a list item and 4,000 lazy lines
 * after it 323 ms, 8,000 `[a]` 496 ms. Within these a body takes at most about 0.1 s there, what a
 * large page of prose takes; a body with more keeps the scanner's answer, as one over
 * EXACT_BODY_LIMIT does. tests/security-linear.test.ts times each of them in a page of 60 KB.
 */
const EXACT_BUDGET = { emphasis: 1_000, brackets: 2_000, www: 100, lines: 2_000 };

/** Whether the body is within EXACT_BUDGET: counted only for a body the scanner handed over. */
function withinExactBudget(body: string): boolean {
  let emphasis = 0;
  let brackets = 0;
  let lines = 0;
  for (let index = 0; index < body.length; index++) {
    const character = body.charCodeAt(index);
    if (character === ASTERISK || character === UNDERSCORE) emphasis++;
    else if (character === OPEN_BRACKET) brackets++;
    else if (character === NEWLINE) lines++;
  }
  if (emphasis > EXACT_BUDGET.emphasis || brackets > EXACT_BUDGET.brackets || lines > EXACT_BUDGET.lines) return false;
  let www = 0;
  for (let found = nextWww(body, 0); found !== -1; found = nextWww(body, found + 4)) if (++www > EXACT_BUDGET.www) return false;
  return true;
}
/** Block quotes and list items nested deeper than this on one line keep a page from the exact extractor. */
const MAX_EXACT_NESTING = 32;
/** Headings whose slug the scanner gives exactly: no markup, entity, escape or HTML. */
const PLAIN_HEADING = /^[^<>&`\\[\]!_*]*$/;
/** A character reference at an `&`: tried only at each `&`, as most `&`s in links (`?a=1&b=2`) start none. */
const ENTITY_AT = /&(?:[A-Za-z][A-Za-z0-9]{0,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});/y;

/**
 * A definition the scanner read as CommonMark does: a label with some text, a destination whose
 * parentheses, escapes and angle brackets need no second look, and nothing after it on its line
 * but one whole title.
 */
function settlesDefinition(line: string, scan: string, definition: RegExpExecArray): boolean {
  const label = definition[1]!;
  const destination = definition[2]!;
  const end = definition.index + definition[0].length;
  // Code or a comment blanked in it or after it: the line as written decides.
  if (scan !== line && line.slice(0, end) !== scan.slice(0, end)) return false;
  if (!NON_SPACE.test(label) || label.length > 999) return false;
  if (!destination.startsWith('<') && /[()<\\]/.test(destination)) return false;
  return DEFINITION_REST.test(line.slice(end));
}

function isPlainHeading(text: string): boolean {
  return PLAIN_HEADING.test(text);
}

/**
 * A line starting a block quote, a list item or HTML: settled when its content is a paragraph
 * (a heading, code, HTML or another container inside goes to the exact extractor).
 */
function settlesBlockStart(line: string): boolean {
  let index = 0;
  while (true) {
    const start = index;
    while (index < start + 3 && line.charCodeAt(index) === SPACE) index++;
    const end = containerMarkerEnd(line, index);
    if (end === -1) {
      index = start;
      break;
    }
    index = isBlank(line.charCodeAt(end)) ? end + 1 : end;
    // Content indented four or more: code.
    if (line.startsWith('   ', index) || line.charCodeAt(index) === TAB) return false;
  }
  while (isWhiteSpace(line.charCodeAt(index))) index++;
  const first = line.charCodeAt(index);
  return !(first === HASH || first === BACKTICK || first === TILDE || first === EQUALS || (first === LESS_THAN && hasHtml(line, index)));
}

/** Does the line open more than `limit` block quotes and list items, each marker after up to three spaces and a blank? Stops at the limit. */
function nestsDeeperThan(line: string, limit: number): boolean {
  let index = 0;
  for (let depth = 0; depth <= limit; depth++) {
    const start = index;
    while (index < start + 3 && line.charCodeAt(index) === SPACE) index++;
    const end = containerMarkerEnd(line, index);
    if (end === -1) return false;
    index = isBlank(line.charCodeAt(end)) ? end + 1 : end;
  }
  return true;
}

/** Does the line start a list item (`-`, `+`, `*`, `1.` or `1)` after up to three spaces, then a blank or the end)? */
function isListItem(line: string): boolean {
  let index = 0;
  while (index < 3 && line.charCodeAt(index) === SPACE) index++;
  if (line.charCodeAt(index) === GREATER_THAN) return false;
  const end = containerMarkerEnd(line, index);
  return end !== -1 && (end === line.length || isBlank(line.charCodeAt(end)));
}

/** Where a block quote or list marker (`>`, `-`, `+`, `*`, `1.`, `1)`) at `index` ends, or -1. */
function containerMarkerEnd(line: string, index: number): number {
  const character = line.charCodeAt(index);
  if (character === GREATER_THAN || character === 45 || character === 43 || character === 42) return index + 1;
  let end = index;
  while (end < index + 9 && isDigit(line.charCodeAt(end))) end++;
  const after = line.charCodeAt(end);
  return end > index && (after === 46 || after === CLOSE_PARENTHESIS) ? end + 1 : -1;
}

/**
 * A line the inline scanner settles: no HTML tag or comment, no character reference, no link text left open.
 * @param angle @param bracket @param ampersand the first `<`, `[` and `&` in the line, or -1
 */
function settlesInline(line: string, angle: number, bracket: number, ampersand: number): boolean {
  if (angle !== -1 && hasHtml(line, angle)) return false;
  for (; ampersand !== -1; ampersand = line.indexOf('&', ampersand + 1)) {
    ENTITY_AT.lastIndex = ampersand;
    if (ENTITY_AT.test(line)) return false;
  }
  return bracket === -1 || !leavesBracketOpen(line, bracket);
}

/** Is a `[` (the first at `open`) left without its `]` at the end of the line? Native searches from bracket to bracket, not a walk over every character. */
function leavesBracketOpen(line: string, open: number): boolean {
  let close = line.indexOf(']', open);
  let depth = 0;
  while (open !== -1 || close !== -1) {
    if (open !== -1 && (close === -1 || open < close)) {
      if (!isEscaped(line, open)) depth++;
      open = line.indexOf('[', open + 1);
    } else {
      if (depth > 0 && !isEscaped(line, close)) depth--;
      close = line.indexOf(']', close + 1);
    }
  }
  return depth > 0;
}

/** Does a `<` start an HTML tag, closing tag, comment, declaration or processing instruction? Each `<` looks only at its tag name. */
function hasHtml(line: string, from = 0): boolean {
  for (let open = line.indexOf('<', from); open !== -1; open = line.indexOf('<', open + 1)) {
    const next = line.charCodeAt(open + 1);
    if (next === 47 /* / */ || next === 33 /* ! */ || next === 63 /* ? */) return true;
    if (!isAsciiLetter(next)) continue;
    let end = open + 2;
    while (end < line.length && (isAsciiLetter(line.charCodeAt(end)) || isDigit(line.charCodeAt(end)) || line.charCodeAt(end) === 45)) end++;
    const after = line.charCodeAt(end);
    if (end === line.length || isBlank(after) || after === GREATER_THAN || after === 47) return true;
  }
  return false;
}

/** `***`, `- - -`, `___`: three or more of one of `*-_`, with only blanks between. */
function isThematicBreak(line: string): boolean {
  let index = 0;
  while (index < 3 && line.charCodeAt(index) === SPACE) index++;
  const marker = line.charCodeAt(index);
  if (marker !== 42 && marker !== 45 && marker !== 95) return false;
  let count = 0;
  for (; index < line.length; index++) {
    const character = line.charCodeAt(index);
    if (character === marker) count++;
    else if (!isBlank(character)) return false;
  }
  return count >= 3;
}

function isAsciiLetter(character: number): boolean {
  return (character >= 65 && character <= 90) || (character >= 97 && character <= 122);
}

function isDigit(character: number): boolean {
  return character >= 48 && character <= 57;
}

function isBlank(character: number): boolean {
  return character === SPACE || character === TAB;
}

/**
 * The text of an ATX heading (`## Title ##`), or undefined when the line is none: what
 * /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/ captured, found by hand because that
 * expression tried every split of a long run of blanks (`# a`, 100,000 spaces, `x`: 28 s).
 */
function atxHeadingText(line: string): string | undefined {
  let index = 0;
  while (index < 3 && line.charCodeAt(index) === SPACE) index++;
  const hashes = index;
  while (line.charCodeAt(index) === HASH) index++;
  if (index === hashes || index - hashes > 6) return undefined;
  if (index === line.length) return '';
  // The expression's `.` matches no line terminator: a line holding one was no heading.
  if (!isBlank(line.charCodeAt(index)) || LINE_TERMINATOR.test(line)) return undefined;
  let start = index;
  while (start < line.length && isBlank(line.charCodeAt(start))) start++;
  let end = line.length;
  while (end > start && isBlank(line.charCodeAt(end - 1))) end--;
  // A closing run of #s after a blank is not text; a run right after the opening one is.
  let closing = end;
  while (closing > start && line.charCodeAt(closing - 1) === HASH) closing--;
  if (closing < end && closing > start && isBlank(line.charCodeAt(closing - 1))) {
    end = closing - 1;
    while (end > start && isBlank(line.charCodeAt(end - 1))) end--;
  }
  return line.slice(start, end);
}

const LINE_TERMINATOR = /[\r\u2028\u2029]/;

function addHeadingAnchors(text: string, slugger: Slugger, anchors: string[], options: ExtractOptions): void {
  // `{#id}` names the heading instead of its slug.
  const explicit = options.headingIds ? explicitHeadingId(text) : undefined;
  if (explicit) {
    anchors.push(explicit.id);
    text = text.slice(0, explicit.index);
  } else {
    const slug = slugger.slug(text);
    if (slug !== '') anchors.push(slug);
  }
  if (text.includes('<')) collectHtmlIds(text, anchors);
}

/** Is some `<` at or after `from` followed by `a` or `A`, as an <a tag starts? */
function mayStartATag(text: string, from: number): boolean {
  for (let open = text.indexOf('<', from); open !== -1; open = text.indexOf('<', open + 1)) if ((text.charCodeAt(open + 1) | 0x20) === 97) return true;
  return false;
}

function collectHtmlIds(text: string, anchors: string[]): void {
  forEachTagAttribute(text, A_TAG, ID_ATTRIBUTE, (_start, _tagEnd, attribute) => anchors.push(attribute[1] ?? attribute[2] ?? attribute[3]!));
}

/**
 * For each tag `tag` matches, its first attribute `attribute` matches before the tag's `>`: what
 * /<a\s[^>]*?\b(?:id|name)\s*=…/gi found, in one pass. That expression ran from every `<a ` to
 * the next `>` (`<a <a <a …` was quadratic); here a tag without the attribute skips every tag
 * that starts before its `>`, and the searches for `>` and for the attribute only move forward.
 */
function forEachTagAttribute(text: string, tag: RegExp, attribute: RegExp, visit: (start: number, tagEnd: number, attribute: RegExpExecArray) => void): void {
  // The last answers, which stand while the tags asked about start before them.
  let greater = -1;
  let greaterFrom = -1;
  let match: RegExpExecArray | null = null;
  let matchFrom = -1;
  let position = 0;
  while (true) {
    const start = text.indexOf('<', position);
    if (start === -1) return;
    tag.lastIndex = start;
    if (!tag.test(text)) {
      position = start + 1;
      continue;
    }
    const from = tag.lastIndex;
    if (greaterFrom === -1 || (greater !== -1 && from > greater)) {
      greater = text.indexOf('>', from);
      greaterFrom = from;
    }
    const tagEnd = greater === -1 ? text.length : greater;
    if (matchFrom === -1 || (match !== null && from > match.index)) {
      attribute.lastIndex = from;
      match = attribute.exec(text);
      matchFrom = from;
    }
    if (match === null || match.index >= tagEnd) {
      position = tagEnd;
      continue;
    }
    visit(start, tagEnd, match);
    position = match.index + match[0].length;
  }
}

/** The text with each [start, end) span of `spans` (ascending, disjoint) turned to spaces; built once, not once per span. */
function blankSpans(text: string, spans: readonly number[]): string {
  if (spans.length === 0) return text;
  const parts: string[] = [];
  let copied = 0;
  for (let index = 0; index < spans.length; index += 2) {
    parts.push(text.slice(copied, spans[index]), ' '.repeat(spans[index + 1]! - spans[index]!));
    copied = spans[index + 1]!;
  }
  parts.push(text.slice(copied));
  return parts.join('');
}

function blankComments(text: string, open: boolean): { text: string; open: boolean } {
  const spans: number[] = [];
  let position = 0;
  while (position < text.length) {
    if (open) {
      const end = text.indexOf('-->', position);
      const stop = end === -1 ? text.length : end + 3;
      spans.push(position, stop);
      if (end === -1) break;
      open = false;
      position = stop;
    } else {
      const start = text.indexOf('<!--', position);
      if (start === -1) break;
      open = true;
      position = start;
    }
  }
  return { text: blankSpans(text, spans), open };
}

/**
 * A code span runs from a run of backticks to the next run of exactly as many. Settled when every
 * run outside the spans found closes one, and none follows a backslash (an escaped backtick opens
 * no span, yet a run after a backslash may still close one).
 */
function blankCodeSpans(text: string): { text: string; settled: boolean } {
  const runStarts: number[] = [];
  const runLengths: number[] = [];
  let settled = true;
  for (let start = text.indexOf('`'); start !== -1; ) {
    let end = start;
    while (text.charCodeAt(end) === BACKTICK) end++;
    if (text.charCodeAt(start - 1) === BACKSLASH) settled = false;
    runStarts.push(start);
    runLengths.push(end - start);
    start = text.indexOf('`', end);
  }
  // For each run, the next run of the same length: found once, from the right, not searched for from each opening.
  const nextOfLength = new Array<number>(runStarts.length);
  const nearest = new Map<number, number>();
  for (let run = runStarts.length - 1; run >= 0; run--) {
    nextOfLength[run] = nearest.get(runLengths[run]!) ?? -1;
    nearest.set(runLengths[run]!, run);
  }
  const spans: number[] = [];
  for (let run = 0; run < runStarts.length; ) {
    const closing = nextOfLength[run]!;
    if (closing === -1) {
      settled = false;
      run++;
      continue;
    }
    spans.push(runStarts[run]!, runStarts[closing]! + runLengths[closing]!);
    run = closing + 1;
  }
  return { text: blankSpans(text, spans), settled };
}

/**
 * Where a string next occurs in a body, for lines asked about in order: a search starts only
 * once the lines pass the last occurrence found, so all lines together cost one pass.
 */
class NextInBody {
  /** The first occurrence at or after the last line asked about (Infinity: none). */
  private found = -1;

  constructor(
    private readonly body: string,
    private readonly needle: string,
  ) {}

  /** The offset in the line [start, end) of the string's first occurrence, or -1. */
  within(start: number, end: number): number {
    if (this.found < start) {
      const found = this.body.indexOf(this.needle, start);
      this.found = found === -1 ? Number.POSITIVE_INFINITY : found;
    }
    return this.found < end ? this.found - start : -1;
  }
}

/** The next `www.` at or after `from` in any case, as GFM reads it; -1 for none. Found by its dot: indexOf is many times faster than a case-blind expression. */
function nextWww(text: string, from: number): number {
  for (let dot = text.indexOf('.', from + 3); dot !== -1; dot = text.indexOf('.', dot + 1)) {
    if (isLetterOfAnyCase(text, dot - 1, LOWER_W) && isLetterOfAnyCase(text, dot - 2, LOWER_W) && isLetterOfAnyCase(text, dot - 3, LOWER_W)) return dot - 3;
  }
  return -1;
}

/** The next `http://` or `https://` at or after `from` in any case; -1 for none. Found by its `://`. */
function nextScheme(text: string, from: number): number {
  for (let colon = text.indexOf('://', from + 4); colon !== -1; colon = text.indexOf('://', colon + 1)) {
    const start = isLetterOfAnyCase(text, colon - 1, LOWER_S) ? colon - 5 : colon - 4;
    if (start >= from && isLetterOfAnyCase(text, start, LOWER_H) && isLetterOfAnyCase(text, start + 1, LOWER_T) && isLetterOfAnyCase(text, start + 2, LOWER_T) && isLetterOfAnyCase(text, start + 3, LOWER_P)) return start;
  }
  return -1;
}

/** Whether the character at `index` is this lower-case ASCII letter or its capital (only those two give it with 0x20 set). */
function isLetterOfAnyCase(text: string, index: number, lower: number): boolean {
  return (text.charCodeAt(index) | 0x20) === lower;
}

type Push = (url: string, kind: LinkKind, offset: number) => void;

/**
 * The spans already taken by links, for queries at offsets that never decrease: is an offset
 * inside one, and where does the next one start. One pass over the spans for all queries.
 */
class TakenSpans {
  /** [start, end) pairs in order of start (as the scanners keep them). */
  private readonly spans: readonly number[];
  private next = 0;
  /** The furthest end of the spans that start at or before the last offset asked about. */
  reach = -1;

  constructor(taken: readonly number[]) {
    this.spans = taken;
  }

  private advance(offset: number): void {
    const spans = this.spans;
    while (this.next < spans.length && spans[this.next]! <= offset) {
      this.reach = Math.max(this.reach, spans[this.next + 1]!);
      this.next += 2;
    }
  }

  includes(offset: number): boolean {
    this.advance(offset);
    return offset < this.reach;
  }

  /** Where the first span after `offset` starts, or `end` when none starts before it. */
  nextStart(offset: number, end: number): number {
    this.advance(offset);
    const next = this.spans[this.next];
    return next !== undefined && next < end ? next : end;
  }
}

/**
 * [text](dest "title") and ![alt](dest), recording each link's span as taken; links inside a
 * link's text come before it. Returns false when a link's text holds a link that CommonMark reads
 * otherwise than one link inside another: a link in a link's text (the outer one is then no link)
 * or any link in an image's description. An image in a link's text (a badge) is both.
 */
function collectInlineLinks(text: string, push: Push, taken: number[]): boolean {
  const scans = lineScans.reset(text);
  let settled = true;
  // A stack, not recursion: links nest as deep as the line is long. Each run looks for links in
  // [position, limit); the link whose text it is comes when it ends.
  const runs: InlineRun[] = [{ position: 0, limit: text.length }];
  // Filled by each link found; copied only for a link whose text holds links.
  const link = foundInlineLink;
  while (runs.length > 0) {
    const run = runs[runs.length - 1]!;
    if (nextInlineLink(text, scans, run, link)) {
      if (runs.length === 1) taken.push(link.start, link.end);
      else if (run.link!.kind === 'image' || link.kind !== 'image') settled = false;
      if (scans.textMayHoldBracket) runs.push({ position: link.open + 1, limit: link.close, link: { ...link } });
      else push(link.url, link.kind, link.start);
      continue;
    }
    runs.pop();
    if (run.link) push(run.link.url, run.link.kind, run.link.start);
  }
  return settled && !scans.unsettledDestination;
}

interface InlineLink {
  url: string;
  kind: LinkKind;
  /** The `!` of an image, else the `[`. */
  start: number;
  open: number;
  close: number;
  end: number;
}

interface InlineRun {
  position: number;
  limit: number;
  link?: InlineLink;
}

const foundInlineLink: InlineLink = { url: '', kind: 'inline', start: 0, open: 0, close: 0, end: 0 };

/** Fills `link` with the next link of a run, which moves on past it (or to the end); false when there is none. */
function nextInlineLink(text: string, scans: InlineScans, run: InlineRun, link: InlineLink): boolean {
  while (true) {
    const open = scans.next(OPEN_BRACKET, run.position, run.limit);
    if (open === -1) return false;
    run.position = open + 1;
    if (isEscaped(text, open)) continue;
    const close = scans.matchingBracket(open, run.limit);
    if (close === -1 || close + 1 >= run.limit || text.charCodeAt(close + 1) !== OPEN_PARENTHESIS) continue;
    const end = parseDestination(text, scans, close + 2, run.limit, link);
    if (end === -1) {
      // `](` that does not end as the scanner reads destinations and titles (an escaped quote or a
      // parenthesis in the title, a space in the destination): micromark tells whether it is a link.
      scans.unsettledDestination = true;
      continue;
    }
    // `\![a](x.md)`: the escaped ! is text, and the link an inline one at its [.
    const isImage = text.charCodeAt(open - 1) === EXCLAMATION_MARK && !isEscaped(text, open - 1);
    run.position = end;
    link.kind = isImage ? 'image' : 'inline';
    link.start = isImage ? open - 1 : open;
    link.open = open;
    link.close = close;
    link.end = end;
    return true;
  }
}

/** An odd number of backslashes before a character escapes it. */
function isEscaped(text: string, index: number): boolean {
  let backslashes = 0;
  while (text.charCodeAt(index - 1 - backslashes) === BACKSLASH) backslashes++;
  return backslashes % 2 === 1;
}

/** Parses `dest "title")` starting just after `(`, before `limit`: the destination goes to `link.url`; returns the index after `)`, or -1. */
function parseDestination(text: string, scans: InlineScans, start: number, limit: number, link: InlineLink): number {
  let index = start;
  while (index < limit && isBlank(text.charCodeAt(index))) index++;
  let urlStart: number;
  let urlEnd: number;
  if (index < limit && text.charCodeAt(index) === LESS_THAN) {
    const close = scans.next(GREATER_THAN, index, limit);
    if (close === -1) return -1;
    urlStart = index + 1;
    urlEnd = close;
    index = close + 1;
  } else {
    urlStart = index;
    urlEnd = scans.destinationEnd(index, limit);
    index = urlEnd;
  }
  const close = scans.next(CLOSE_PARENTHESIS, index, limit);
  if (close === -1) return -1;
  // Usually the destination ends right at `)`: no title to check.
  if (close !== index && !scans.isBlankOrTitle(index, close)) return -1;
  const url = text.slice(urlStart, urlEnd);
  link.url = url.includes('\\') ? url.replace(/\\([!-/:-@[-`{-~])/g, '$1') : url;
  return close + 1;
}

/**
 * The forward searches of the inline-link scanner on one line. Each is a plain scan until the
 * line's scans have cost a few times its length, which ordinary text never does; from then on
 * each answers from tables built once, in linear time. So `[[[[…`, `[a]([a](…` or `[a](x "…`
 * repeated cannot make the scanner quadratic, and ordinary lines pay nothing for the guard.
 * Both ways give the same answers (tests/security-linear.test.ts compares them).
 */
export class InlineScans {
  private budget = 0;
  private tables: LineTables | undefined;
  private text = '';
  /** Whether the text the last matchingBracket crossed may hold an unescaped `[` (always, when tables answered). */
  textMayHoldBracket = true;
  /** Whether a `](` of the line did not parse as a destination and title. */
  unsettledDestination = false;

  constructor(text = '', budget?: number) {
    this.reset(text, budget);
  }

  /** Starts on another line: the scanner is reused, not allocated per line. */
  reset(text: string, budget = SCAN_BUDGET_PER_CHARACTER * text.length + SCAN_BUDGET_BASE): this {
    this.text = text;
    this.unsettledDestination = false;
    this.budget = budget;
    this.tables = budget <= 0 ? new LineTables(text) : undefined;
    return this;
  }

  private spend(cost: number): void {
    this.budget -= cost;
    if (this.budget < 0 && !this.tables) this.tables = new LineTables(this.text);
  }

  /** The first `character` in [from, limit), or -1. */
  next(character: number, from: number, limit: number): number {
    if (this.tables) {
      const found = this.tables.next(character, from);
      return found < limit ? found : -1;
    }
    // A short span is cheaper to walk than to search natively, and the search would run past `limit`.
    const text = this.text;
    if (limit - from < 64) {
      for (let index = from; index < limit; index++) if (text.charCodeAt(index) === character) return this.spent(index - from, index);
      return this.spent(limit - from, -1);
    }
    const found = text.indexOf(String.fromCharCode(character), from);
    this.spend((found === -1 ? text.length : found) - from);
    return found < limit ? found : -1;
  }

  private spent(cost: number, result: number): number {
    this.spend(cost);
    return result;
  }

  /** The `]` that closes the (unescaped) `[` at `open`, before `limit`, or -1. */
  matchingBracket(open: number, limit: number): number {
    if (this.tables) {
      this.textMayHoldBracket = true;
      const close = this.tables.bracketMatch[open]!;
      return close < limit ? close : -1;
    }
    const text = this.text;
    let depth = 0;
    this.textMayHoldBracket = false;
    for (let index = open; index < limit; index++) {
      const character = text.charCodeAt(index);
      if (character === BACKSLASH) index++;
      else if (character === OPEN_BRACKET) {
        if (++depth > 1) this.textMayHoldBracket = true;
      } else if (character === CLOSE_BRACKET && --depth === 0) {
        this.spend(index - open);
        return index;
      }
    }
    this.spend(limit - open);
    return -1;
  }

  /** Where a destination without angle brackets that starts at `start` ends: at a blank, at a `)` it did not open, or at `limit`. */
  destinationEnd(start: number, limit: number): number {
    if (this.tables) return Math.min(this.tables.destinationEnd[start]!, limit);
    const text = this.text;
    let depth = 0;
    // Skip the run of ordinary characters natively; the loop handles the rest.
    PLAIN_DESTINATION_RUN.lastIndex = start;
    PLAIN_DESTINATION_RUN.test(text);
    let index = Math.min(PLAIN_DESTINATION_RUN.lastIndex, limit);
    for (; index < limit; index++) {
      const character = text.charCodeAt(index);
      if (character === BACKSLASH) {
        index++;
        continue;
      }
      if (isBlank(character)) break;
      if (character === OPEN_PARENTHESIS) depth++;
      if (character === CLOSE_PARENTHESIS) {
        if (depth === 0) break;
        depth--;
      }
    }
    this.spend(index - start);
    return Math.min(index, limit);
  }

  /** Is [from, close) blank, or a "title" or 'title' between blanks? */
  isBlankOrTitle(from: number, close: number): boolean {
    if (this.tables) return this.tables.isBlankOrTitle(from, close);
    this.spend(close - from);
    const between = this.text.slice(from, close).trim();
    return between === '' || /^(?:"[^"]*"|'[^']*'|\([^)]*\))$/.test(between);
  }
}

const lineScans = new InlineScans();

/** Answers to the inline scanner's searches for every position of one line, built in a few linear passes. */
class LineTables {
  private readonly nextOf = new Map<number, Int32Array>();
  /** For an unescaped `[`, its `]`; else -1. */
  readonly bracketMatch: Int32Array;
  /** For a position where a destination may start, where it ends (before any limit). */
  readonly destinationEnd: Int32Array;
  private readonly nextVisible: Int32Array;

  constructor(private readonly text: string) {
    const length = text.length;
    const escaped = new Uint8Array(length + 1);
    for (let index = 0; index < length; index++) if (text.charCodeAt(index) === BACKSLASH && !escaped[index]) escaped[index + 1] = 1;
    this.bracketMatch = new Int32Array(length).fill(-1);
    const openBrackets: number[] = [];
    // Depth of unescaped parentheses before each position.
    const depth = new Int32Array(length + 1);
    for (let index = 0; index < length; index++) {
      const character = escaped[index] ? 0 : text.charCodeAt(index);
      if (character === OPEN_BRACKET) openBrackets.push(index);
      else if (character === CLOSE_BRACKET && openBrackets.length > 0) this.bracketMatch[openBrackets.pop()!] = index;
      depth[index + 1] = depth[index]! + (character === OPEN_PARENTHESIS ? 1 : character === CLOSE_PARENTHESIS ? -1 : 0);
    }
    // A destination ends at its first unescaped blank, or at the first unescaped `)` that brings
    // the depth below its start's: for each depth, the nearest such `)` to the right.
    this.destinationEnd = new Int32Array(length + 1);
    this.destinationEnd[length] = length;
    const closingAtDepth = new Int32Array(2 * length + 2).fill(-1);
    let nextBlank = length;
    for (let index = length - 1; index >= 0; index--) {
      const character = escaped[index] ? 0 : text.charCodeAt(index);
      if (isBlank(character)) nextBlank = index;
      if (character === CLOSE_PARENTHESIS) closingAtDepth[depth[index]! + length] = index;
      const closing = closingAtDepth[depth[index]! + length]!;
      this.destinationEnd[index] = Math.min(nextBlank, closing === -1 ? length : closing);
    }
    this.nextVisible = new Int32Array(length + 1);
    this.nextVisible[length] = -1;
    for (let index = length - 1; index >= 0; index--) this.nextVisible[index] = isWhiteSpace(text.charCodeAt(index)) ? this.nextVisible[index + 1]! : index;
  }

  /** The first `character` at or after `from`, or -1. */
  next(character: number, from: number): number {
    let table = this.nextOf.get(character);
    if (!table) {
      table = new Int32Array(this.text.length + 1);
      table[this.text.length] = -1;
      for (let index = this.text.length - 1; index >= 0; index--) table[index] = this.text.charCodeAt(index) === character ? index : table[index + 1]!;
      this.nextOf.set(character, table);
    }
    return table[from]!;
  }

  /** Trimmed, [from, close) is empty or one quoted title (a (title) cannot be: `close` is the first `)` after `from`). */
  isBlankOrTitle(from: number, close: number): boolean {
    const first = this.nextVisible[from]!;
    if (first === -1 || first >= close) return true;
    const quote = this.text.charCodeAt(first);
    if (quote !== DOUBLE_QUOTE && quote !== SINGLE_QUOTE) return false;
    const end = this.next(quote, first + 1);
    if (end === -1 || end >= close) return false;
    const after = this.nextVisible[end + 1]!;
    return after === -1 || after >= close;
  }
}

function stripAngles(destination: string): string {
  return destination.startsWith('<') && destination.endsWith('>') ? destination.slice(1, -1) : destination;
}

/** Autolinks and HTML a/img tags outside taken spans; returns the taken spans with theirs (merged in order of start). */
function collectAngleLinks(text: string, push: Push, taken: number[]): number[] {
  const found: { url: string; kind: LinkKind; start: number; end: number }[] = [];
  const beforeAutolinks = new TakenSpans(taken);
  // Whether a `<` starts a name that begins with a or i, as <a and <img do.
  let mayHoldTag = false;
  // As a global search would: each `<` in turn, the next after the end of a match (which holds no `<`).
  for (let start = text.indexOf('<'); start !== -1; start = text.indexOf('<', start + 1)) {
    const letter = text.charCodeAt(start + 1) | 0x20;
    if (letter === 97 || letter === 105) mayHoldTag = true;
    AUTOLINK_AT.lastIndex = start;
    if (!AUTOLINK_AT.test(text)) continue;
    const end = AUTOLINK_AT.lastIndex;
    if (!beforeAutolinks.includes(start)) {
      const target = text.slice(start + 1, end - 1);
      found.push({ url: target.includes(':') ? target : `mailto:${target}`, kind: 'autolink', start, end });
    }
    start = end - 1;
  }
  if (mayHoldTag) {
    const autolinks = found.length;
    const beforeTags = new TakenSpans(taken);
    forEachTagAttribute(text, LINK_TAG, LINK_ATTRIBUTE, (start, tagEnd, attribute) => {
      if (!beforeTags.includes(start)) found.push({ url: (attribute[1] ?? attribute[2] ?? attribute[3]!).trim(), kind: 'html', start, end: tagEnd === text.length ? text.length : tagEnd + 1 });
    });
    // Each kind came in order of start; both together need sorting.
    if (autolinks > 0 && found.length > autolinks) found.sort((a, b) => a.start - b.start);
  }
  if (found.length === 0) return taken;
  const merged: number[] = [];
  let next = 0;
  for (const link of found) {
    push(link.url, link.kind, link.start);
    for (; next < taken.length && taken[next]! <= link.start; next += 2) merged.push(taken[next]!, taken[next + 1]!);
    merged.push(link.start, link.end);
  }
  for (; next < taken.length; next += 2) merged.push(taken[next]!, taken[next + 1]!);
  return merged;
}

/**
 * GFM extended autolinks: trailing punctuation and an unbalanced ) are not part of the URL. The
 * scanner settles the plain ones: a lower-case scheme or www. after white space or one of `*_~(`,
 * outside any bracket left open, with a plain domain (PLAIN_BARE_URL). A line with any other (in
 * capitals, after a quote, a digit, a colon or code, in an open bracket, with a domain or an ending
 * GFM reads its own way) is not settled: it returns false, and micromark tells (a body too large
 * for micromark keeps what the scanner found, as before).
 */
function collectBareUrls(line: string, text: string, push: Push, taken: readonly number[]): boolean {
  if (!urlMayStartOutside(text, taken)) return true;
  const spans = new TakenSpans(taken);
  const brackets = new OpenBrackets(text, taken);
  const starts = new UrlStarts(text);
  let settled = true;
  // As a global search would, from where the last match ended.
  for (let position = 0; ; ) {
    const start = starts.from(position);
    if (start === text.length) return settled;
    BARE_URL_AT.lastIndex = start;
    if (!BARE_URL_AT.test(text)) {
      position = start + 1;
      continue;
    }
    const end = BARE_URL_AT.lastIndex;
    position = end;
    if (spans.includes(start)) continue;
    const before = text.charCodeAt(start - 1);
    // Blanked code or a comment before it: GFM reads the character written there.
    if (start > 0 && before !== line.charCodeAt(start - 1)) settled = false;
    if (start > 0 && !isWhiteSpace(before) && !BARE_URL_MAY_FOLLOW.has(before)) {
      // GFM starts a scheme after anything but a letter, and www. after a bracket too; here neither.
      const www = (text.charCodeAt(start) | 0x20) === LOWER_W;
      if (www ? before === OPEN_BRACKET || before === CLOSE_BRACKET : !isAsciiLetter(before)) settled = false;
      continue;
    }
    // A bare URL ends where a link written after it begins.
    const written = text.slice(start, spans.nextStart(start, end));
    if (brackets.openBefore(start) || !PLAIN_BARE_URL.test(written)) settled = false;
    const url = trimBareUrl(written);
    if (url.startsWith('www.') ? url.length > 4 && url.includes('.', 4) : /^https?:\/\/[^/]/.test(url)) {
      push(url.startsWith('www.') ? `http://${url}` : url, 'bare', start);
    }
  }
}

/**
 * Whether a `[` outside the taken spans is left open before an offset (asked in increasing order):
 * GFM starts no bare URL in an open link text. An escaped `]` closes none; an escaped `[` counts
 * as open, so that the answer errs towards asking micromark.
 */
class OpenBrackets {
  private readonly spans: TakenSpans;
  private next: number;
  private depth = 0;

  constructor(
    private readonly text: string,
    taken: readonly number[],
  ) {
    this.spans = new TakenSpans(taken);
    this.next = nextBracket(text, 0);
  }

  openBefore(offset: number): boolean {
    const { text } = this;
    for (; this.next !== -1 && this.next < offset; this.next = nextBracket(text, this.next + 1)) {
      if (this.spans.includes(this.next)) continue;
      if (text.charCodeAt(this.next) === OPEN_BRACKET) this.depth++;
      else if (this.depth > 0 && !isEscaped(text, this.next)) this.depth--;
    }
    return this.depth > 0;
  }
}

/** The next `[` or `]` at or after `from`, or -1. */
function nextBracket(text: string, from: number): number {
  BRACKET.lastIndex = from;
  return BRACKET.exec(text)?.index ?? -1;
}

/**
 * Does an `http` or `www.` start outside the taken spans? Only there can a bare URL start; most
 * URLs on a line are the destinations of links, and this skips them without matching each.
 */
function urlMayStartOutside(text: string, taken: readonly number[]): boolean {
  const spans = new TakenSpans(taken);
  const starts = new UrlStarts(text);
  for (let position = 0; ; ) {
    const start = starts.from(position);
    if (start === text.length) return false;
    if (!spans.includes(start)) return true;
    // Everything before the reach of the spans around `start` is inside them.
    position = spans.reach;
  }
}

/** Where an `http` or `www.` starts, asked for positions that never decrease: each is searched for again only once passed. */
class UrlStarts {
  private http = -1;
  private www = -1;

  constructor(private readonly text: string) {}

  /** The first start at or after `position`, or the text's length: http or www. in any case, as GFM reads them. */
  from(position: number): number {
    if (this.http < position) this.http = orLength(this.text, nextScheme(this.text, position));
    if (this.www < position) this.www = orLength(this.text, nextWww(this.text, position));
    return Math.min(this.http, this.www);
  }
}

function orLength(text: string, found: number): number {
  return found === -1 ? text.length : found;
}

/**
 * Drops trailing punctuation, and a `)` with no `(` to match, as often as they alternate: in one
 * pass from the end, keeping the count of parentheses (re-counting them for each `)` was quadratic).
 */
function trimBareUrl(url: string): string {
  // Counted only when a `)` reaches the end, which few URLs have.
  let opening = -1;
  let closing = 0;
  let end = url.length;
  while (end > 0) {
    const character = url.charCodeAt(end - 1);
    if (TRAILING_PUNCTUATION.has(character)) end--;
    else if (character === CLOSE_PARENTHESIS) {
      if (opening === -1) {
        opening = 0;
        for (let index = 0; index < end; index++) {
          const each = url.charCodeAt(index);
          if (each === OPEN_PARENTHESIS) opening++;
          else if (each === CLOSE_PARENTHESIS) closing++;
        }
      }
      if (opening >= closing) break;
      closing--;
      end--;
    } else break;
  }
  return url.slice(0, end);
}
