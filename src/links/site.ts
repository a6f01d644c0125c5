/**
 * The links settings of a project compiled once per run: routes from site paths to files,
 * ignored site paths, redirects, target rewrites, extensions, case and schemes. Nothing here is
 * compiled per link: route templates become one RE2 pattern each (linear in the path, however the
 * template is written), ignored paths' globs one picomatch matcher each, indexed (glob-index.ts).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { anyGlobMatches } from '../corpus/glob-index.js';
import { configFileLabel, type Project } from '../config/load.js';
import { describeJsonError } from '../corpus/json.js';
import { readInside, safeRealpath } from '../corpus/root.js';
import { ConfigError } from '../errors.js';
import { compileUserPattern, type UserPattern } from '../schema/pattern.js';
import { sitePathKey } from './index.js';

interface Route {
  /** The template as configured, for messages. */
  url: string;
  pattern: UserPattern;
  /** Parameter names in the order of the pattern's groups. */
  names: string[];
  /** The file template split at its parameters: literal, name, literal, name, …, literal. */
  file: string[];
}

export interface SiteRules {
  routes: Route[];
  urlField: string;
  isIgnoredPath: (sitePath: string) => boolean;
  /** Old site path (no trailing slash) → new target as written. */
  redirects: ReadonlyMap<string, string>;
  extensions: readonly string[];
  replace: { pattern: UserPattern; with: string }[];
  caseSensitive: boolean;
  skipSchemes: ReadonlySet<string>;
}

const PARAMETER = /:([A-Za-z_][A-Za-z0-9_]*)/g;
/** One or more whole path segments. */
const SEGMENTS = '([^/]+(?:/[^/]+)*)';

export function compileSiteRules(project: Project): SiteRules {
  const links = project.config.links;
  return {
    routes: links.routes.map((route, index) => compileRoute(route, index)),
    urlField: links.urlField,
    isIgnoredPath: links.ignorePaths.length > 0 ? anyGlobMatches(links.ignorePaths) : () => false,
    redirects: links.redirects === undefined ? new Map() : readRedirects(project.projectRoot, links.redirects, configFileLabel(project)),
    extensions: links.extensions,
    replace: links.replace.map((rule, index) => ({ pattern: compileUserPattern(rule.pattern, `links.replace[${index}].pattern`), with: rule.with })),
    caseSensitive: links.caseSensitive,
    skipSchemes: new Set(links.skipSchemes.map((scheme) => scheme.toLowerCase())),
  };
}

function compileRoute(route: { url: string; file: string }, index: number): Route {
  const names: string[] = [];
  let source = '^';
  let last = 0;
  for (const match of route.url.matchAll(PARAMETER)) {
    source += escapeRe2(route.url.slice(last, match.index)) + SEGMENTS;
    names.push(match[1]!);
    last = match.index + match[0].length;
  }
  const rest = route.url.slice(last);
  // "/:path/" also matches "/x": servers add the slash.
  source += rest.endsWith('/') ? `${escapeRe2(rest.slice(0, -1))}/?$` : `${escapeRe2(rest)}$`;
  const file: string[] = [];
  last = 0;
  for (const match of route.file.matchAll(PARAMETER)) {
    if (!names.includes(match[1]!)) throw new ConfigError(`links.routes[${index}].file: ":${match[1]}" is not a parameter of its url "${route.url}"`);
    file.push(route.file.slice(last, match.index), match[1]!);
    last = match.index + match[0].length;
  }
  file.push(route.file.slice(last));
  return { url: route.url, pattern: compileUserPattern(source, `links.routes[${index}].url`), names, file };
}

function escapeRe2(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/** The project-relative files a route gives for a normal site path (no query or fragment), or undefined when it does not match. */
export function routeFile(route: Route, sitePath: string): string | undefined {
  const matcher = route.pattern.matcher(sitePath);
  if (!matcher.matches()) return undefined;
  const values = new Map(route.names.map((name, index) => [name, matcher.group(index + 1) ?? '']));
  let file = '';
  for (let part = 0; part < route.file.length; part++) file += part % 2 === 0 ? route.file[part] : values.get(route.file[part]!);
  return file;
}

/** A redirects file is a map of site paths: larger than this, it is not read whole (it may come with a pull request). */
const MAX_REDIRECTS_BYTES = 32 * 1024 * 1024;

/** The redirects file, read like content: a regular file whose real path stays inside the project root. */
function readRedirects(projectRoot: string, file: string, configLabel: string): Map<string, string> {
  const label = `${configLabel}: links.redirects: ${file}`;
  const real = safeRealpath(projectRoot) ?? projectRoot;
  const read = readInside({ path: projectRoot, real }, path.join(projectRoot, file), undefined, MAX_REDIRECTS_BYTES);
  if ('problem' in read) throw new ConfigError(`${label}: ${read.problem.outsideRoot ? 'not read: its real path is outside the project root' : read.problem.message}`);
  let data: unknown;
  const text = read.bytes.toString('utf8');
  try {
    // yaml loads only for a YAML redirects file: a static import would load it on every run (~55 ms).
    data = file.endsWith('.json') ? JSON.parse(text) : (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse(text, { maxAliasCount: 100 });
  } catch (error) {
    // JSON errors are located, not quoted; YAML's first line is its own words and a position.
    const reason = file.endsWith('.json') ? describeJsonError(text, error) : (error as Error).message.split('\n')[0];
    throw new ConfigError(`${label}: not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'} (${reason})`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new ConfigError(`${label}: must map old site paths to new ones, e.g. { "/old/": "/new/" }`);
  const redirects = new Map<string, string>();
  for (const [from, to] of Object.entries(data)) {
    if (!from.startsWith('/') || typeof to !== 'string' || to.trim() === '') throw new ConfigError(`${label}: ${JSON.stringify(from)} must be a site path (starting with /) mapped to a new path or URL`);
    redirects.set(sitePathKey(from), to.trim());
  }
  return redirects;
}
