/** Each link's outcome, decided once per document after the corpus is indexed. */
import { metadataOf, type ParsedDocument } from '../corpus/document.js';
import { closestField } from '../schema/document.js';
import type { Project } from '../config/load.js';
import type { ExtractedLink } from './extract.js';
import { isPlainPath, joinPosix, sitePathKey, type CorpusIndex } from './index.js';
import { hasPackedAnchor, PackedAnchors, type Anchors } from './packed.js';
import { compileSiteRules, routeFile, type SiteRules } from './site.js';

export type LinkOutcome =
  | 'ok'
  | 'skipped'
  | 'missing-file'
  | 'missing-anchor'
  | 'outside-root'
  | 'unsafe-scheme'
  | 'malformed'
  /** A link to a site path that redirects (links.redirects) to a target that works. */
  | 'redirected'
  /** A link that names an existing file only when case is ignored (links.caseSensitive false). */
  | 'case-mismatch'
  /** A /site link in a document with no usable url (and no links.siteOrigin): reported once per document, not per link. */
  | 'site-unresolved'
  /** A /site link with nothing to resolve it (no links.routes match, no siteOrigin, no url): skipped, one note per run. */
  | 'site-unconfigured'
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
/** `mailto:local@domain?query`; the domain's dot is looked for apart (see isMailto). */
const MAILTO = /^mailto:[^@\s?]+@([^@\s?]+)(?:\?.*)?$/i;
const TEL = /^tel:\+?[0-9()./\s-]{3,}$/i;

export interface LinkSettings {
  siteOrigin?: string;
  /** External URLs will be requested: keep them; otherwise they are only counted as skipped. */
  external: boolean;
  site: SiteRules;
}

/** The project's link settings, compiled once per run. */
export function linkSettings(project: Project, external: boolean): LinkSettings {
  const siteOrigin = project.config.links.siteOrigin;
  return { external, site: compileSiteRules(project), ...(siteOrigin ? { siteOrigin } : {}) };
}

/**
 * The links of a document that are not simply fine: problems, skipped links and external URLs
 * (to be checked, or counted as skipped). A document's many good local links make no objects.
 */
export function checkDocumentLinks(document: ParsedDocument, index: CorpusIndex, settings: LinkSettings, tally: { notRequested: number }): LinkCheck[] {
  if (document.links.length === 0) return [];
  const address = metadataOf(document)?.[settings.site.urlField];
  const siteOrigin = settings.siteOrigin ?? originOf(address);
  // No origin because nothing says where the site is (not because the page's own address is wrong): skipped, noted once per run.
  const unconfigured = document.frontmatter?.kind === 'ok' && (address === undefined || (typeof address === 'string' && address.startsWith('/')));
  const context = resolveContext(document, index, settings.site, siteOrigin, unconfigured ? SITE_UNCONFIGURED : SITE_UNRESOLVED, false);
  const checks: LinkCheck[] = [];
  for (const link of document.links) {
    const resolution = resolveLink(rewrite(link.url.trim(), settings.site), context);
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
const SITE_UNCONFIGURED: Resolution = Object.freeze({ outcome: 'site-unconfigured' });
/** Cached for a site path that only an origin could resolve: each document then says which of the two above it is. */
const NEEDS_ORIGIN: Resolution = Object.freeze({ outcome: 'site-unresolved' });

/** A document with no link checks (none made yet, or all its links fine): one frozen list, shared. */
export const NO_LINK_CHECKS: readonly LinkCheck[] = Object.freeze([]);

/** The document's /site links that could not be checked, because it has no usable url to resolve them against. */
export function unresolvedSiteLinks(linkChecks: readonly LinkCheck[]): LinkCheck[] {
  return linkChecks.filter((check) => check.outcome === 'site-unresolved' || check.outcome === 'site-unconfigured');
}

/** links.replace, in order, on a link target before it is resolved. */
function rewrite(raw: string, rules: SiteRules): string {
  let target = raw;
  for (const rule of rules.replace) target = rule.pattern.matcher(target).replaceAll(rule.with);
  return target;
}

/**
 * The project-relative files a document links to, by relative path, by site path or by another
 * document's url (for watch mode's reverse index).
 */
export function linkTargets(document: ParsedDocument, index: CorpusIndex, settings: LinkSettings): string[] {
  const siteOrigin = settings.siteOrigin ?? originOf(metadataOf(document)?.[settings.site.urlField]);
  const context = resolveContext(document, index, settings.site, siteOrigin, SITE_UNRESOLVED, true);
  const targets: string[] = [];
  for (const link of document.links) {
    const raw = rewrite(link.url.trim(), settings.site);
    if (raw === '' || raw.startsWith('#')) continue;
    // The resolution names the file, for site links through routes and redirects too; a relative link outside the root still names its path.
    const target = resolveLink(raw, context).target ?? (SCHEME.test(raw) || raw.startsWith('/') ? undefined : relativeTarget(context, raw, raw.indexOf('#')));
    if (target !== undefined) targets.push(target);
  }
  return targets;
}

/** A relative link's project-relative target (its fragment at `hashAt`, if any, left out); undefined for a broken %-escape. */
function relativeTarget({ document, directory, plainDirectory }: Pick<ResolveContext, 'document' | 'directory' | 'plainDirectory'>, raw: string, hashAt: number): string | undefined {
  let pathPart = hashAt === -1 ? raw : raw.slice(0, hashAt);
  const queryAt = pathPart.indexOf('?');
  if (queryAt !== -1) pathPart = pathPart.slice(0, queryAt);
  // `?print=1` (and `?print=1#part`) is the page itself with a query, as a browser resolves it, not its folder.
  if (pathPart === '' && queryAt !== -1) return document.file;
  let decoded = pathPart;
  if (pathPart.includes('%')) {
    try {
      decoded = decodeURIComponent(pathPart);
    } catch {
      return undefined;
    }
  }
  return joinPosix(directory, decoded, plainDirectory);
}

/** What resolving a document's links needs; the maps are shared by every document of the run. */
interface ResolveContext {
  document: ParsedDocument;
  /** The document's folder, that its relative links start from, and whether it is a plain path (see joinPosix). */
  directory: string;
  plainDirectory: boolean;
  index: CorpusIndex;
  siteOrigin: string | undefined;
  rules: SiteRules;
  /** What a site link that only an origin could resolve is in this document. */
  noOrigin: Resolution;
  /** A working relative link names its file (for watch mode's reverse index); otherwise it is the shared OK. */
  namesTargets: boolean;
  /** Links with a scheme or starting with //, by the link as written: they resolve alike in every document. */
  absolute: Map<string, Resolution>;
  /** Site links (/path) of documents with this siteOrigin (or none), by the link as written. */
  site: Map<string, Resolution>;
  /** Relative links' targets (project-relative paths), whichever document links to them. */
  paths: Map<string, PathResolution>;
}

/**
 * Many documents link to the same URLs, site paths and files: each is resolved once per run (per
 * index and link settings). The maps grow with the unique targets, the paths' up to a bound.
 */
const sharedResolutions = new WeakMap<CorpusIndex, { rules: SiteRules; absolute: Map<string, Resolution>; siteByOrigin: Map<string, Map<string, Resolution>>; paths: Map<string, PathResolution> }>();

/** What the run's checks of one document need: it, its folder, and the resolutions shared by every document. */
function resolveContext(document: ParsedDocument, index: CorpusIndex, rules: SiteRules, siteOrigin: string | undefined, noOrigin: Resolution, namesTargets: boolean): ResolveContext {
  let shared = sharedResolutions.get(index);
  if (shared?.rules !== rules) sharedResolutions.set(index, (shared = { rules, absolute: new Map(), siteByOrigin: new Map(), paths: new Map() }));
  let site = shared.siteByOrigin.get(siteOrigin ?? '');
  if (!site) shared.siteByOrigin.set(siteOrigin ?? '', (site = new Map()));
  const slash = document.file.lastIndexOf('/');
  const directory = slash === -1 ? '' : document.file.slice(0, slash);
  return { document, directory, plainDirectory: isPlainPath(directory), index, siteOrigin, rules, noOrigin, namesTargets, absolute: shared.absolute, site, paths: shared.paths };
}

function resolveLink(raw: string, context: ResolveContext): Resolution {
  if (raw === '') return { outcome: 'malformed', detail: 'the link is empty' };
  if (raw.startsWith('#')) return checkFragment(raw.slice(1), context.document.anchors, 'this document');
  const { siteOrigin } = context;
  // An absolute link on the site's own origin is a site link: routes, redirects and ignorePaths apply.
  const sitePath = raw.startsWith('/') && !raw.startsWith('//') ? raw : siteOrigin && raw.startsWith(siteOrigin) && /^[/?#]/.test(raw.slice(siteOrigin.length)) ? raw.slice(siteOrigin.length) : undefined;
  if (sitePath !== undefined) {
    let resolution = context.site.get(sitePath);
    if (!resolution) context.site.set(sitePath, (resolution = resolveSite(sitePath, context)));
    return resolution === NEEDS_ORIGIN ? context.noOrigin : resolution;
  }
  // Only a link starting with a letter may have a scheme.
  if (!isLetter(raw.charCodeAt(0)) && !raw.startsWith('//')) return resolveRelative(raw, context);
  let resolution = context.absolute.get(raw);
  if (resolution) return resolution;
  resolution = resolveWithScheme(raw, context.index, context.rules);
  if (!resolution) return resolveRelative(raw, context);
  context.absolute.set(raw, resolution);
  return resolution;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * What /^mailto:[^@\s?]+@[^@\s?]+\.[^@\s?]+(?:\?.*)?$/i accepted: a domain with a dot neither
 * first nor last. That expression tried every dot of the domain and scanned on to the end from
 * each (`mailto:a@` + 100,000 dots was quadratic); here the domain is matched once, then searched.
 */
export function isMailto(raw: string): boolean {
  const domain = MAILTO.exec(raw)?.[1];
  if (domain === undefined) return false;
  const dot = domain.indexOf('.', 1);
  return dot !== -1 && dot < domain.length - 1;
}

/** A link with a scheme, or a protocol-relative //host link; undefined for a relative link. */
function resolveWithScheme(raw: string, index: CorpusIndex, rules: SiteRules): Resolution | undefined {
  const scheme = SCHEME.exec(raw)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    if (rules.skipSchemes.has(scheme)) return { outcome: 'skipped', detail: `${scheme}: links are skipped (links.skipSchemes)` };
    if (UNSAFE_SCHEMES.has(scheme)) return { outcome: 'unsafe-scheme', detail: `the ${scheme}: scheme can run code or smuggle content` };
    if (scheme === 'mailto') return isMailto(raw) ? { outcome: 'ok' } : { outcome: 'malformed', detail: 'not a valid mailto: address' };
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
  return fileWithFragment(file, hash.length <= 1 ? undefined : hash.slice(1), index);
}

function resolveRelative(raw: string, context: ResolveContext): Resolution {
  const hashAt = raw.indexOf('#');
  const target = relativeTarget(context, raw, hashAt);
  if (target === undefined) return { outcome: 'malformed', detail: 'the path has a broken %-escape' };
  let path = context.paths.get(target);
  if (!path) {
    path = resolvePath(target, context.index, context.rules);
    if (context.paths.size < MAX_CACHED_PATHS) context.paths.set(target, path);
  }
  const resolution = withFragment(path, hashAt === -1 || isSourceLine(raw, hashAt) ? undefined : raw.slice(hashAt + 1), context.index);
  // The shared OK is at hand; the target's own resolution is one more object to fetch per link.
  return path.works && resolution === path.resolution && !context.namesTargets ? OK : resolution;
}

/** `page.md?plain=1#L5` (or `#L5-L9`, `#L5C2`): a line of GitHub's source view of the file, not an id of the page. */
function isSourceLine(raw: string, hashAt: number): boolean {
  const queryAt = raw.indexOf('?');
  return queryAt !== -1 && queryAt < hashAt && /[?&]plain=1(?:&|$)/.test(raw.slice(queryAt, hashAt)) && /^L\d+(?:C\d+)?(?:-L\d+(?:C\d+)?)?$/.test(raw.slice(hashAt + 1));
}

/**
 * A fragment less its text directive (`#section:~:text=…`): browsers look for an id only in what
 * precedes `:~:`, and a fragment that is only a directive (`#:~:text=…`) names none.
 */
function withoutDirective(fragment: string): string {
  const directive = fragment.indexOf(':~:');
  return directive === -1 ? fragment : fragment.slice(0, directive);
}

/** Targets beyond the corpus's files (a page of links to missing files, each different) are resolved again, not kept. */
const MAX_CACHED_PATHS = 200_000;

/**
 * What a path leads to, whichever document links to it: the resolution of a link to it without a
 * fragment, and the file a fragment must name an anchor of (none for a folder, an image or a
 * missing file: the fragment is not checked).
 */
interface PathResolution {
  resolution: Resolution;
  /** The resolution's outcome is ok. */
  works: boolean;
  anchorsOf?: string;
  /** The anchors of that file, packed (see CorpusIndex.packedAnchorsOf) at the first fragment; UNREAD_ANCHORS when it could not be read. */
  packed?: string;
}

/** Not a packed list: the file was not read, so a fragment into it is not checked (its file-unreadable finding is the one root cause). */
const UNREAD_ANCHORS = '\u0000unread';

const OUTSIDE_ROOT: PathResolution = { resolution: Object.freeze({ outcome: 'outside-root', detail: 'it resolves outside the content root' }), works: false };

/** A relative link's project-relative target. */
function resolvePath(target: string, index: CorpusIndex, rules: SiteRules): PathResolution {
  if (!index.isInContent(target)) return OUTSIDE_ROOT;
  const kind = index.pathKind(target);
  if (kind) return kind === 'file' && target.endsWith('.md') ? existingFile(target) : { resolution: { outcome: 'ok', target }, works: true };
  // x.html whose page source is x.html.md: the source holds the anchors.
  const source = rules.extensions.map((extension) => target + extension).find((file) => index.pathKind(file) === 'file');
  if (source !== undefined) return existingFile(source);
  return missingFile([target], index, rules, `${target} does not exist`);
}

/** A Markdown file that exists: a link to it works, its fragment if its anchors have it. Watch mode's reverse index needs the file of a working link too. */
function existingFile(file: string): PathResolution {
  return { resolution: { outcome: 'ok', target: file }, works: true, anchorsOf: file };
}

/** A link to the path with this fragment: a fragment that is not among the anchors is the problem, at that file. */
function withFragment(path: PathResolution, fragment: string | undefined, index: CorpusIndex): Resolution {
  if (fragment === undefined || path.anchorsOf === undefined) return path.resolution;
  fragment = withoutDirective(fragment);
  const packed = (path.packed ??= index.anchorsKnown(path.anchorsOf) ? index.packedAnchorsOf(path.anchorsOf) : UNREAD_ANCHORS);
  if (packed === UNREAD_ANCHORS) return path.resolution;
  // As checkFragment, without its object for the anchors when the fragment is simply there.
  if (fragment === '' || (!fragment.includes('%') && hasPackedAnchor(packed, fragment))) return path.resolution;
  const found = checkFragment(fragment, new PackedAnchors(packed), path.anchorsOf);
  return found === OK ? path.resolution : { ...found, target: path.anchorsOf };
}

/** A file that exists, and the fragment checked against its anchors. */
function fileWithFragment(file: string, fragment: string | undefined, index: CorpusIndex): Resolution {
  return withFragment(existingFile(file), fragment, index);
}

/**
 * None of the files a link may mean exists. One that differs only in case is a warning when
 * links.caseSensitive is false (the host ignores case: its fragment is then checked there), and
 * otherwise the hint of the error.
 */
function missingFile(candidates: readonly string[], index: CorpusIndex, rules: SiteRules, detail: string): PathResolution {
  for (const candidate of candidates) {
    const differentCase = index.caseInsensitiveMatch(candidate);
    if (differentCase === undefined || index.pathKind(differentCase) !== 'file') continue;
    if (rules.caseSensitive) return { resolution: { outcome: 'missing-file', target: candidate, detail: `${detail} (case must match: "${differentCase}" does)` }, works: false };
    return { resolution: { outcome: 'case-mismatch', target: differentCase, detail: `the file is spelled "${differentCase}"` }, works: false, anchorsOf: differentCase };
  }
  return { resolution: { outcome: 'missing-file', target: candidates[0]!, detail }, works: false };
}

const MAX_REDIRECTS = 20;

/**
 * A site path (with any query and fragment): ignored, redirected, a page's own address, a route's
 * file, or else an URL on the site's origin (checked as external). Cached per run and origin.
 */
function resolveSite(sitePath: string, context: ResolveContext): Resolution {
  const hashAt = sitePath.indexOf('#');
  const fragment = hashAt === -1 ? undefined : sitePath.slice(hashAt + 1);
  const beforeHash = hashAt === -1 ? sitePath : sitePath.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  const pathPart = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt);
  if (!URL.canParse(pathPart || '/', 'http://site.invalid')) return { outcome: 'malformed', detail: 'not a valid site path' };
  const normal = new URL(pathPart || '/', 'http://site.invalid').pathname;
  let decoded: string;
  try {
    decoded = decodeURIComponent(normal);
  } catch {
    return { outcome: 'malformed', detail: 'the path has a broken %-escape' };
  }
  const { index, rules } = context;
  if (rules.isIgnoredPath(decoded)) return { outcome: 'skipped', detail: 'served by something else (links.ignorePaths)' };
  const key = sitePathKey(normal);
  if (context.rules.redirects.has(key)) return followRedirect(key, fragment, context);
  const page = index.fileForSitePath(normal) ?? (context.siteOrigin === undefined ? undefined : index.fileForUrl(context.siteOrigin + normal));
  if (page !== undefined) return fileWithFragment(page, fragment, index);
  const candidates = rules.routes.map((route) => routeFile(route, decoded)).filter((file) => file !== undefined).map((file) => joinPosix('', file));
  const inContent = candidates.filter((file) => index.isInContent(file));
  const found = inContent.find((file) => index.pathKind(file) === 'file');
  if (found !== undefined) return fileWithFragment(found, fragment, index);
  if (candidates.length > 0 && inContent.length === 0) return { outcome: 'outside-root', detail: `its routes lead outside the content root: ${candidates.join(', ')}` };
  if (inContent.length > 0) return withFragment(missingFile(inContent, index, rules, `no file for ${normal}: tried ${inContent.join(', ')}`), fragment, index);
  if (context.siteOrigin !== undefined) return resolveAbsolute(context.siteOrigin + sitePath, index);
  if (rules.routes.length > 0) return { outcome: 'missing-file', detail: `no file for ${normal}: no links.routes entry matches it (add a route, or list it in links.ignorePaths)` };
  return NEEDS_ORIGIN;
}

/** links.redirects: the link works through a redirect (a warning naming the last target), or the last target's problem, or a loop. */
function followRedirect(from: string, fragment: string | undefined, context: ResolveContext): Resolution {
  const { redirects } = context.rules;
  const chain = [from];
  let to = redirects.get(from)!;
  for (let key = redirectKey(to); key !== undefined && redirects.has(key); key = redirectKey(to)) {
    if (chain.includes(key) || chain.length > MAX_REDIRECTS) return { outcome: 'missing-file', detail: `the redirects loop: ${[...chain, key].join(' → ')} (links.redirects)` };
    chain.push(key);
    to = redirects.get(key)!;
  }
  const target = fragment !== undefined && !to.includes('#') ? `${to}#${fragment}` : to;
  const next = redirectKey(to) !== undefined ? resolveSite(target, context) : (resolveWithScheme(target, context.index, context.rules) ?? { outcome: 'malformed', detail: 'not a site path or URL' });
  if (next === NEEDS_ORIGIN) return next;
  if (next.outcome === 'ok' || next.outcome === 'external' || next.outcome === 'skipped') return { outcome: 'redirected', ...(next.target ? { target: next.target } : {}), detail: `it redirects to ${to}` };
  return { ...next, detail: `it redirects to ${to}; ${next.detail ?? next.outcome}` };
}

/** The redirects key of a site path target; undefined for a URL. */
function redirectKey(target: string): string | undefined {
  return target.startsWith('/') && !target.startsWith('//') ? sitePathKey(target.split(/[?#]/)[0]!) : undefined;
}

function checkFragment(fragmentAsWritten: string, anchors: Anchors, where: string): Resolution {
  const rawFragment = withoutDirective(fragmentAsWritten);
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
  // A browser scrolls to the top for #top when no element has that id (HTML's "indicated part of the document").
  if (anchors.has(fragment) || fragment.toLowerCase() === 'top') return OK;
  const candidates = [...anchors];
  // Two spellings that look the same (é as one character, or e and a combining accent): a browser
  // matches neither to the other. Looked for apart from the closest anchor, which may be another
  // one, or none: each accent spelled otherwise is an edit or two, more than a short slug allows.
  const sameLooking = sameLookingAnchor(fragment, candidates);
  if (sameLooking !== undefined) {
    return { outcome: 'missing-anchor', detail: `${where} has no heading or id "${fragment}"; the heading's "#${sameLooking}" looks the same but encodes its accents otherwise (Unicode normalization): type the link's fragment again` };
  }
  const suggestion = closestField(fragment, candidates);
  return { outcome: 'missing-anchor', detail: `${where} has no heading or id "${fragment}"${suggestion ? `; did you mean "#${suggestion}"?` : ''}` };
}

/** The anchor that is the fragment in another Unicode normalization form, if any (an ASCII fragment has none). */
function sameLookingAnchor(fragment: string, anchors: readonly string[]): string | undefined {
  if (!/[^\x00-\x7F]/.test(fragment)) return undefined;
  const composed = fragment.normalize('NFC');
  return anchors.find((anchor) => anchor.normalize('NFC') === composed);
}
