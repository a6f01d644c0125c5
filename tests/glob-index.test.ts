/**
 * The index of config globs (suppressions[].files, overrides[].files, ignore, links.ignorePaths)
 * against picomatch itself: for any entries and any path, the entries the index finds are those
 * whose globs picomatch matches, in config order, and a list of globs matches a path when
 * picomatch's matcher of the list does. The reference is what the config did before: every glob
 * on every path.
 */
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { anyGlobMatches, globEntries, globNeeds } from '../src/corpus/glob-index.js';
import { seeded } from './helpers/random.js';

/** Every entry's globs tested on the path, as settingsResolver and the suppressions did. */
function allEntries(entries: readonly (readonly string[])[]): (file: string) => number[] {
  const matchers = entries.map((globs) => picomatch([...globs], { dot: true }));
  return (file) => matchers.flatMap((matches, index) => (matches(file) ? [index] : []));
}

/** Names that look alike, with a space, a non-ASCII letter, a dot folder and glob characters in file names. */
const NAMES = ['content', 'en', 'es', 'a', 'b', 'ab', 'ba', 'a.md', 'b.md', 'ab.md', 'x y.md', 'é', 'é.md', '.github', 'docs', '*', '{a,b}', 'a+b', '(a)', '[a]'];
/** Glob pieces: every kind of picomatch syntax the config allows (and some it refuses), as whole segments or inside one. */
const PIECES = [
  ...['content', 'en', 'es', 'a', 'b', 'ab', 'a.md', 'b.md', 'x y.md', 'é', '.github', 'docs'],
  ...['*', '?', '**', '*.md', 'a*', '?b', '*a*', 'a?.md', '*b.md', '.*'],
  ...['{a,b}', '{a,b/a.md}', '{en,es}', 'a{,.md}', '{1..3}', '[ab]', '[!a]*', '[[:alpha:]]', '@(a|b)', '!(a)', '?(a).md', '+(a)', '*(b)', 'a+b', '(a)', '\\*', 'a\\?', '\\{a,b\\}'],
  ...['.', '..', ''],
];

function randomGlob(random: () => number): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const segments = Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(PIECES));
  const glob = `${pick(['', '', '', '', './', '/', '!'])}${segments.join('/')}${pick(['', '', '', '/', '/**', '/*'])}`;
  // The config refuses an empty glob, and so does picomatch.
  return glob === '' ? '**' : glob;
}

function randomPath(random: () => number): string {
  const names = Array.from({ length: 1 + Math.floor(random() * 5) }, () => NAMES[Math.floor(random() * NAMES.length)]!);
  // A site path (links.ignorePaths) starts with a slash; ignore asks of a folder with a trailing one.
  return `${random() < 0.15 ? '/' : ''}${names.join('/')}${random() < 0.1 ? '/' : ''}`;
}

describe('the index of config globs', () => {
  it('finds, in config order, the entries picomatch matches (and whether any does), on 600 generated configs of look-alike globs', () => {
    const random = seeded(1_130);
    let compared = 0;
    let matched = 0;
    for (let sample = 0; sample < 600; sample++) {
      // More globs than PathIndex tests on every path without an index (16).
      const entries = Array.from({ length: 17 + Math.floor(random() * 25) }, () => Array.from({ length: 1 + Math.floor(random() * 3) }, () => randomGlob(random)));
      const indexed = globEntries(entries);
      const reference = allEntries(entries);
      const globs = entries.flat();
      const anyIndexed = anyGlobMatches(globs);
      const anyReference = picomatch(globs, { dot: true });
      for (let path = 0; path < 50; path++) {
        const file = randomPath(random);
        const expected = reference(file);
        expect(indexed(file), JSON.stringify({ entries, file })).toEqual(expected);
        expect(anyIndexed(file), JSON.stringify({ globs, file })).toBe(anyReference(file));
        compared++;
        if (expected.length > 0) matched++;
      }
    }
    expect(compared).toBe(30_000);
    // Not vacuous: a good share of the paths match some entry.
    expect(matched).toBeGreaterThan(compared / 5);
  });

  it("keys a glob by its static folder (picomatch's reading), its plain names and the plain runs of its wildcard names only", () => {
    expect(globNeeds('content/en/**/*.md')).toEqual({ prefix: ['content', 'en'], names: ['content', 'en'], runs: ['.md'] });
    expect(globNeeds('./content/a.md')).toEqual({ prefix: ['content', 'a.md'], names: ['content', 'a.md'], runs: [] });
    // Braces, classes, extglobs, escapes and negation leave the folder before them, if any, and nothing else.
    expect(globNeeds('content/{a,b/c}/x.md')).toEqual({ prefix: ['content'], names: [], runs: [] });
    expect(globNeeds('content/\\*x/a.md')).toEqual({ prefix: ['content'], names: [], runs: [] });
    expect(globNeeds('!content/**')).toEqual({ prefix: [], names: [], runs: [] });
    expect(globNeeds('**/x+y/a.md')).toEqual({ prefix: [], names: [], runs: [] });
  });

  it('tells apart 10,000 globs under one folder by their rarer names and folders, a catch-all after them', () => {
    const entries = Array.from({ length: 10_000 }, (_, index) => [index % 2 === 0 ? `content/*/page-${index}.md` : `content/s${index}/**`]);
    const indexed = globEntries([...entries, ['**']]);
    expect(indexed('content/s3/page-8.md')).toEqual([3, 8, 10_000]);
    expect(indexed('content/s3/page-9.md')).toEqual([3, 10_000]);
  });
});
