/**
 * Results of earlier runs, so a scheduled job does not hammer the same sites every time. Only
 * definitive answers are kept (a success, or a 4xx other than 429); a change of the config in
 * force discards them all; writes are atomic. The file may come from a pull request like any
 * content: it must stay inside the project root (through symlinks too) and out of .git, a file
 * git tracks or a corrupt file is ignored and a malformed entry dropped, with a warning, and no
 * entry is trusted for longer than the ttl from now (a checkedAt in the future counts as now).
 * A file at the path that is not a cache file is never written over: links.cache.path comes from
 * a config a pull request may change, and could otherwise name any file git does not track (a
 * script in node_modules, keeping its execute bit, or .git/config) for the cache to replace.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isInside } from '../../corpus/root.js';
import { ConfigError } from '../../errors.js';
import { isTrackedByGit } from '../../corpus/git.js';
import { writeContentFile } from '../../report/write.js';
import type { ExternalResult } from './result.js';

/** Far above any real cache (10,000 URLs take about 2 MB); a larger file is not read. */
const MAX_CACHE_BYTES = 32 * 1024 * 1024;

const entrySchema = z.object({
  outcome: z.enum(['external-ok', 'external-broken']),
  status: z.number().int().min(100).max(999).optional(),
  redirects: z.array(z.string()),
  detail: z.string().optional(),
  checkedAt: z.number().nonnegative(),
});
const fileSchema = z.object({ version: z.literal(1), configHash: z.string(), entries: z.record(z.string(), z.unknown()) });
type Entry = z.infer<typeof entrySchema>;

interface CacheLocation {
  /** The project root; the cache must stay inside it. */
  root: string;
  /** links.cache.path, relative to the root. */
  path: string;
}

export class LinkCache {
  private readonly entries = new Map<string, Entry>();
  /** Neither read nor written: git tracks the file. */
  private readonly ignored: boolean;
  /** Something that is not a cache file is there: it is left as it is. */
  private foreign = false;

  constructor(
    private readonly location: CacheLocation,
    private readonly configHash: string,
    private readonly ttlMilliseconds: number,
    private readonly now: () => number,
    warn: (message: string) => void,
  ) {
    const file = cacheFileIn(location);
    // A committed cache would let a pull request vouch for its own links until the ttl runs out.
    this.ignored = isTrackedByGit(location.root, file);
    if (this.ignored) warn(`ignoring the link cache ${location.path}: git tracks it, so a pull request could vouch for its own links; keep it out of version control`);
    else this.load(file, warn);
  }

  get(url: string): ExternalResult | undefined {
    const entry = this.entries.get(url);
    if (!entry || this.now() - entry.checkedAt > this.ttlMilliseconds) return undefined;
    return { outcome: entry.outcome, redirects: entry.redirects, ...(entry.status !== undefined ? { status: entry.status } : {}), ...(entry.detail ? { detail: entry.detail } : {}), cached: true };
  }

  set(url: string, result: ExternalResult): void {
    const definitive = result.outcome === 'external-ok' || (result.outcome === 'external-broken' && result.status !== undefined && result.status >= 400 && result.status < 500 && result.status !== 429);
    if (!definitive) return;
    this.entries.set(url, {
      outcome: result.outcome as Entry['outcome'],
      redirects: result.redirects,
      ...(result.status !== undefined ? { status: result.status } : {}),
      ...(result.detail ? { detail: result.detail } : {}),
      checkedAt: this.now(),
    });
  }

  private load(file: string, warn: (message: string) => void): void {
    const { path: name } = this.location;
    if (!existsSync(file)) return;
    const leftAlone = 'it is left as it is, and this run\'s results are not saved';
    if (statSync(file).size > MAX_CACHE_BYTES) {
      this.foreign = true;
      return warn(`ignoring the link cache ${name}: larger than ${MAX_CACHE_BYTES / 1024 / 1024} MB; ${leftAlone}`);
    }
    let parsed: z.infer<typeof fileSchema>;
    try {
      parsed = fileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    } catch {
      this.foreign = true;
      return warn(`ignoring the link cache ${name}: it is not a valid cache file; ${leftAlone}`);
    }
    if (parsed.configHash !== this.configHash) return;
    const loadedAt = this.now();
    let malformed = 0;
    for (const [url, value] of Object.entries(parsed.entries)) {
      const entry = entrySchema.safeParse(value);
      if (entry.success) this.entries.set(url, { ...entry.data, checkedAt: Math.min(entry.data.checkedAt, loadedAt) });
      else malformed++;
    }
    if (malformed > 0) warn(`dropped ${malformed} malformed entr${malformed === 1 ? 'y' : 'ies'} from the link cache ${name}`);
  }

  save(): void {
    if (this.ignored || this.foreign) return;
    const entries = Object.fromEntries([...this.entries].sort(([a], [b]) => (a < b ? -1 : 1)));
    writeContentFile(cacheFileIn(this.location), `${JSON.stringify({ version: 1, configHash: this.configHash, entries }, null, 1)}\n`);
  }
}

/**
 * The cache file's real path, checked at every read and write: what exists of the path is
 * resolved through its symlinks and must stay inside the real project root (an in-root symlink
 * is followed, so its target is read and written and the link kept). A config error otherwise.
 */
function cacheFileIn({ root, path: relative }: CacheLocation): string {
  const realRoot = realpathSync(root);
  let existing = path.resolve(realRoot, relative);
  const missing: string[] = [];
  while (!existsSync(existing)) {
    missing.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  const real = path.join(realpathSync(existing), ...missing);
  if (real === realRoot || !isInside(realRoot, real)) throw new ConfigError(`links.cache.path ${relative} leads outside the project root (to ${real})`);
  // git's own files (its config, hooks, index) are never the cache, whatever the case of the name.
  if (path.relative(realRoot, real).split(path.sep).some((part) => part.toLowerCase() === '.git')) throw new ConfigError(`links.cache.path ${relative} is inside .git`);
  if (existsSync(real) && !statSync(real).isFile()) throw new ConfigError(`links.cache.path ${relative} is not a regular file`);
  return real;
}
