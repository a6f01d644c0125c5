/** What an answer, or the lack of one, says about a URL. */
import { BudgetSpent } from './budget.js';
import type { ExternalResult } from './result.js';
import { RefusedHost } from './hosts.js';
import { TimedOut, type Response } from './request.js';
import { retryAfter } from './retry.js';

/** Where a check ended: the URL being requested and the hops that led there. */
interface Position {
  url: URL;
  redirects: string[];
}

/** The verdict on a final answer (not a redirect). */
export function classifyResponse(response: Response, accepted: (status: number) => boolean, redirects: string[], maxRetryAfterSeconds: number): ExternalResult {
  const status = response.status;
  const base = { status, redirects };
  if (accepted(status)) return { outcome: 'external-ok', ...base };
  if (status === 999) return { outcome: 'external-unverified', ...base, detail: 'the site refuses automated checks (999)' };
  if (status === 403 && response.headers['cf-mitigated'] !== undefined) return { outcome: 'external-unverified', ...base, detail: 'behind a Cloudflare challenge' };
  if (status === 429) {
    const asked = retryAfter(response.headers['retry-after']);
    if (asked !== undefined && asked > maxRetryAfterSeconds * 1000) {
      return { outcome: 'external-unverified', ...base, detail: `rate limited (429), asked to wait ${Math.round(asked / 1000)} s, longer than links.maxRetryAfter (${maxRetryAfterSeconds} s)` };
    }
    return { outcome: 'external-unverified', ...base, detail: 'rate limited (429) after every retry' };
  }
  return { outcome: 'external-broken', ...base, detail: `HTTP ${status}` };
}

/** The verdict when no final answer came. */
export function classifyFailure(error: unknown, { url, redirects }: Position, budgetText: string): ExternalResult {
  if (error instanceof BudgetSpent) return { outcome: 'external-unverified', redirects, detail: `not checked: the run's budget of ${budgetText} ran out` };
  if (error instanceof RefusedHost) return { outcome: 'private-host', redirects, detail: error.message };
  if (error instanceof TimedOut) return { outcome: 'external-timeout', redirects, detail: error.message };
  const code = (error as { code?: unknown } | undefined)?.code;
  return { outcome: 'external-broken', redirects, detail: code === 'ENOTFOUND' ? `host ${url.hostname} not found` : typeof code === 'string' ? code : String((error as Error).message) };
}

/** A test of statuses from links.acceptedStatusCodes (codes and "200-299" ranges). */
export function acceptedStatuses(codes: readonly (number | string)[]): (status: number) => boolean {
  const ranges = codes.map((code) => {
    if (typeof code === 'number') return [code, code] as const;
    const [low, high] = code.split('-').map(Number) as [number, number];
    return [low, high] as const;
  });
  return (status) => ranges.some(([low, high]) => status >= low && status <= high);
}
