/**
 * What link checks look up across the corpus: each document's anchors, which document a URL is
 * the canonical address of, and whether a path exists with exactly that case. It reads only
 * inside the content root, and each folder listing or unparsed document at most once.
 */
import { readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Project } from '../config/load.js';
import { discoverFiles, isInside, toProjectPath } from '../corpus/discover.js';
import { metadataOf, type ParsedDocument } from '../corpus/document.js';
import { readDocument } from '../corpus/read.js';

export type PathKind = 'file' | 'directory';

export class CorpusIndex {
  private readonly byFile = new Map<string, ParsedDocument>();
  private urlMap: Map<string, string> | undefined;
  private readonly listings = new Map<string, Map<string, PathKind>>();

  constructor(
    private readonly project: Project,
    parsed: readonly ParsedDocument[],
    /** True when `parsed` is every document under the content root. */
    private readonly complete: boolean,
  ) {
    for (const document of parsed) this.byFile.set(document.file, document);
  }

  get contentRoot(): string {
    return this.project.contentRoot;
  }

  absolutePath(file: string): string {
    return path.join(this.project.projectRoot, file);
  }

  projectPath(absolutePath: string): string {
    return toProjectPath(this.project.projectRoot, absolutePath);
  }

  /** The anchors of a Markdown file inside the content root, reading it if it was not parsed. */
  anchorsOf(absolutePath: string): ReadonlySet<string> {
    return this.document(absolutePath).anchors;
  }

  /** The project-relative file whose canonical url this is (trailing slash and fragment ignored). */
  fileForUrl(url: string): string | undefined {
    if (!this.urlMap) this.urlMap = this.buildUrlMap();
    return this.urlMap.get(normalizeUrl(url));
  }

  /** Exact-case existence inside the content root, so a link that works only on a case-insensitive disk still fails. */
  pathKind(absolutePath: string): PathKind | undefined {
    if (!isInside(this.contentRoot, absolutePath)) return undefined;
    if (absolutePath === this.contentRoot) return 'directory';
    const listing = this.listing(path.dirname(absolutePath));
    return listing?.get(path.basename(absolutePath));
  }

  /** A name in the same folder that differs only in case, for a did-you-mean. */
  caseInsensitiveMatch(absolutePath: string): string | undefined {
    const listing = this.listing(path.dirname(absolutePath));
    const wanted = path.basename(absolutePath).toLowerCase();
    return [...(listing?.keys() ?? [])].find((name) => name.toLowerCase() === wanted);
  }

  private listing(directory: string): Map<string, PathKind> | undefined {
    if (!isInside(this.contentRoot, directory)) return undefined;
    const cached = this.listings.get(directory);
    if (cached) return cached;
    if (directory !== this.contentRoot && this.pathKind(directory) !== 'directory') return undefined;
    const entries = new Map<string, PathKind>();
    try {
      for (const entry of readdirSync(directory, { withFileTypes: true })) {
        // A symlink counts by what it points to only if it stays inside the root (never read otherwise).
        entries.set(entry.name, entry.isDirectory() ? 'directory' : 'file');
      }
    } catch {
      // Unreadable folder: nothing in it can be confirmed.
    }
    this.listings.set(directory, entries);
    return entries;
  }

  private document(absolutePath: string): ParsedDocument {
    const file = toProjectPath(this.project.projectRoot, absolutePath);
    let document = this.byFile.get(file);
    if (!document) {
      // A symlink inside the root may point out of it: such a target is never read.
      const real = safeRealpath(absolutePath);
      const readable = real !== undefined && isInside(this.realContentRoot(), real);
      document = readable ? readDocument({ path: absolutePath, file }) : { path: absolutePath, file, links: [], anchors: new Set<string>() };
      this.byFile.set(file, document);
    }
    return document;
  }

  private realRoot: string | undefined;

  private realContentRoot(): string {
    this.realRoot ??= safeRealpath(this.contentRoot) ?? this.contentRoot;
    return this.realRoot;
  }

  private buildUrlMap(): Map<string, string> {
    if (!this.complete) {
      const everyFile = discoverFiles({ projectRoot: this.project.projectRoot, contentRoot: this.contentRoot, paths: [this.contentRoot], cwd: this.contentRoot, ignore: this.project.config.ignore });
      for (const file of everyFile) this.document(file.path);
    }
    const map = new Map<string, string>();
    for (const [file, document] of [...this.byFile].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const url = metadataOf(document)?.url;
      if (typeof url === 'string' && URL.canParse(url) && !map.has(normalizeUrl(url))) map.set(normalizeUrl(url), file);
    }
    return map;
  }
}

function safeRealpath(candidate: string): string | undefined {
  try {
    return realpathSync(candidate);
  } catch {
    return undefined;
  }
}

export function normalizeUrl(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  if (parsed.pathname.length > 1 && parsed.pathname.endsWith('/')) parsed.pathname = parsed.pathname.slice(0, -1);
  return parsed.href;
}
