/**
 * GitHub's CODEOWNERS: gitignore-style patterns, one per line with its owners; the last line that
 * matches a path wins, and a line with no owners leaves the path unowned. Unlike gitignore, a
 * pattern ending in `/*` owns the files directly in that folder only (GitHub: `docs/*` does not
 * match `docs/build-app/troubleshooting.md`). The file comes from content, so patterns are matched
 * by a hand-written matcher (two pointers with one star to return to, at the character level and
 * at the folder level), whose time is bounded by pattern length times path length: no regular
 * expression built from a pattern, no backtracking blow-up. A path is tested only against the
 * lines that can match it (see PathIndex), not against every line of the file.
 */
import { PathIndex, type PatternNeeds } from '../corpus/path-index.js';

/** A pattern character: a literal, `?` (any one character but /) or `*` (any run of them). */
type Token = string | typeof ANY_ONE | typeof ANY_RUN;
const ANY_ONE = Symbol('?');
const ANY_RUN = Symbol('*');
/** A pattern's folder level: `**` (any run of folders) or one name's tokens. */
type Segment = typeof ANY_FOLDERS | Token[];
const ANY_FOLDERS = Symbol('**');

export interface CodeownersRule {
  /** 1-based line in the file. */
  line: number;
  pattern: string;
  /** Empty: the line unassigns what it matches. */
  owners: string[];
  segments: Segment[];
}

export function parseCodeowners(text: string): CodeownersRule[] {
  const rules: CodeownersRule[] = [];
  text.split('\n').forEach((raw, index) => {
    const words = splitWords(raw.replace(/\r$/, ''));
    const pattern = words[0];
    if (pattern === undefined) return;
    const commentAt = words.findIndex((word) => word.startsWith('#'));
    const owners = words.slice(1, commentAt === -1 ? undefined : commentAt);
    rules.push({ line: index + 1, pattern, owners, segments: patternSegments(pattern) });
  });
  return rules;
}

export interface CodeownersIndex {
  /** The lines that can win, in file order. */
  rules: readonly CodeownersRule[];
  paths: PathIndex;
}

/** Indexes the lines by what each needs of a path. Of identical patterns only the last line is kept: it is the only one that can win. */
export function indexCodeowners(rules: readonly CodeownersRule[]): CodeownersIndex {
  const lastOf = new Map<string, CodeownersRule>();
  for (const rule of rules) {
    const key = segmentsKey(rule.segments);
    // Deleted first, so that the map's order is that of each pattern's last line.
    lastOf.delete(key);
    lastOf.set(key, rule);
  }
  const kept = [...lastOf.values()];
  return { rules: kept, paths: new PathIndex(kept.map((rule) => needsOf(rule.segments))) };
}

/** The owners of a path relative to the repository's top level (posix): the last matching line's; none when no line matches. */
export function codeownersOf(index: CodeownersIndex, file: string): string[] {
  const names = pathNames(file);
  const candidates = index.paths.candidates(names);
  for (let at = candidates.length - 1; at >= 0; at--) {
    const rule = index.rules[candidates[at]!]!;
    if (ruleMatches(rule, names)) return rule.owners;
  }
  return [];
}

/** A path's names, as rules match them: empty ones (a doubled or trailing slash) left out. */
function pathNames(file: string): string[] {
  return file.split('/').filter((name) => name !== '');
}

/** Whether a line's pattern matches a path's names. */
export function ruleMatches(rule: CodeownersRule, names: readonly string[]): boolean {
  return matchSequence(rule.segments, names, matchesFolder);
}

/** The same text for two lines whose patterns parse to the same segments, and so match the same paths. */
function segmentsKey(segments: readonly Segment[]): string {
  return segments.map((segment) => (segment === ANY_FOLDERS ? '/\\F' : `/${segment.map(tokenKey).join('')}`)).join('');
}

/** A token in segmentsKey: a wildcard, a backslash or a slash after a backslash, so that no two lists of segments share a text. */
function tokenKey(token: Token): string {
  if (token === ANY_ONE) return '\\?';
  if (token === ANY_RUN) return '\\*';
  return token === '\\' || token === '/' ? `\\${token}` : token;
}

/** What a pattern needs of a path: its leading literal names, every literal name, and the literal runs of names with wildcards. */
function needsOf(segments: readonly Segment[]): PatternNeeds {
  const needs = { prefix: [] as string[], names: [] as string[], runs: [] as string[] };
  let leading = true;
  for (const segment of segments) {
    const name = literalName(segment);
    if (name === undefined) {
      leading = false;
      if (segment !== ANY_FOLDERS) needs.runs.push(...literalRuns(segment));
      continue;
    }
    if (leading) needs.prefix.push(name);
    needs.names.push(name);
  }
  return needs;
}

/** The name a segment of literal characters only stands for; undefined for `**` and for a segment with a wildcard. */
function literalName(segment: Segment): string | undefined {
  if (segment === ANY_FOLDERS || segment.some((token) => typeof token !== 'string')) return undefined;
  return segment.join('');
}

/** The runs of literal characters between a name's wildcards. */
function literalRuns(tokens: readonly Token[]): string[] {
  const runs: string[] = [];
  let run = '';
  for (const token of tokens) {
    if (typeof token === 'string') run += token;
    else {
      if (run !== '') runs.push(run);
      run = '';
    }
  }
  if (run !== '') runs.push(run);
  return runs;
}

/**
 * A line's words: split at blanks, a backslash keeping the next character (an escaped space, `\#`).
 * A line whose first word starts with an unescaped # is a comment: no words.
 */
function splitWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let index = 0; index < line.length; index++) {
    const character = line[index]!;
    if (character === ' ' || character === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    if (!inWord && words.length === 0 && character === '#') return [];
    inWord = true;
    // The backslash stays in the word: the pattern parser reads it as "the next character is literal".
    if (character === '\\' && index + 1 < line.length) {
      word += character + line[++index]!;
      continue;
    }
    word += character;
  }
  if (inWord) words.push(word);
  return words;
}

/**
 * A pattern as folder-level segments, anchored: a pattern with no slash but a trailing one matches
 * at any depth (a leading `**`); a trailing slash owns what is inside the folder (one name or more
 * after it); a last name of `*` owns the folder's files only; any other pattern owns the path it
 * names and, when that is a folder, everything inside.
 */
function patternSegments(pattern: string): Segment[] {
  let text = pattern;
  const folderOnly = text.endsWith('/') && !text.endsWith('\\/');
  if (folderOnly) text = text.slice(0, -1);
  const anchored = text.includes('/');
  if (text.startsWith('/')) text = text.slice(1);
  const segments: Segment[] = splitSegments(text).map((name) => (name === '**' ? ANY_FOLDERS : tokens(name)));
  if (!anchored) segments.unshift(ANY_FOLDERS);
  if (folderOnly) return [...segments, [ANY_RUN], ANY_FOLDERS];
  if (pattern.endsWith('/*') && !pattern.endsWith('\\/*')) return segments;
  return [...segments, ANY_FOLDERS];
}

/** Splits at slashes that are not escaped; empty names (a doubled slash) are dropped. */
function splitSegments(text: string): string[] {
  const names: string[] = [];
  let name = '';
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (character === '\\' && index + 1 < text.length) {
      name += character + text[++index]!;
    } else if (character === '/') {
      if (name !== '') names.push(name);
      name = '';
    } else {
      name += character;
    }
  }
  if (name !== '') names.push(name);
  return names;
}

/** A name's tokens, a character each: by code point, as paths are matched (an emoji is one character, for a literal and for `?`). */
function tokens(name: string): Token[] {
  const result: Token[] = [];
  const characters = [...name];
  for (let index = 0; index < characters.length; index++) {
    const character = characters[index]!;
    if (character === '\\' && index + 1 < characters.length) result.push(characters[++index]!);
    else if (character === '*') {
      // A run of stars within a name is one star.
      if (result[result.length - 1] !== ANY_RUN) result.push(ANY_RUN);
    } else if (character === '?') result.push(ANY_ONE);
    else result.push(character);
  }
  return result;
}

function matchesFolder(segment: Segment, name: string): boolean {
  return segment !== ANY_FOLDERS && matchSequence(segment, [...name], (token, character) => token === ANY_ONE || token === character);
}

/**
 * Whether `pattern` matches the whole of `items`, where `star` matches any run of items: the
 * greedy two-pointer match that, on a mismatch, returns to the last star and lets it take one item
 * more. At most pattern × items steps.
 */
function matchSequence<Item, Element>(pattern: readonly Element[], items: readonly Item[], matchesOne: (element: Element, item: Item) => boolean): boolean {
  const isStar = (element: Element) => (element as unknown) === ANY_RUN || (element as unknown) === ANY_FOLDERS;
  let p = 0;
  let i = 0;
  let starAt = -1;
  let starItem = 0;
  while (i < items.length) {
    if (p < pattern.length && !isStar(pattern[p]!) && matchesOne(pattern[p]!, items[i]!)) {
      p++;
      i++;
    } else if (p < pattern.length && isStar(pattern[p]!)) {
      starAt = p++;
      starItem = i;
    } else if (starAt >= 0) {
      p = starAt + 1;
      i = ++starItem;
    } else {
      return false;
    }
  }
  while (p < pattern.length && isStar(pattern[p]!)) p++;
  return p === pattern.length;
}
