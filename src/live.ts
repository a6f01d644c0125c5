/**
 * A corpus held parsed in memory, for the front-ends that re-check as files change (lint --watch,
 * the language server): replacing a document re-indexes the corpus and tells which documents to
 * re-check (it and the documents that link to it); checking runs the same link checks and rules as lint.
 */
import { createJudge } from './check/judge.js';
import { unparsedFactsReader } from './check/shard.js';
import { verdictFor } from './check/verdict.js';
import { parseOptionsOf, readDocument } from './corpus/read.js';
import { metadataOf, type ParsedDocument } from './corpus/document.js';
import { checkDocumentLinks, linkSettings, linkTargets, NO_LINK_CHECKS, type LinkCheck, type LinkSettings } from './links/check.js';
import { CorpusIndex, indexFactsOf } from './links/index.js';
import { discoverCorpus, type LintOptions } from './lint.js';
import type { ReviewVerdict } from './review/verdict.js';

export class LiveCorpus {
  readonly documents: Map<string, ParsedDocument>;
  index: CorpusIndex;
  /** External URLs are never requested while watching or typing. */
  readonly settings: LinkSettings;
  /** Who links to each file, and what each document linked to when it was last read. */
  private readonly linkers = new Map<string, Set<string>>();
  private readonly targetsOf = new Map<string, string[]>();
  /** Each document's link checks, as last checked (the language server's hovers and fixes read them). */
  private readonly linkChecks = new WeakMap<ParsedDocument, readonly LinkCheck[]>();

  constructor(readonly options: LintOptions) {
    const { project } = options;
    const files = discoverCorpus({ ...options, paths: [] });
    this.documents = new Map(files.map((file) => [file.file, readDocument(file, parseOptionsOf(project.config))]));
    this.settings = linkSettings(project, false);
    this.index = this.indexNow();
    this.documents.forEach((document) => this.addLinks(document));
  }

  /**
   * Puts each document given in the corpus (undefined: the file is gone) and re-indexes it; returns
   * the files to re-check, sorted: the documents given and every document that links to one of them.
   */
  replace(changes: ReadonlyMap<string, ParsedDocument | undefined>): string[] {
    const affected = new Set<string>();
    // Typing mostly changes neither a page's url nor its anchors: then the index answers as before, and is kept.
    // A new heading changes only anchors: the index is updated for those files, not built again.
    const { urlField } = this.settings.site;
    const needs = [...changes].map(([file, document]) => indexChange(this.documents.get(file), document, urlField));
    const reindex = needs.includes('all') ? 'all' : needs.includes('anchors') ? 'anchors' : undefined;
    for (const [file, document] of changes) {
      this.removeLinks(file);
      for (const linker of this.linkers.get(file) ?? []) affected.add(linker);
      if (document) {
        this.documents.set(file, document);
        affected.add(file);
      } else {
        this.documents.delete(file);
      }
    }
    // A changed page may have new headings, a new url or new links: index the corpus as it is now.
    if (reindex === 'all') this.index = this.indexNow();
    else if (reindex === 'anchors') this.index = this.index.withAnchors([...changes.values()].map((document) => indexFactsOf(document!, urlField)));
    for (const document of changes.values()) if (document) this.addLinks(document);
    return [...affected].sort();
  }

  /**
   * Files that are not pages changed on disk (an image, a PDF, a folder): the index lists the folders
   * again, and `pages` (those under a folder that went or came) leave or join the corpus. Returns the
   * files to re-check: those pages and every document that links to one of `paths` or into it.
   */
  pathsChanged(paths: readonly string[], pages: ReadonlyMap<string, ParsedDocument | undefined>): string[] {
    const affected = new Set(this.replace(pages));
    // An index reads each folder listing once and keeps it: a new one lists the folders as they are now.
    this.index = this.indexNow();
    for (const [target, linkers] of this.linkers) {
      if (paths.some((changed) => target === changed || target.startsWith(`${changed}/`))) for (const linker of linkers) affected.add(linker);
    }
    return [...affected].filter((file) => this.documents.has(file)).sort();
  }

  /** The rules' findings for these documents (of the corpus, or not: a file outside the root is judged alone). */
  check(documents: readonly ParsedDocument[]) {
    for (const document of documents) this.linkChecks.set(document, checkDocumentLinks(document, this.index, this.settings, { notRequested: 0 }));
    return createJudge(this.options).judge(documents, (document) => this.linkChecksOf(document));
  }

  /** A document's review verdict for the run's as-of day. */
  reviewOf(document: ParsedDocument): ReviewVerdict {
    return verdictFor(document, this.options.project, this.options.asOf);
  }

  /** The outcomes of a document's links that are not simply fine, as its last check found them (none before it). */
  linkChecksOf(document: ParsedDocument): readonly LinkCheck[] {
    return this.linkChecks.get(document) ?? NO_LINK_CHECKS;
  }

  /** The corpus documents of these files (a file no longer in the corpus is left out). */
  documentsOf(files: readonly string[]): ParsedDocument[] {
    return files.map((file) => this.documents.get(file)).filter((document): document is ParsedDocument => document !== undefined);
  }

  private indexNow(): CorpusIndex {
    const { project } = this.options;
    const facts = [...this.documents.values()].map((document) => indexFactsOf(document, project.config.links.urlField));
    return new CorpusIndex(project, facts, true, unparsedFactsReader(project));
  }

  private addLinks(document: ParsedDocument) {
    const targets = linkTargets(document, this.index, this.settings);
    this.targetsOf.set(document.file, targets);
    for (const target of targets) this.linkers.set(target, (this.linkers.get(target) ?? new Set()).add(document.file));
  }

  private removeLinks(file: string) {
    for (const target of this.targetsOf.get(file) ?? []) this.linkers.get(target)?.delete(file);
    this.targetsOf.delete(file);
  }
}

/** How the index sees a file that was not read: a page whose anchors are unknown, or (out of the root) no page at all. */
function unreadKind(document: ParsedDocument): 'read' | 'unread' | 'outside' {
  return !document.unreadable ? 'read' : document.unreadable.outsideRoot ? 'outside' : 'unread';
}

/**
 * What the index must learn of a file's new version: nothing (both exist, both read or both not,
 * with the same address, links.urlField, and anchors: the index reads nothing else of a
 * document), its anchors only (both read, same address), or all: a file came or went, its
 * address changed, or it could or could not be read.
 */
function indexChange(before: ParsedDocument | undefined, after: ParsedDocument | undefined, urlField: string): 'none' | 'anchors' | 'all' {
  if (!before || !after || metadataOf(before)?.[urlField] !== metadataOf(after)?.[urlField] || unreadKind(before) !== unreadKind(after)) return 'all';
  if (before.anchors.size === after.anchors.size && [...after.anchors].every((anchor) => before.anchors.has(anchor))) return 'none';
  return before.unreadable ? 'all' : 'anchors';
}
