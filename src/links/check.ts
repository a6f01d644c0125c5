/** Each link's outcome, decided once per document after the corpus is indexed. */
import { metadataOf, type ParsedDocument } from '../corpus/document.js';
import { closestField } from '../schema/document.js';
import type { ExtractedLink } from './extract.js';
import { joinPosix, type CorpusIndex } from './index.js';

export type LinkOutcome =
  | 'ok'
  | 'skipped'
  | 'missing-file'
  | 'missing-anchor'
  | 'outside-root'
  | 'unsafe-scheme'
  | 'malformed'
  /** A /site link in a document with no usable url (and no links.siteOrigin): reported once per document, not per link. */
  | 'site-unresolved'
  /** An external URL; its network outcome replaces this when external checking runs. */
  | 'external'
  | 'external-ok'
  | 'external-broken'
  | 'external-timeout'
  | 'external-unverified'
  | 'private-host';

export interface LinkCheck {
  link: ExtractedLink;
  outcome: LinkOutcome;
  /** For a problem: what is wrong, in words. */
  detail?: string;
  /** External links: the absolute URL to request. */
  url?: string;
  /** Local links: the project-relative file linked to. */
  target?: string;
  /** The result came from the cache of an earlier run. */
  cached?: boolean;
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const UNSAFE_SCHEMES = new Set(['javascript', 'vbscript', 'data']);
const MAILTO = /^mailto:[^@\s?]+@[^@\s?]+\.[^@\s?]+(?:\?.*)?$/i;
const TEL = /^tel:\+?[0-9()./\s-]{3,}$/i;

export interface LinkSettings {
  siteOrigin?: string;
  /** External URLs will be requested: keep them; otherwise they are only counted as skipped. */
  external: boolean;
}

/**
 * The links of a document that are not simply fine: problems, skipped links and external URLs
 * (to be checked, or counted as skipped). A document's many good local links make no objects.
 */
export function checkDocumentLinks(document: ParsedDocument, index: CorpusIndex, settings: LinkSettings, tally: { notRequested: number }): LinkCheck[] {
  if (document.links.length === 0) return [];
  const siteOrigin = settings.siteOrigin ?? originOf(metadataOf(document)?.url);
  const context = { document, index, siteOrigin, ...sharedResolutionsFor(index, siteOrigin) };
  const checks: LinkCheck[] = [];
  for (const link of document.links) {
    const resolution = resolveLink(link.url.trim(), context);
    if (resolution.outcome === 'ok') continue;
    if (resolution.outcome === 'external' && !settings.external) {
      tally.notRequested++;
      continue;
    }
    checks.push({ link, ...resolution });
  }
  return checks;
}

type Resolution = Omit<LinkCheck, 'link'>;

/** Most links are fine: they share one resolution, never recorded. */
const OK: Resolution = Object.freeze({ outcome: 'ok' });
const SITE_UNRESOLVED: Resolution = Object.freeze({ outcome: 'site-unresolved' });

/** The document's /site links that could not be checked, because it has no usable url to resolve them against. */
export function unresolvedSiteLinks(document: ParsedDocument): LinkCheck[] {
  return (document.linkChecks ?? []).filter((check) => check.outcome === 'site-unresolved');
}

/**
 * The project-relative files a document links to, by relative path, by site path or by another
 * document's url (for watch mode's reverse index).
 */
export function linkTargets(document: ParsedDocument, index: CorpusIndex, settings: Pick<LinkSettings, 'siteOrigin'>): string[] {
  const siteOrigin = settings.siteOrigin ?? originOf(metadataOf(document)?.url);
  const targets: string[] = [];
  for (const link of document.links) {
    const raw = link.url.trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const target = raw.startsWith('/') || SCHEME.test(raw) ? documentAtUrl(raw, siteOrigin, index) : relativeTarget(document, raw)?.target;
    if (target !== undefined) targets.push(target);
  }
  return targets;
}

/** The document whose url an absolute, protocol-relative or site link names, if there is one. */
function documentAtUrl(raw: string, siteOrigin: string | undefined, index: CorpusIndex): string | undefined {
  const url = raw.startsWith('//') ? `https:${raw}` : raw.startsWith('/') ? siteOrigin && siteOrigin + raw : raw;
  return url && URL.canParse(url) ? index.fileForUrl(url) : undefined;
}

/** A relative link's project-relative target and fragment; undefined for a broken %-escape. */
function relativeTarget(document: ParsedDocument, raw: string): { target: string; fragment?: string } | undefined {
  const hashAt = raw.indexOf('#');
  let pathPart = hashAt === -1 ? raw : raw.slice(0, hashAt);
  const queryAt = pathPart.indexOf('?');
  if (queryAt !== -1) pathPart = pathPart.slice(0, queryAt);
  let decoded = pathPart;
  if (pathPart.includes('%')) {
    try {
      decoded = decodeURIComponent(pathPart);
    } catch {
      return undefined;
    }
  }
  const slash = document.file.lastIndexOf('/');
  const target = joinPosix(slash === -1 ? '' : document.file.slice(0, slash), decoded);
  return hashAt === -1 ? { target } : { target, fragment: raw.slice(hashAt + 1) };
}

/** What resolving a document's links needs; the maps are shared by every document of the run. */
interface ResolveContext {
  document: ParsedDocument;
  index: CorpusIndex;
  siteOrigin: string | undefined;
  /** Links with a scheme or starting with //, by the link as written: they resolve alike in every document. */
  absolute: Map<string, Resolution>;
  /** Site links (/path) of documents with this siteOrigin, by the link as written. */
  site: Map<string, Resolution> | undefined;
}

/** Many documents link to the same URLs and site paths: each is resolved once per run (per index). */
const sharedResolutions = new WeakMap<CorpusIndex, { absolute: Map<string, Resolution>; siteByOrigin: Map<string, Map<string, Resolution>> }>();

function sharedResolutionsFor(index: CorpusIndex, siteOrigin: string | undefined): Pick<ResolveContext, 'absolute' | 'site'> {
  let shared = sharedResolutions.get(index);
  if (!shared) sharedResolutions.set(index, (shared = { absolute: new Map(), siteByOrigin: new Map() }));
  if (siteOrigin === undefined) return { absolute: shared.absolute, site: undefined };
  let site = shared.siteByOrigin.get(siteOrigin);
  if (!site) shared.siteByOrigin.set(siteOrigin, (site = new Map()));
  return { absolute: shared.absolute, site };
}

function resolveLink(raw: string, context: ResolveContext): Resolution {
  if (raw === '') return { outcome: 'malformed', detail: 'the link is empty' };
  if (raw.startsWith('#')) return checkFragment(raw.slice(1), context.document.anchors, 'this document');
  if (raw.startsWith('/') && !raw.startsWith('//')) {
    if (!context.siteOrigin || !context.site) return SITE_UNRESOLVED;
    let resolution = context.site.get(raw);
    // Origins have no path, so origin + path is the resolved URL.
    if (!resolution) context.site.set(raw, (resolution = resolveAbsolute(context.siteOrigin + raw, context.index)));
    return resolution;
  }
  let resolution = context.absolute.get(raw);
  if (resolution) return resolution;
  resolution = resolveWithScheme(raw, context.index);
  if (!resolution) return resolveRelative(context.document, raw, context.index);
  context.absolute.set(raw, resolution);
  return resolution;
}

/** A link with a scheme, or a protocol-relative //host link; undefined for a relative link. */
function resolveWithScheme(raw: string, index: CorpusIndex): Resolution | undefined {
  const scheme = SCHEME.exec(raw)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    if (UNSAFE_SCHEMES.has(scheme)) return { outcome: 'unsafe-scheme', detail: `the ${scheme}: scheme can run code or smuggle content` };
    if (scheme === 'mailto') return MAILTO.test(raw) ? { outcome: 'ok' } : { outcome: 'malformed', detail: 'not a valid mailto: address' };
    if (scheme === 'tel') return TEL.test(raw) ? { outcome: 'ok' } : { outcome: 'malformed', detail: 'not a valid tel: number' };
    if (scheme === 'http' || scheme === 'https') return resolveAbsolute(raw, index);
    return { outcome: 'skipped', detail: `${scheme}: links are not checked` };
  }
  if (raw.startsWith('//')) return resolveAbsolute(`https:${raw}`, index);
  return undefined;
}

/** Only an http(s) url gives an origin: new URL('ftp://x').origin is the string "null". */
function originOf(url: unknown): string | undefined {
  if (typeof url !== 'string' || !URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : undefined;
}

function resolveAbsolute(url: string, index: CorpusIndex): Resolution {
  if (!URL.canParse(url)) return { outcome: 'malformed', detail: 'not a valid URL' };
  const file = index.fileForUrl(url);
  if (file === undefined) return { outcome: 'external', url };
  // A link to another document's canonical address is checked locally, anchor included.
  const hash = new URL(url).hash;
  if (hash.length <= 1) return { outcome: 'ok', target: file };
  return checkFragmentIn(file, hash.slice(1), index);
}

function resolveRelative(document: ParsedDocument, raw: string, index: CorpusIndex): Resolution {
  const relative = relativeTarget(document, raw);
  if (!relative) return { outcome: 'malformed', detail: 'the path has a broken %-escape' };
  const { target, fragment } = relative;
  if (!index.isInContent(target)) return { outcome: 'outside-root', detail: 'it resolves outside the content root' };
  const kind = index.pathKind(target);
  if (!kind) {
    const differentCase = index.caseInsensitiveMatch(target);
    return { outcome: 'missing-file', target, detail: differentCase ? `${target} does not exist (case must match: "${differentCase}" does)` : `${target} does not exist` };
  }
  if (fragment === undefined || fragment === '' || kind !== 'file' || !target.endsWith('.md')) return { outcome: 'ok', target };
  return checkFragmentIn(target, fragment, index);
}

/** A fragment of another document: only a problem records that document as its target (an ok link is dropped). */
function checkFragmentIn(target: string, rawFragment: string, index: CorpusIndex): Resolution {
  const resolution = checkFragment(rawFragment, index.anchorsOf(target), target);
  return resolution.outcome === 'ok' ? resolution : { ...resolution, target };
}

function checkFragment(rawFragment: string, anchors: ReadonlySet<string>, where: string): Resolution {
  if (rawFragment === '') return OK;
  let fragment = rawFragment;
  // Without a % there is nothing to decode.
  if (rawFragment.includes('%')) {
    try {
      fragment = decodeURIComponent(rawFragment);
    } catch {
      // A broken escape is looked up as written.
    }
  }
  if (anchors.has(fragment)) return OK;
  const suggestion = closestField(fragment, [...anchors]);
  return { outcome: 'missing-anchor', detail: `${where} has no heading or id "${fragment}"${suggestion ? `; did you mean "#${suggestion}"?` : ''}` };
}
