/**
 * What link checks look up across the corpus: each document's anchors, which document a URL is
 * the canonical address of, and whether a path exists with exactly that case. It reads only
 * inside the content root, and each folder listing or unparsed document at most once.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Project } from '../config/load.js';
import { discoverFiles, toProjectPath } from '../corpus/discover.js';
import { metadataOf, type ParsedDocument } from '../corpus/document.js';
import { PackedAnchors, packAnchors, type Anchors } from './packed.js';

export type PathKind = 'file' | 'directory';

/**
 * All the index knows of a document: its anchors and its address (links.urlField, when a string).
 * Plain data, so a worker thread can send it and every thread can index the whole corpus.
 */
export interface IndexFacts {
  file: string;
  /** A set, or (a compact shard's: a third of the memory a set takes) their packed list (see links/packed.ts). */
  anchors: ReadonlySet<string> | string;
  address?: string;
  /** The file is in the content root but could not be read (file-unreadable): its anchors are not known, not absent. */
  unread?: true;
}

export function indexFactsOf(document: ParsedDocument, urlField: string): IndexFacts {
  const address = metadataOf(document)?.[urlField];
  const facts: IndexFacts = typeof address === 'string' ? { file: document.file, anchors: document.anchors, address } : { file: document.file, anchors: document.anchors };
  // A file that leads out of the root is no page of the corpus: a fragment into it stays a broken anchor, as before.
  if (document.unreadable && !document.unreadable.outsideRoot) facts.unread = true;
  return facts;
}

export class CorpusIndex {
  private readonly byFile = new Map<string, IndexFacts>();
  private urlMap: Map<string, string> | undefined;
  /** Pages whose address field is a site path (permalink: /x/), by that path without a trailing slash. */
  private readonly sitePathMap: Map<string, string>;
  /** Folder listings by lowercased name, built for the case-insensitive lookups of missing links only. */
  private readonly lowercaseListings: Map<string, Map<string, string>>;
  /** Folder listings by project-relative posix path ('' for the project root). */
  private readonly listings: Map<string, Map<string, PathKind>>;
  /** The content root as a project-relative posix prefix ('' when it is the project root). */
  readonly contentPrefix: string;

  constructor(
    private readonly project: Project,
    facts: Iterable<IndexFacts>,
    /** True when `facts` has every document under the content root. */
    private readonly complete: boolean,
    /** The facts of a Markdown file that was not parsed; it checks the real path (a link out of the root or a FIFO has none). */
    private readonly readFacts: (file: string) => IndexFacts,
    /** An index of the same files and addresses (withAnchors): its listings and address maps are shared. */
    sameFiles?: CorpusIndex,
  ) {
    for (const fact of facts) this.byFile.set(fact.file, fact);
    // The address maps are built lazily: one not built yet is built once, for both indexes.
    if (sameFiles && !sameFiles.urlMap) sameFiles.urlMap = sameFiles.buildUrlMap();
    this.urlMap = sameFiles?.urlMap;
    this.sitePathMap = sameFiles?.sitePathMap ?? new Map();
    this.lowercaseListings = sameFiles?.lowercaseListings ?? new Map();
    this.listings = sameFiles?.listings ?? new Map();
    const relative = toProjectPath(project.projectRoot, project.contentRoot);
    this.contentPrefix = relative === '' ? '' : `${relative}/`;
  }

  /** Is this project-relative path (already normalised) inside the content root? */
  isInContent(file: string): boolean {
    // The content root itself (`./` from a page at the top, `..` from a folder) is in it.
    return !file.startsWith('../') && file !== '..' && (file.startsWith(this.contentPrefix) || file === this.contentPrefix.slice(0, -1));
  }

  /** The anchors of a Markdown file inside the content root, reading it if it was not parsed. */
  anchorsOf(file: string): Anchors {
    const anchors = this.facts(file).anchors;
    return typeof anchors === 'string' ? new PackedAnchors(anchors) : anchors;
  }

  /**
   * The same anchors packed into one string (a compact shard's as they are): the many links to a
   * file then search one string, where a set's lookup visits its table and then its strings.
   */
  packedAnchorsOf(file: string): string {
    const anchors = this.facts(file).anchors;
    return typeof anchors === 'string' ? anchors : packAnchors(anchors);
  }

  /** Whether the file's anchors are known: it was read (a file that could not be has its own finding). */
  anchorsKnown(file: string): boolean {
    return this.facts(file).unread !== true;
  }

  /** The project-relative file whose canonical url this is (trailing slash and fragment ignored). */
  fileForUrl(url: string): string | undefined {
    if (!this.urlMap) this.urlMap = this.buildUrlMap();
    return this.urlMap.get(normalizeUrl(url));
  }

  /** The project-relative file whose address field is this site path (trailing slash ignored). */
  fileForSitePath(sitePath: string): string | undefined {
    if (!this.urlMap) this.urlMap = this.buildUrlMap();
    return this.sitePathMap.get(sitePathKey(sitePath));
  }

  /** Exact-case existence inside the content root, so a link that works only on a case-insensitive disk still fails. */
  pathKind(file: string): PathKind | undefined {
    if (!this.isInContent(file)) return undefined;
    // The content root itself: '' when it is the project root.
    if (file === this.contentPrefix.slice(0, -1)) return 'directory';
    // Walked down from the content root, stopping at the first part that is not a folder: a link
    // through 100,000 folders that do not exist costs one listing, not a recursion per level.
    let folder = this.contentPrefix.slice(0, -1);
    for (let start = this.contentPrefix.length; ; ) {
      const slash = file.indexOf('/', start);
      const kind = this.listing(folder).get(file.slice(start, slash === -1 ? file.length : slash));
      if (slash === -1) return kind;
      if (kind !== 'directory') return undefined;
      folder = file.slice(0, slash);
      start = slash + 1;
    }
  }

  /** The existing path that differs from this one only in case (in any folder of it), for a did-you-mean or a case-insensitive host. */
  caseInsensitiveMatch(file: string): string | undefined {
    if (!this.isInContent(file)) return undefined;
    // The content root's own part is taken as written: only what lies under it is looked up.
    let found = this.contentPrefix.slice(0, -1);
    for (const part of file.slice(this.contentPrefix.length).split('/')) {
      const name = this.lowercaseListing(found).get(part.toLowerCase());
      if (name === undefined) return undefined;
      found = found === '' ? name : `${found}/${name}`;
    }
    return found;
  }

  private lowercaseListing(directory: string): Map<string, string> {
    let names = this.lowercaseListings.get(directory);
    if (!names) {
      names = new Map();
      // Sorted so that of two names equal but for case, the same one is chosen in every run.
      for (const name of [...this.listing(directory).keys()].sort().reverse()) names.set(name.toLowerCase(), name);
      this.lowercaseListings.set(directory, names);
    }
    return names;
  }

  private listing(directory: string): Map<string, PathKind> {
    const listed = this.listings.get(directory);
    if (listed) return listed;
    // Callers pass the content root or a folder found in its parent's listing, never a path from content unchecked.
    const entries = new Map<string, PathKind>();
    try {
      for (const entry of readdirSync(path.join(this.project.projectRoot, directory), { withFileTypes: true })) {
        entries.set(entry.name, entry.isDirectory() ? 'directory' : 'file');
      }
    } catch {
      // Unreadable folder, or a file: nothing in it can be confirmed.
    }
    this.listings.set(directory, entries);
    return entries;
  }

  /**
   * This index with these files' anchors changed, and nothing else: no file added or removed, no
   * address changed. The folder listings and address maps are shared, not built again (at 100,000
   * pages the address map alone takes ~0.2 s); the new index starts its own resolution caches.
   */
  withAnchors(changed: readonly IndexFacts[]): CorpusIndex {
    const next = new CorpusIndex(this.project, this.byFile.values(), this.complete, this.readFacts, this);
    for (const fact of changed) next.byFile.set(fact.file, fact);
    return next;
  }

  private facts(file: string): IndexFacts {
    let facts = this.byFile.get(file);
    if (!facts) this.byFile.set(file, (facts = this.readFacts(file)));
    return facts;
  }

  private buildUrlMap(): Map<string, string> {
    if (!this.complete) {
      const everyFile = discoverFiles({ projectRoot: this.project.projectRoot, contentRoot: this.project.contentRoot, paths: [this.project.contentRoot], cwd: this.project.contentRoot, ignore: this.project.config.ignore });
      for (const file of everyFile) this.facts(file.file);
    }
    const map = new Map<string, string>();
    // Of two pages with one address, the first in code-point order (whatever order the facts came in): no sort needed.
    const claim = (owners: Map<string, string>, key: string, file: string) => {
      const owner = owners.get(key);
      if (owner === undefined || file < owner) owners.set(key, file);
    };
    for (const [file, { address: url }] of this.byFile) {
      if (url === undefined) continue;
      if (url.startsWith('/') && !url.startsWith('//')) claim(this.sitePathMap, sitePathKey(url), file);
      else if (URL.canParse(url)) claim(map, normalizeUrl(url), file);
    }
    return map;
  }
}

/**
 * Joins a project-relative folder and a relative path, resolving . and .. without touching the disk.
 * A caller joining many paths to one folder says once whether the folder is plain (isPlainPath).
 */
export function joinPosix(directory: string, relative: string, plainDirectory = isPlainPath(directory)): string {
  return (plainDirectory ? joinPlain(directory, relative) : undefined) ?? joinSegments(directory, relative);
}

/** A path whose parts are all names: none empty, `.` or `..` (nor, to stay simple, starting with a dot). '' is plain. */
export function isPlainPath(path: string): boolean {
  return path === '' || (path.charCodeAt(0) !== DOT && !path.startsWith('/') && !path.endsWith('/') && !path.includes('/.') && !path.includes('//'));
}

/**
 * The join of the common link, `../../folder/page.md` from a plain folder, by slicing: no arrays,
 * no split (each link of a corpus is joined). Undefined when the rest needs joinSegments: a path
 * with an empty, `.` or `..` part after its leading ones, or more `..` than the folder has parts.
 * A test compares the two on every short path.
 */
function joinPlain(directory: string, relative: string): string | undefined {
  let start = 0;
  let end = directory.length;
  for (;;) {
    if (relative.startsWith('./', start)) start += 2;
    else if (relative.startsWith('../', start)) {
      if (end === 0) return undefined;
      end = Math.max(directory.lastIndexOf('/', end - 1), 0);
      start += 3;
    } else break;
  }
  const rest = start === 0 ? relative : relative.slice(start);
  if (rest === '' || !isPlainPath(rest)) return undefined;
  return end === 0 ? rest : `${end === directory.length ? directory : directory.slice(0, end)}/${rest}`;
}

const DOT = 46;

function joinSegments(directory: string, relative: string): string {
  // A stack of segments and a count of the `..` that climb above the top: each segment costs O(1),
  // where searching a growing string for its last `..` or `/` made `../` x 100,000 quadratic.
  const below: string[] = [];
  let above = 0;
  const step = (part: string): void => {
    if (part === '..') {
      if (below.length > 0) below.pop();
      else above += 1;
    } else if (part !== '' && part !== '.') below.push(part);
  };
  for (const part of directory.split('/')) step(part);
  for (let start = 0; start <= relative.length; ) {
    const slash = relative.indexOf('/', start);
    const end = slash === -1 ? relative.length : slash;
    step(relative.slice(start, end));
    start = end + 1;
  }
  return new Array<string>(above).fill('..').concat(below).join('/');
}

/** A site path as a URL has it (dot segments resolved, escapes as a browser writes them), without its trailing slash. */
export function sitePathKey(sitePath: string): string {
  const pathname = URL.canParse(sitePath, 'http://site.invalid') ? new URL(sitePath, 'http://site.invalid').pathname : sitePath;
  return pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
}

export function normalizeUrl(url: string): string {
  const parsed = new URL(url);
  // Without a # there is no fragment to drop (setting it would only write the URL out again).
  if (url.includes('#')) parsed.hash = '';
  if (parsed.pathname.length > 1 && parsed.pathname.endsWith('/')) parsed.pathname = parsed.pathname.slice(0, -1);
  return parsed.href;
}
