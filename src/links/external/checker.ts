/**
 * Checks external URLs over HTTP: each unique URL once, within a global and a per-host
 * concurrency limit, its check started when its host can take the request (feeder.ts); HEAD first, GET where HEAD is refused; redirects followed by hand so each
 * hop's scheme and address are vetted; retries (retry.ts); every URL within its allowance and
 * the whole run within its budget (budget.ts). It knows nothing of Markdown.
 */
// undici's Agent module alone, not the package's index: the index also loads fetch, WebSocket,
// the cache and the mock agent, which would more than double what a run with --external loads.
import Agent from 'undici/lib/dispatcher/agent.js';
import type { Config } from '../../schema/config.js';
import { BudgetSpent, RunBudget, UrlAllowance } from './budget.js';
import type { LinkCache } from './cache.js';
import { acceptedStatuses, classifyFailure, classifyResponse } from './classify.js';
import { Hosts } from './hosts.js';
import { Limiter } from './limiter.js';
import { createSender, TimedOut, type Method, type Response } from './request.js';
import { retryWaitAfterError, retryWaitAfterResponse } from './retry.js';
import { HostFeeder, roundRobinByHost } from './feeder.js';
import { compileUserPattern } from '../../schema/pattern.js';

export { retryAfter } from './retry.js';

type ExternalOutcome = 'external-ok' | 'external-broken' | 'external-timeout' | 'external-unverified' | 'private-host' | 'skipped';

export interface ExternalResult {
  outcome: ExternalOutcome;
  /** The final HTTP status, when there was one. */
  status?: number;
  /** Each hop after the first, in order. */
  redirects: string[];
  detail?: string;
  cached?: boolean;
}

interface ExternalOptions {
  links: Config['links'];
  /** The run's budget, and how the user wrote it. */
  budget: { milliseconds: number; text: string };
  allowPrivateHosts: boolean;
  userAgent: string;
  cache?: LinkCache;
  onResult?: (url: string, result: ExternalResult) => void;
}

interface ExternalRun {
  results: Map<string, ExternalResult>;
  /** URLs left unverified because the run's budget ran out. */
  outOfBudget: number;
  /** URLs left unverified because no host name could be looked up at all. */
  noNetwork: number;
}

/** A URL as the run will check it. */
interface Plan {
  /** The URL after links.remap. */
  target: string;
  hostVerdict?: Config['links']['hosts'][string];
  /** Known without a request: skipped, or from the cache. */
  result?: ExternalResult;
  /** The target parsed, when it is http(s): where the first request goes. */
  firstHop?: URL;
}

/** Statuses where a server refuses HEAD but may answer GET. */
const HEAD_REFUSED = new Set([400, 403, 405, 406, 501]);
const REDIRECT = new Set([301, 302, 303, 307, 308]);
const WEB_SCHEMES = new Set(['http:', 'https:']);

export async function checkExternalUrls(urls: readonly string[], options: ExternalOptions): Promise<ExternalRun> {
  const { links } = options;
  const accepted = acceptedStatuses(links.acceptedStatusCodes);
  const exclude = links.exclude.map((pattern, index) => compileUserPattern(pattern, `links.exclude[${index}]`));
  const remap = links.remap.map(({ pattern, replacement }, index) => ({ pattern: compileUserPattern(pattern, `links.remap[${index}].pattern`), replacement }));
  const timeout = links.timeout * 1000;
  const allowance = Math.round(timeout * (links.retries + 1) + links.maxRetryAfter * 1000);
  const budget = new RunBudget(options.budget.milliseconds);
  const hosts = new Hosts(options.allowPrivateHosts, links.timeout, budget);
  const global = new Limiter(links.concurrency);
  const perHost = new Map<string, Limiter>();
  const limiterOf = (host: string) => {
    let limiter = perHost.get(host);
    if (!limiter) perHost.set(host, (limiter = new Limiter(links.perHostConcurrency, () => feeder.feed(host))));
    return limiter;
  };
  const agent = new Agent({ connect: { lookup: hosts.pinnedLookup, timeout }, connections: links.perHostConcurrency });
  const exchange = createSender(agent, options.userAgent, budget);
  /** Results of checks that failed because a host name could not be looked up, or because the budget ran out. */
  const unresolved = new Set<ExternalResult>();
  const outOfBudget = new Set<ExternalResult>();

  /** One request, once the host is vetted and has a free slot; its time is taken from the URL's allowance. */
  const send = async (url: URL, method: Method, left: UrlAllowance): Promise<Response> => {
    // A vetted host's request reaches its limiter without a pause (the feeder counts on it).
    if (!hosts.isVetted(url.hostname)) await hosts.vet(url.hostname);
    // The host's slot first, then a global one: a request waiting for its busy host must not
    // hold a global slot that a request to an idle host could use.
    return limiterOf(url.host).run(() => global.run(() => timedExchange(url, method, left)));
  };

  const timedExchange = async (url: URL, method: Method, left: UrlAllowance): Promise<Response> => {
    budget.assertLeft();
    hosts.assertAnswering(url.host);
    const limit = Math.min(timeout, left.left());
    if (limit <= 0) throw allowanceSpent();
    const started = performance.now();
    try {
      const response = await exchange(url, method, limit);
      hosts.answered(url.host);
      return response;
    } catch (error) {
      if (!(error instanceof TimedOut)) throw error;
      if (limit < timeout) throw allowanceSpent();
      hosts.timedOut(url.host);
      throw new TimedOut(`no answer within ${links.timeout} s`);
    } finally {
      left.spend(performance.now() - started);
    }
  };

  const allowanceSpent = () => new TimedOut(`gave up after the URL's ${allowance / 1000} s (links.timeout × (retries + 1) + links.maxRetryAfter)`);

  /** One hop: HEAD (GET where refused), tried again as retry.ts says while the URL's allowance lasts. */
  const fetchHop = async (url: URL, left: UrlAllowance): Promise<Response> => {
    let method: Method = links.method === 'get' ? 'GET' : 'HEAD';
    for (let attempt = 0; ; attempt++) {
      let wait: number | undefined;
      try {
        const response = await send(url, method, left);
        if (method === 'HEAD' && HEAD_REFUSED.has(response.status)) {
          method = 'GET';
          attempt--;
          continue;
        }
        wait = retryWaitAfterResponse(response, attempt, links);
        if (wait === undefined || wait > left.left()) return response;
      } catch (error) {
        wait = retryWaitAfterError(error, attempt, links);
        if (wait === undefined || wait > left.left()) throw error;
      }
      await budget.sleep(wait);
      left.spend(wait);
    }
  };

  /** Follows redirects from `start` to a final answer, refusing any hop that is not http(s). */
  const follow = async (start: string, parsed?: URL): Promise<ExternalResult> => {
    const redirects: string[] = [];
    const visited = new Set<string>([start]);
    const left = new UrlAllowance(allowance);
    let url = parsed ?? new URL(start);
    try {
      if (!WEB_SCHEMES.has(url.protocol)) return { outcome: 'external-broken', redirects, detail: 'not a web URL' };
      for (;;) {
        const response = await fetchHop(url, left);
        const location = response.headers.location;
        if (!REDIRECT.has(response.status) || typeof location !== 'string') return classifyResponse(response, accepted, redirects, links.maxRetryAfter);
        const next = URL.parse(location, url);
        if (!next) return { outcome: 'external-broken', status: response.status, redirects, detail: 'redirect to an invalid URL' };
        if (!WEB_SCHEMES.has(next.protocol)) return { outcome: 'external-broken', status: response.status, redirects: [...redirects, next.href], detail: 'redirect to a non-web scheme' };
        if (visited.has(next.href)) return { outcome: 'external-broken', status: response.status, redirects: [...redirects, next.href], detail: 'redirect loop' };
        if (redirects.length >= links.maxRedirects) return { outcome: 'external-broken', status: response.status, redirects, detail: `more than ${links.maxRedirects} redirects` };
        visited.add(next.href);
        redirects.push(next.href);
        url = next;
      }
    } catch (error) {
      const result = classifyFailure(error, { url, redirects }, options.budget.text);
      if (error instanceof BudgetSpent) outOfBudget.add(result);
      else if (isUnresolved(error)) unresolved.add(result);
      return result;
    }
  };

  /** What the config and the cache say of a URL before any request: remapped, then excluded, skipped per host, or answered from the cache. */
  const plan = (original: string): Plan => {
    const target = remap.reduce((url, rule) => rule.pattern.matcher(url).replaceFirst(rule.replacement), original);
    if (exclude.some((pattern) => pattern.test(target))) return { target, result: { outcome: 'skipped', redirects: [], detail: 'excluded by links.exclude' } };
    const url = URL.parse(target);
    const hostVerdict = url ? links.hosts[url.hostname] : undefined;
    if (hostVerdict === 'skip') return { target, result: { outcome: 'skipped', redirects: [], detail: 'skipped by links.hosts' } };
    const cached = options.cache?.get(target);
    return { target, hostVerdict, ...(cached ? { result: cached } : {}), ...(url && WEB_SCHEMES.has(url.protocol) ? { firstHop: url } : {}) };
  };

  /** The cache holds what the host answered; links.hosts is applied to a cached answer and a fresh one alike. */
  const withHostVerdict = (result: ExternalResult, hostVerdict: Plan['hostVerdict']): ExternalResult =>
    hostVerdict === 'unverified' && result.outcome !== 'external-ok' && result.outcome !== 'private-host'
      ? { ...result, outcome: 'external-unverified', detail: `${result.detail ?? ''}; links.hosts marks this host unverified`.replace(/^; /, '') }
      : result;

  const results = new Map<string, ExternalResult>();
  const record = (url: string, result: ExternalResult) => {
    results.set(url, result);
    options.onResult?.(url, result);
  };
  const feeder = new HostFeeder<{ url: string; planned: Plan }>(
    async ({ url, planned: { target, hostVerdict, firstHop } }) => {
      const result = await follow(target, firstHop);
      options.cache?.set(target, result);
      record(url, withHostVerdict(result, hostVerdict));
    },
    (host) => perHost.get(host)?.hasRoom ?? true,
    (hostname) => hosts.vet(hostname),
  );
  try {
    // Requests go out while the rest are planned: the event loop runs after every
    // links.concurrency URLs, taken round robin over their hosts so that the first of these
    // groups alone can fill every slot.
    const order = roundRobinByHost(new Set(urls));
    for (let index = 0; index < order.length; index++) {
      if (index > 0 && index % links.concurrency === 0) await new Promise((resolve) => setImmediate(resolve));
      const url = order[index]!;
      const planned = plan(url);
      if (planned.result) record(url, withHostVerdict(planned.result, planned.hostVerdict));
      else if (planned.firstHop) feeder.add(planned.firstHop, { url, planned });
      else feeder.startNow({ url, planned });
    }
    feeder.close();
    await feeder.finished;
  } finally {
    budget.dispose();
    // Every check has settled: no request is wanted any more (one cut short may still be
    // connecting), so the connections are dropped rather than closed one handshake at a time.
    await agent.destroy();
  }
  const outOfBudgetCount = [...results.values()].filter((result) => outOfBudget.has(result)).length;
  return { results, outOfBudget: outOfBudgetCount, noNetwork: hosts.noNetwork ? markNoNetwork(results, unresolved) : 0 };
}

/** A failure to look a host up (not the refusal of a host that resolved). */
function isUnresolved(error: unknown): boolean {
  return typeof (error as { syscall?: unknown } | undefined)?.syscall === 'string' && (error as { syscall: string }).syscall.startsWith('getaddrinfo');
}

/** No host could be looked up: the lookups' failures say nothing of the links; they are unverified. Returns their number. */
function markNoNetwork(results: Map<string, ExternalResult>, unresolved: ReadonlySet<ExternalResult>): number {
  let count = 0;
  for (const [url, result] of results) {
    if (!unresolved.has(result)) continue;
    results.set(url, { ...result, outcome: 'external-unverified', detail: 'not checked: no network (no host name could be looked up)' });
    count++;
  }
  return count;
}
