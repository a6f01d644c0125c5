/**
 * When to try a URL again: network errors (other than an unknown host) and 5xx after an
 * exponential backoff with jitter; 429 after its Retry-After, or never when it asks for longer
 * than links.maxRetryAfter (a server that wants an hour's pause will not answer in a minute).
 */
import type { Config } from '../../schema/config.js';
import type { Response } from './request.js';

type RetrySettings = Pick<Config['links'], 'retries' | 'retryDelay' | 'maxRetryAfter'>;

const NOT_RETRIED_ERRORS = new Set(['ENOTFOUND']);

/** Milliseconds to wait before the next attempt at this response, or undefined when it stands. */
export function retryWaitAfterResponse(response: Response, attempt: number, links: RetrySettings): number | undefined {
  if (attempt >= links.retries) return undefined;
  if (response.status === 429) {
    const asked = retryAfter(response.headers['retry-after']);
    if (asked !== undefined && asked > links.maxRetryAfter * 1000) return undefined;
    return asked ?? backoff(attempt, links.retryDelay);
  }
  return response.status >= 500 ? backoff(attempt, links.retryDelay) : undefined;
}

/** Milliseconds to wait before the next attempt after this error, or undefined when it stands. Only network errors (with a code) are retried. */
export function retryWaitAfterError(error: unknown, attempt: number, links: RetrySettings): number | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (attempt >= links.retries || typeof code !== 'string' || NOT_RETRIED_ERRORS.has(code)) return undefined;
  return backoff(attempt, links.retryDelay);
}

/** Exponential backoff with full jitter (AWS's advice): up to base * 2^attempt. */
function backoff(attempt: number, baseMilliseconds: number): number {
  return Math.round(baseMilliseconds * 2 ** attempt * (0.5 + Math.random() / 2));
}

/** Retry-After in seconds or as an HTTP date, in milliseconds. */
export function retryAfter(header: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
