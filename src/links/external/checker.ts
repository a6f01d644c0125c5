/**
 * Checks external URLs over HTTP: each unique URL once, within a global and a per-host
 * concurrency limit; HEAD first, GET where HEAD is refused; redirects followed by hand so each
 * hop's address is vetted; retries with exponential backoff and jitter on network errors and
 * 5xx; Retry-After honoured on 429. It knows nothing of Markdown.
 */
import { lookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, type Dispatcher } from 'undici';
import type { Config } from '../../schema/config.js';
import { isPrivateAddress } from './address.js';
import type { LinkCache } from './cache.js';
import { Limiter } from './limiter.js';
import { compileUserPattern } from '../../schema/pattern.js';

export type ExternalOutcome = 'external-ok' | 'external-broken' | 'external-timeout' | 'external-unverified' | 'private-host' | 'skipped';

export interface ExternalResult {
  outcome: ExternalOutcome;
  /** The final HTTP status, when there was one. */
  status?: number;
  /** Each hop after the first, in order. */
  redirects: string[];
  detail?: string;
  cached?: boolean;
}

export interface ExternalOptions {
  links: Config['links'];
  allowPrivateHosts: boolean;
  userAgent: string;
  cache?: LinkCache;
  onResult?: (url: string, result: ExternalResult) => void;
}

/** Statuses where a server refuses HEAD but may answer GET. */
const HEAD_REFUSED = new Set([400, 403, 405, 406, 501]);
const REDIRECT = new Set([301, 302, 303, 307, 308]);
const NOT_RETRIED_ERRORS = new Set(['ENOTFOUND']);

interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

class TimedOut extends Error {}
class PrivateHost extends Error {}
/** A GET body read far enough: the status is known, the rest is not wanted. */
class BodyCut extends Error {}

const MAX_BODY_BYTES = 64 * 1024;

function isTimeout(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return error instanceof TimedOut || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT';
}

export async function checkExternalUrls(urls: readonly string[], options: ExternalOptions): Promise<Map<string, ExternalResult>> {
  const { links } = options;
  const accepted = acceptedStatuses(links.acceptedStatusCodes);
  const exclude = links.exclude.map((pattern, index) => compileUserPattern(pattern, `links.exclude[${index}]`));
  const remap = links.remap.map(({ pattern, replacement }, index) => ({ pattern: compileUserPattern(pattern, `links.remap[${index}].pattern`), replacement }));
  const global = new Limiter(links.concurrency);
  const perHost = new Map<string, Limiter>();
  /** The address each host was vetted at; the connection is made to exactly that address. */
  const pinned = new Map<string, { address: string; family: number }>();
  const pinnedLookup: LookupFunction = (hostname, lookupOptions, callback) => {
    const entry = pinned.get(hostname);
    if (!entry) return callback(Object.assign(new Error(`host ${hostname} was not vetted`), { code: 'ENOTFOUND' }), '', 4);
    if ((lookupOptions as { all?: boolean }).all) (callback as unknown as (error: null, addresses: { address: string; family: number }[]) => void)(null, [entry]);
    else callback(null, entry.address, entry.family);
  };
  const agent = new Agent({ connect: { lookup: pinnedLookup, timeout: links.timeout * 1000 }, connections: links.perHostConcurrency });

  const vet = async (hostname: string): Promise<void> => {
    const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
    if (pinned.has(bare)) return;
    const addresses = isIP(bare) ? [{ address: bare, family: isIP(bare) }] : await lookup(bare, { all: true, verbatim: true });
    if (!options.allowPrivateHosts && addresses.some((entry) => isPrivateAddress(entry.address))) {
      throw new PrivateHost(`${bare} resolves to ${addresses.map((entry) => entry.address).join(', ')}`);
    }
    pinned.set(bare, addresses[0]!);
  };

  const send = async (url: URL, method: 'HEAD' | 'GET'): Promise<Response> => {
    await vet(url.hostname);
    const hostLimiter = perHost.get(url.host) ?? new Limiter(links.perHostConcurrency);
    perHost.set(url.host, hostLimiter);
    // The host's slot first, then a global one: a request waiting for its busy host must not
    // hold a global slot that a request to an idle host could use.
    return hostLimiter.run(() => global.run(() => exchange(url, method)));
  };

  /**
   * One request and its response head, through undici's dispatch API: no stream or abort signal
   * per request, which at thousands of URLs is most of the client's own cost.
   */
  const exchange = (url: URL, method: 'HEAD' | 'GET'): Promise<Response> =>
    new Promise((resolve, reject) => {
      let response: Response | undefined;
      let received = 0;
      let controller: Dispatcher.DispatchController | undefined;
      let pendingTimeout = false;
      // The whole exchange, connecting included, gets links.timeout.
      const timer = setTimeout(() => (controller ? controller.abort(new TimedOut()) : (pendingTimeout = true)), links.timeout * 1000);
      const settle = (error?: unknown) => {
        clearTimeout(timer);
        if (response && (error === undefined || error instanceof BodyCut)) resolve(response);
        else reject(isTimeout(error) ? new TimedOut() : error);
      };
      agent.dispatch(
        {
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method,
          headers: { 'user-agent': options.userAgent, accept: '*/*' },
          // undici closes the connection after every HEAD unless told not to (a guard against
          // servers that send a body anyway); it still closes when the server does not say
          // keep-alive, and a stray body only costs a reconnect, so a HEAD need not cost a new
          // TCP (and TLS) handshake.
          reset: false,
        },
        {
          onRequestStart(started) {
            controller = started;
            if (pendingTimeout) started.abort(new TimedOut());
          },
          onResponseStart(_controller, status, headers) {
            response = { status, headers };
          },
          // Reading a small body keeps the connection alive for the next request; a large one is cut short.
          onResponseData(current, chunk) {
            received += chunk.length;
            if (received > MAX_BODY_BYTES) current.abort(new BodyCut());
          },
          onResponseEnd: () => settle(),
          onResponseError: (_controller, error) => settle(error),
        },
      );
    });

  /** One hop: HEAD (GET where refused), retried on network errors, 5xx and 429. */
  const fetchHop = async (url: URL): Promise<Response> => {
    let method: 'HEAD' | 'GET' = links.method === 'get' ? 'GET' : 'HEAD';
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await send(url, method);
      } catch (error) {
        if (error instanceof TimedOut || error instanceof PrivateHost) throw error;
        const code = (error as { code?: string }).code ?? '';
        if (attempt >= links.retries || NOT_RETRIED_ERRORS.has(code)) throw error;
        await sleep(backoff(attempt, links.retryDelay));
        continue;
      }
      if (method === 'HEAD' && HEAD_REFUSED.has(response.status)) {
        method = 'GET';
        attempt--;
        continue;
      }
      if (response.status === 429 && attempt < links.retries) {
        await sleep(Math.min(retryAfter(response.headers['retry-after']) ?? backoff(attempt, links.retryDelay), links.maxRetryAfter * 1000));
        continue;
      }
      if (response.status >= 500 && attempt < links.retries) {
        await sleep(backoff(attempt, links.retryDelay));
        continue;
      }
      return response;
    }
  };

  const check = async (original: string): Promise<ExternalResult> => {
    const target = remap.reduce((url, rule) => rule.pattern.matcher(url).replaceFirst(rule.replacement), original);
    if (exclude.some((pattern) => pattern.test(target))) return { outcome: 'skipped', redirects: [], detail: 'excluded by links.exclude' };
    const hostVerdict = URL.canParse(target) ? links.hosts[new URL(target).hostname] : undefined;
    if (hostVerdict === 'skip') return { outcome: 'skipped', redirects: [], detail: 'skipped by links.hosts' };
    const cached = options.cache?.get(target);
    if (cached) return cached;
    const result = await follow(target);
    options.cache?.set(target, result);
    if (hostVerdict === 'unverified' && result.outcome !== 'external-ok' && result.outcome !== 'private-host') {
      return { ...result, outcome: 'external-unverified', detail: `${result.detail ?? ''}; links.hosts marks this host unverified`.replace(/^; /, '') };
    }
    return result;
  };

  const follow = async (start: string): Promise<ExternalResult> => {
    const redirects: string[] = [];
    const visited = new Set<string>([start]);
    let url = new URL(start);
    try {
      for (;;) {
        const response = await fetchHop(url);
        const location = response.headers.location;
        if (REDIRECT.has(response.status) && typeof location === 'string') {
          const next = new URL(location, url);
          if (visited.has(next.href)) return { outcome: 'external-broken', status: response.status, redirects: [...redirects, next.href], detail: 'redirect loop' };
          if (redirects.length >= links.maxRedirects) return { outcome: 'external-broken', status: response.status, redirects, detail: `more than ${links.maxRedirects} redirects` };
          visited.add(next.href);
          redirects.push(next.href);
          url = next;
          continue;
        }
        return verdict(response, accepted, redirects);
      }
    } catch (error) {
      if (error instanceof PrivateHost) return { outcome: 'private-host', redirects, detail: error.message };
      if (error instanceof TimedOut) return { outcome: 'external-timeout', redirects, detail: `no answer within ${links.timeout} s` };
      const code = (error as { code?: string }).code;
      return { outcome: 'external-broken', redirects, detail: code === 'ENOTFOUND' ? `host ${url.hostname} not found` : code ? `${code}` : (error as Error).message };
    }
  };

  const results = new Map<string, ExternalResult>();
  try {
    await Promise.all(
      [...new Set(urls)].map(async (url) => {
        const result = await check(url);
        results.set(url, result);
        options.onResult?.(url, result);
      }),
    );
  } finally {
    await agent.close();
  }
  return results;
}

function verdict(response: Response, accepted: (status: number) => boolean, redirects: string[]): ExternalResult {
  const status = response.status;
  const base = { status, redirects };
  if (accepted(status)) return { outcome: 'external-ok', ...base };
  if (status === 999) return { outcome: 'external-unverified', ...base, detail: 'the site refuses automated checks (999)' };
  if (status === 403 && response.headers['cf-mitigated'] !== undefined) return { outcome: 'external-unverified', ...base, detail: 'behind a Cloudflare challenge' };
  if (status === 429) return { outcome: 'external-unverified', ...base, detail: 'rate limited (429) after every retry' };
  return { outcome: 'external-broken', ...base, detail: `HTTP ${status}` };
}

function acceptedStatuses(codes: readonly (number | string)[]): (status: number) => boolean {
  const ranges = codes.map((code) => {
    if (typeof code === 'number') return [code, code] as const;
    const [low, high] = code.split('-').map(Number) as [number, number];
    return [low, high] as const;
  });
  return (status) => ranges.some(([low, high]) => status >= low && status <= high);
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

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
