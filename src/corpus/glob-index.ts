/**
 * The config's globs (suppressions, overrides, ignore, links.ignorePaths) against every document or
 * link: each glob is indexed by what the paths it matches have (see PathIndex), so that a path is
 * matched against the globs that can match it. Matched against every document, 16,000
 * suppressions took 60 s on 2,000 pages, and the config may come with a pull request.
 */
import picomatch from 'picomatch';
import { PathIndex, type PatternNeeds } from './path-index.js';

/**
 * For a project path, the entries (by index, in config order) one of whose globs matches it, as
 * picomatch matches config globs (dot: true).
 */
export function globEntries(entries: readonly (readonly string[])[]): (file: string) => number[] {
  const { globs, index } = indexGlobs(entries);
  return (file) => {
    const matched: number[] = [];
    // Candidates come in config order, an entry's globs together: an entry already matched is not matched again.
    for (const candidate of index.candidates(file.split('/'))) {
      const { entry, matches } = globs[candidate]!;
      if (matched[matched.length - 1] !== entry && matches(file)) matched.push(entry);
    }
    return matched;
  };
}

/** Whether one of the globs matches a path, as picomatch(globs, { dot: true }) tells (ignore, links.ignorePaths). */
export function anyGlobMatches(globs: readonly string[]): (path: string) => boolean {
  const { globs: indexed, index } = indexGlobs(globs.map((glob) => [glob]));
  return (path) => index.candidates(path.split('/')).some((candidate) => indexed[candidate]!.matches(path));
}

/** Each glob compiled, with the entry it belongs to, and all of them indexed in that order. */
function indexGlobs(entries: readonly (readonly string[])[]): { globs: { entry: number; matches: (path: string) => boolean }[]; index: PathIndex } {
  const globs = entries.flatMap((entryGlobs, entry) => entryGlobs.map((glob) => ({ entry, matches: picomatch(glob, { dot: true }) })));
  return { globs, index: new PathIndex(entries.flatMap((entryGlobs) => entryGlobs.map(globNeeds))) };
}

/** A name picomatch matches only as itself: no wildcard, class, brace, extglob, escape or negation. */
const PLAIN_NAME = /^[\p{L}\p{N}\p{M} ._-]+$/u;
/** A glob of plain names, `*`, `?` and `**` only, each matched to one name of the path (a brace or an extglob may hold a slash). */
const SIMPLE_GLOB = /^[\p{L}\p{N}\p{M} ._\-*?/]+$/u;

/**
 * What every path a glob matches has: the plain names its static folder starts with (picomatch's
 * own reading, which drops a leading ./; none for a negated glob) and, for a simple glob, each
 * plain name and each run of plain characters in a name with wildcards.
 */
export function globNeeds(glob: string): PatternNeeds {
  const scanned = picomatch.scan(glob);
  const prefix = scanned.negated ? [] : leadingPlainNames(scanned.base.split('/'));
  if (!SIMPLE_GLOB.test(glob)) return { prefix, names: [], runs: [] };
  const segments = glob.split('/').filter((segment) => segment !== '**');
  const names = segments.filter(isPlainName);
  const runs = segments.filter((segment) => /[*?]/.test(segment)).flatMap((segment) => segment.split(/[*?]+/).filter((run) => run !== ''));
  return { prefix, names, runs };
}

function leadingPlainNames(names: readonly string[]): string[] {
  const end = names.findIndex((name) => !isPlainName(name));
  return end === -1 ? [...names] : names.slice(0, end);
}

/** `.` and `..` are left out (picomatch drops a leading ./): the index then narrows less, never wrongly. */
function isPlainName(name: string): boolean {
  return PLAIN_NAME.test(name) && name !== '.' && name !== '..';
}
