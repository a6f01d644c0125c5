/**
 * One part of a lint run: the documents it reads and judges, in steps that need the rest of the
 * corpus only through plain data. parse() returns each document's index facts; check() links them
 * against the facts of the whole corpus and names the external URLs to request; applyExternal()
 * takes those URLs' results, and judge() runs the rules, a chunk at a time. A run has a shard on
 * the main thread and one on each worker thread (--jobs N: N - 1): the same code, so the reports
 * are the same byte for byte.
 */
import path from 'node:path';
import type { Project } from '../config/load.js';
import type { DiscoveredFile } from '../corpus/discover.js';
import { NO_KEY_POSITIONS, withoutKeyPositions, type ParsedDocument } from '../corpus/document.js';
import { parseOptionsOf, readDocument } from '../corpus/read.js';
import { contentRootOf } from '../corpus/root.js';
import { checkDocumentLinks, linkSettings, NO_LINK_CHECKS, type LinkCheck } from '../links/check.js';
import type { ExternalResult } from '../links/external/result.js';
import type { ExtractedLink } from '../links/extract.js';
import { CorpusIndex, indexFactsOf, type IndexFacts } from '../links/index.js';
import { LinkPacker, PackedAnchors, packAnchors } from '../links/packed.js';
import type { LinkSummary, SeveritySetting } from '../report/types.js';
import { createJudge, type EarlyVerdict, type Judged } from './judge.js';

/** What every shard of a run is told: plain data, as a worker thread receives it. */
export interface ShardOptions {
  asOf: string;
  ruleOverrides?: Record<string, SeveritySetting>;
  links: boolean;
  /** External URLs will be requested: check() names them. */
  external: boolean;
  hash: boolean;
  /** The run covers the whole content root (no paths named, or the root itself). */
  complete: boolean;
  /** --changed: judge these files, and (links only) the documents whose links the change broke. */
  changes?: { changed: readonly string[]; deleted: readonly string[] };
  /** --shard: judge every count-th document of the sorted corpus, from the index-th (1-based). */
  shard?: { index: number; count: number };
  /** Hold links and anchors packed until checked (less memory: 10,000 pages 148 MB against ~210, for ~3% more CPU). */
  compact?: boolean;
}

export interface ShardLinks {
  /** Unique external URLs of the judged documents, to request once for the run. */
  externalUrls: string[];
  /** Site links that nothing in the config resolves, and the pages that have them (one note per run). */
  unconfigured: { links: number; pages: number };
}

/** What a shard judged of one chunk of the corpus (chunks put back in order make the run's lists). */
export interface ChunkVerdicts extends Judged {
  chunk: number;
}

/** What a shard tells once every chunk is judged. */
export interface ShardSummary {
  links?: LinkSummary;
  /** Config suppressions (by index) that silenced something. */
  usedConfigEntries: number[];
}

/** The facts of a Markdown file no shard parsed (a run on named paths): read inside the root, or none. */
export function unparsedFactsReader(project: Project): (file: string) => IndexFacts {
  const root = contentRootOf(project);
  return (file) => indexFactsOf(readDocument({ path: path.join(project.projectRoot, file), file, root }, parseOptionsOf(project.config)), project.config.links.urlField);
}

/** The index facts of one chunk of the corpus. */
export interface ChunkFacts {
  chunk: number;
  facts: IndexFacts[];
}

/**
 * Facts as they cross between threads: anchors packed into one string (links/packed.ts), which a
 * thread copies many times faster than a set of strings (10,000 pages: ~10 ms against ~55).
 */
export function factsForTransfer(facts: readonly IndexFacts[]): IndexFacts[] {
  return facts.map((fact) => (typeof fact.anchors === 'string' ? fact : { ...fact, anchors: packAnchors(fact.anchors) }));
}

/** Consecutive documents of the sorted corpus, parsed by one shard. */
interface Chunk {
  id: number;
  /** The place of its first document in the sorted corpus (for --shard). */
  first: number;
  documents: ParsedDocument[];
  /** Each document's links until they are checked: packed (see links/packed.ts) when compact. */
  links: (string | ExtractedLink[])[];
  /** Each document's anchors, for its own #fragments: packed (see links/packed.ts) when compact. */
  anchors: (string | ReadonlySet<string>)[];
  /** The chunk's index facts, until the shard is given the rest of the corpus's (check). */
  facts: IndexFacts[];
  judged: ParsedDocument[];
}

const NO_LINKS: ExtractedLink[] = [];

export class CorpusShard {
  private readonly chunks: Chunk[] = [];
  private readonly rules: ReturnType<typeof createJudge>;
  private readonly links = new LinkPacker();
  /** What the rules said of each document as it was read (the documents this shard may judge). */
  private readonly early = new Map<ParsedDocument, EarlyVerdict>();
  private readonly linksOnly = new Set<string>();
  /** External links not requested (no --external), by document. */
  private readonly notRequested = new Map<string, number>();
  private linkSummary: LinkSummary | undefined;
  /** Links in each document (they are not kept once checked). */
  private readonly linkCounts = new Map<string, number>();
  /** Each document's link checks, from check() until its chunk is judged. */
  private readonly linkChecks = new Map<ParsedDocument, LinkCheck[]>();

  constructor(
    private readonly project: Project,
    private readonly options: ShardOptions,
    /** Keep each document whole (the overdue report reads their metadata); else only what link checks need is kept. */
    private readonly keepDocuments = false,
  ) {
    this.rules = createJudge({ project, ...options });
  }

  /** Reads and parses a chunk: these files, the `first`-th of the sorted corpus onwards. Returns their index facts. */
  parse(chunk: number, files: readonly DiscoveredFile[], first: number): IndexFacts[] {
    const { project, options } = this;
    const urlField = project.config.links.urlField;
    const held: Chunk = { id: chunk, first, documents: [], links: [], anchors: [], facts: [], judged: [] };
    const facts = files.map((file, offset) => {
      const document = readDocument(file, { links: options.links, hash: options.hash, ...parseOptionsOf(project.config) });
      const anchors = options.compact ? packAnchors(document.anchors) : document.anchors;
      // Compact: the rules that need only the document run now, and only what link checks need is
      // kept; a document kept whole (for the overdue report) loses the key positions only rules read.
      const kept = !options.compact ? document : this.keepDocuments ? withoutKeyPositions(document) : linkFactsOnly(document, urlField);
      if (options.compact && this.mayJudge(first + offset)) this.early.set(kept, this.rules.early(document));
      held.documents.push(kept);
      held.links.push(options.compact ? this.links.pack(document.links) : document.links);
      held.anchors.push(anchors);
      return { ...indexFactsOf(document, urlField), anchors };
    });
    held.facts = facts;
    this.chunks.push(held);
    return facts;
  }

  /**
   * Checks every document's links against the whole corpus's facts (this shard's own, and the
   * other chunks' given here), then chooses the documents to judge.
   */
  check(otherChunks: readonly ChunkFacts[]): ShardLinks {
    const { project, options } = this;
    const own = this.chunks.map((chunk): ChunkFacts => ({ chunk: chunk.id, facts: chunk.facts }));
    for (const chunk of this.chunks) chunk.facts = [];
    // In corpus order, as one thread would have indexed them.
    const facts = [...own, ...otherChunks].sort((a, b) => a.chunk - b.chunk).flatMap((chunk) => chunk.facts);
    if (options.links) {
      const index = new CorpusIndex(project, facts, options.complete, unparsedFactsReader(project));
      const settings = linkSettings(project, options.external);
      for (const chunk of this.chunks) {
        chunk.documents.forEach((document, offset) => {
          // Put back for the check only: a document's links and anchors are not needed after it.
          const kept = { links: document.links, anchors: document.anchors };
          const links = chunk.links[offset]!;
          const anchors = chunk.anchors[offset]!;
          document.links = typeof links === 'string' ? this.links.unpack(links) : links;
          document.anchors = typeof anchors === 'string' ? new Set(new PackedAnchors(anchors)) : anchors;
          const tally = { notRequested: 0 };
          this.linkChecks.set(document, checkDocumentLinks(document, index, settings, tally));
          if (tally.notRequested > 0) this.notRequested.set(document.file, tally.notRequested);
          this.linkCounts.set(document.file, document.links.length);
          Object.assign(document, kept);
        });
        chunk.links = [];
        chunk.anchors = [];
      }
    }
    // In corpus order: with --changed, --shard counts the changed documents across chunks.
    let changedBefore = 0;
    for (const chunk of [...this.chunks].sort((a, b) => a.id - b.id)) {
      const { judged, changed } = this.select(chunk, changedBefore);
      chunk.judged = judged;
      changedBefore += changed;
    }
    const externalUrls = new Set<string>();
    const unconfigured = { links: 0, pages: 0 };
    for (const document of this.judgedDocuments()) {
      let siteLinks = 0;
      for (const check of this.linkChecksOf(document)) {
        if (check.outcome === 'external') externalUrls.add(check.url!);
        else if (check.outcome === 'site-unconfigured') siteLinks++;
      }
      unconfigured.links += siteLinks;
      if (siteLinks > 0) unconfigured.pages++;
    }
    return { externalUrls: [...externalUrls], unconfigured };
  }

  /** Gives the judged documents' external links their results (none when not requested); returns the chunks to judge. */
  applyExternal(externalResults: ReadonlyMap<string, ExternalResult>): number[] {
    for (const document of this.judgedDocuments()) for (const check of this.linkChecksOf(document)) if (check.outcome === 'external') applyExternalResult(check, externalResults.get(check.url!));
    if (this.options.links) this.linkSummary = this.summarizeLinks();
    return this.chunks.map((chunk) => chunk.id);
  }

  /** Runs the rules over one chunk's judged documents; then lets go of them (unless the caller reads them). */
  judge(id: number): ChunkVerdicts {
    const chunk = this.chunks.find((candidate) => candidate.id === id)!;
    const verdicts = { chunk: id, ...this.rules.judge(chunk.judged, (document) => this.linkChecksOf(document), this.linksOnly, (document) => this.early.get(document)) };
    for (const document of chunk.documents) this.linkChecks.delete(document);
    if (!this.keepDocuments) {
      for (const document of chunk.documents) this.early.delete(document);
      chunk.documents = [];
      chunk.judged = [];
    }
    return verdicts;
  }

  /** Once every chunk is judged: the config suppressions used, and the links counted. */
  summary(): ShardSummary {
    return { usedConfigEntries: [...this.rules.usedConfigEntries], ...(this.linkSummary ? { links: this.linkSummary } : {}) };
  }

  /** The judged documents, parsed, in the order of their chunks (the overdue report reads their metadata). */
  judgedDocuments(): ParsedDocument[] {
    return [...this.chunks].sort((a, b) => a.id - b.id).flatMap((chunk) => chunk.judged);
  }

  private linkChecksOf(document: ParsedDocument): readonly LinkCheck[] {
    return this.linkChecks.get(document) ?? NO_LINK_CHECKS;
  }

  /** Whether the document at this place in the sorted corpus can be judged (only a shard's part can, when no change selects). */
  private mayJudge(position: number): boolean {
    const { changes, shard } = this.options;
    return !shard || changes !== undefined || position % shard.count === shard.index - 1;
  }

  /**
   * A shard takes every Nth document of the sorted corpus. A change judges the documents it added
   * or modified, and every document whose links now break because the change deleted, renamed or
   * edited their target: for those links only, not the problems the page had before the change.
   */
  private select({ documents, first }: Chunk, changedBefore: number): { judged: ParsedDocument[]; changed: number } {
    const { changes, shard } = this.options;
    let selected = documents;
    if (changes) {
      const changed = new Set(changes.changed);
      const touched = new Set([...changes.changed, ...changes.deleted]);
      selected = selected.filter((document) => {
        if (changed.has(document.file)) return true;
        const broken = this.linkChecksOf(document).filter((check) => (check.outcome === 'missing-file' || check.outcome === 'missing-anchor') && check.target !== undefined && touched.has(check.target));
        if (broken.length === 0) return false;
        this.linksOnly.add(document.file);
        this.linkChecks.set(document, broken);
        return true;
      });
    }
    if (!shard) return { judged: selected, changed: selected.length };
    // With --changed the shards split the change, counted across this shard's chunks (such a run has one shard); else the sorted corpus.
    const judged = selected.filter((_document, offset) => (changes ? changedBefore + offset : first + offset) % shard.count === shard.index - 1);
    return { judged, changed: selected.length };
  }

  /** The judged documents' link occurrences: checked (locally or over the network), broken (any finding), skipped, cached. */
  private summarizeLinks(): LinkSummary {
    const summary: LinkSummary = { total: 0, checked: 0, broken: 0, skipped: 0, cached: 0 };
    for (const document of this.judgedDocuments()) {
      summary.total += this.linkCounts.get(document.file) ?? 0;
      summary.skipped += this.notRequested.get(document.file) ?? 0;
      for (const check of this.linkChecksOf(document)) {
        if (check.outcome === 'skipped' || check.outcome === 'site-unresolved' || check.outcome === 'site-unconfigured') summary.skipped++;
        else if (check.outcome !== 'external-ok') summary.broken++;
        if (check.cached) summary.cached++;
      }
    }
    summary.checked = summary.total - summary.skipped;
    return summary;
  }
}

const NO_ANCHORS: ReadonlySet<string> = new Set();
const NO_DATA: Record<string, unknown> = Object.freeze(Object.create(null));

/**
 * What link checks and the rules that read them need of a document whose other rules have run and
 * whose entry is made: its file, suppressions and address (links.urlField), not its metadata,
 * links or anchors (kept packed until checked). A large corpus is held this way until it is indexed.
 */
function linkFactsOnly(document: ParsedDocument, urlField: string): ParsedDocument {
  const { file, unreadable, frontmatter, suppressions } = document;
  // Its path (the file on disk) is not read again either: the project path names it.
  const slim: ParsedDocument = { file, path: file, links: NO_LINKS, anchors: NO_ANCHORS, suppressions };
  if (unreadable) slim.unreadable = unreadable;
  if (frontmatter?.kind === 'ok') {
    // fromEntries defines the key as its own, whatever its name (a urlField of "__proto__" included).
    const data = Object.hasOwn(frontmatter.data, urlField) ? Object.fromEntries([[urlField, frontmatter.data[urlField]]]) : NO_DATA;
    slim.frontmatter = { ...frontmatter, data, keyPositions: NO_KEY_POSITIONS };
  } else if (frontmatter) slim.frontmatter = frontmatter;
  return slim;
}

/** An external link's network outcome, in place of 'external'. */
function applyExternalResult(check: LinkCheck, result: ExternalResult | undefined): void {
  if (!result) return;
  check.outcome = result.outcome;
  const chain = result.redirects.length > 0 ? ` via ${result.redirects.join(' → ')}` : '';
  const status = result.status !== undefined && !(result.detail ?? '').includes(String(result.status)) ? `HTTP ${result.status}` : '';
  const detail = [status, result.detail].filter(Boolean).join(', ') + chain;
  if (detail) check.detail = detail;
  if (result.cached) check.cached = true;
}
