/**
 * Many path patterns (CODEOWNERS lines, config globs) against many paths: each pattern is indexed
 * by something every path it matches has, so that a path is tested against the patterns that
 * share it, not against all of them. Tested against every page, 100,000 CODEOWNERS lines took
 * over a minute on 2,000 pages, and both the file and the config come with pull requests.
 *
 * A pattern's key is one of what it needs: the folder names its matches start with (walked as a
 * tree), a name every match has, or a fragment of characters every match has within a name
 * (`*.md`: ".md"). Of those, the one the fewest patterns share: patterns under one common folder
 * (content/) are told apart by a rarer name. A pattern that needs no character at all (`*`, `?/*`)
 * is tested on every path; so is, in effect, each of many patterns that need only what they all
 * share (`*e*`, `?e`, `e*?`): the index narrows by literal characters, never by wildcards.
 */

/** What a pattern needs of a path it matches; the matcher remains the judge, the index only narrows. */
export interface PatternNeeds {
  /** The names the path starts with. */
  prefix: readonly string[];
  /** Names the path has, anywhere. */
  names: readonly string[];
  /** Runs of characters one of the path's names has. */
  runs: readonly string[];
}

/**
 * The length of a fragment key, as a trigram index's: a path looks up each of its names' fragments,
 * up to this length, so longer would cost more lookups and shorter would tell fewer patterns apart.
 */
const FRAGMENT = 3;

/**
 * Up to this many patterns, each path tests them all: its lookups (a Set of its names and
 * fragments) cost about what testing a dozen patterns does, and a config's few ignore globs were
 * five times slower looked up than tried.
 */
const FEW = 16;

interface FolderNode {
  children: Map<string, FolderNode>;
  /** Patterns keyed by the names leading here. */
  patterns: number[];
  /** Patterns whose prefix ends here, keyed here or not: how many a path that comes here would test. */
  count: number;
}

export class PathIndex {
  private readonly root = folderNode();
  private readonly keyed = new Map<string, number[]>();
  private readonly unkeyed: number[] = [];
  /** The lengths of the fragment keys in use: a path looks up only those. */
  private readonly fragmentLengths = new Set<number>();

  constructor(needs: readonly PatternNeeds[]) {
    if (needs.length <= FEW) {
      needs.forEach((_, pattern) => this.unkeyed.push(pattern));
      return;
    }
    const keys = needs.map(keysOf);
    const counts = new Map<string, number>();
    for (const patternKeys of keys) for (const key of patternKeys) counts.set(key, (counts.get(key) ?? 0) + 1);
    const prefixes = needs.map((need) => (need.prefix.length > 0 ? this.countPrefix(need.prefix) : undefined));
    needs.forEach((_, pattern) => this.place(pattern, prefixes[pattern], keys[pattern]!, counts));
  }

  /** The patterns that may match a path (its names, top first), in the order they were given. */
  candidates(names: readonly string[]): readonly number[] {
    // Nothing indexed (few patterns, or none with a literal character): every pattern, as it is.
    if (this.keyed.size === 0 && this.root.children.size === 0) return this.unkeyed;
    const found = [...this.unkeyed];
    let node: FolderNode | undefined = this.root;
    for (const name of names) {
      node = node.children.get(name);
      if (!node) break;
      append(found, node.patterns);
    }
    for (const key of this.keysOfPath(names)) append(found, this.keyed.get(key) ?? []);
    return found.sort((a, b) => a - b);
  }

  /** The keys a path has, each once: its names and their fragments of the lengths in use. */
  private keysOfPath(names: readonly string[]): Set<string> {
    const keys = new Set<string>();
    if (this.keyed.size === 0) return keys;
    for (const name of names) {
      keys.add(nameKey(name));
      for (const length of this.fragmentLengths) {
        for (let start = 0; start + length <= name.length; start++) keys.add(fragmentKey(name.slice(start, start + length)));
      }
    }
    return keys;
  }

  private countPrefix(prefix: readonly string[]): FolderNode {
    let node = this.root;
    for (const name of prefix) {
      let child = node.children.get(name);
      if (!child) node.children.set(name, (child = folderNode()));
      node = child;
    }
    node.count++;
    return node;
  }

  /** Files the pattern under the rarest of its keys; a tie goes to the prefix, then to the first listed (names before fragments). */
  private place(pattern: number, prefix: FolderNode | undefined, keys: readonly string[], counts: ReadonlyMap<string, number>): void {
    let best: string | undefined;
    for (const key of keys) if (best === undefined || counts.get(key)! < counts.get(best)!) best = key;
    if (prefix && (best === undefined || prefix.count <= counts.get(best)!)) prefix.patterns.push(pattern);
    else if (best === undefined) this.unkeyed.push(pattern);
    else {
      const bucket = this.keyed.get(best);
      if (bucket) bucket.push(pattern);
      else this.keyed.set(best, [pattern]);
      if (best.startsWith(FRAGMENT_TAG)) this.fragmentLengths.add(best.length - FRAGMENT_TAG.length);
    }
  }
}

const NAME_TAG = 'n:';
const FRAGMENT_TAG = 'f:';
const nameKey = (name: string) => NAME_TAG + name;
const fragmentKey = (fragment: string) => FRAGMENT_TAG + fragment;

/** A pattern's keys other than its prefix, each once: its names, then its runs' fragments. */
function keysOf(need: PatternNeeds): string[] {
  const keys = new Set(need.names.map(nameKey));
  for (const run of need.runs) for (const fragment of fragmentsOf(run)) keys.add(fragmentKey(fragment));
  return [...keys];
}

/** A run's fragments: each FRAGMENT characters of it, or the whole run when shorter. */
function fragmentsOf(run: string): string[] {
  if (run.length <= FRAGMENT) return [run];
  return Array.from({ length: run.length - FRAGMENT + 1 }, (_, start) => run.slice(start, start + FRAGMENT));
}

function folderNode(): FolderNode {
  return { children: new Map(), patterns: [], count: 0 };
}

/** Pushes one by one: a spread of 100,000 arguments overflows the stack. */
function append(target: number[], items: readonly number[]): void {
  for (const item of items) target.push(item);
}
