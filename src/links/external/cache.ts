/**
 * Results of earlier runs, so a scheduled job does not hammer the same sites every time. Only
 * definitive answers are kept (a success, or a 4xx other than 429); a change of the config in
 * force discards them all; a corrupt file is ignored with a warning; writes are atomic.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../../report/write.js';
import type { ExternalResult } from './checker.js';

const entrySchema = z.object({
  outcome: z.enum(['external-ok', 'external-broken']),
  status: z.number().int().optional(),
  redirects: z.array(z.string()),
  detail: z.string().optional(),
  checkedAt: z.number(),
});
const fileSchema = z.object({ version: z.literal(1), configHash: z.string(), entries: z.record(z.string(), entrySchema) });
type Entry = z.infer<typeof entrySchema>;

export class LinkCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly file: string,
    private readonly configHash: string,
    private readonly ttlMilliseconds: number,
    private readonly now: () => number,
    warn: (message: string) => void,
  ) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return;
    }
    try {
      const parsed = fileSchema.parse(JSON.parse(text));
      if (parsed.configHash !== configHash) return;
      for (const [url, entry] of Object.entries(parsed.entries)) this.entries.set(url, entry);
    } catch {
      warn(`ignoring the link cache ${file}: it is not a valid cache file`);
    }
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

  save(): void {
    const entries = Object.fromEntries([...this.entries].sort(([a], [b]) => (a < b ? -1 : 1)));
    writeFileAtomic(this.file, `${JSON.stringify({ version: 1, configHash: this.configHash, entries }, null, 1)}\n`);
  }
}
