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
import type { ExternalResult } from './result.js';

export { retryAfter } from './retry.js';

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
  return new ExternalCheck(options).run(urls);
}

/** One run's checks: its limits, its connections, its budget and what each URL came to. */
class ExternalCheck {
  private readonly links: Config['links'];
  private readonly accepted: ReturnType<typeof acceptedStatuses>;
  private readonly exclude: ReturnType<typeof compileUserPattern>[];
  private readonly remap: { pattern: ReturnType<typeof compileUserPattern>; replacement: string }[];
  /** links.timeout, in milliseconds: one request's time, connecting included. */
  private readonly timeout: number;
  /** A URL's time in all: every try and every wait a server asks for. */
  private readonly allowance: number;
  private readonly budget: RunBudget;
  private readonly hosts: Hosts;
  private readonly global: Limiter;
  private readonly perHost = new Map<string, Limiter>();
  private readonly agent: Agent;
  private readonly exchange: ReturnType<typeof createSender>;
  private readonly feeder: HostFeeder<{ url: string; planned: Plan }>;
  /** Results of checks that failed because a host name could not be looked up, or because the budget ran out. */
  private readonly unresolved = new Set<ExternalResult>();
  private readonly outOfBudget = new Set<ExternalResult>();
  private readonly results = new Map<string, ExternalResult>();

  constructor(private readonly options: ExternalOptions) {
    const { links } = options;
    this.links = links;
    this.accepted = acceptedStatuses(links.acceptedStatusCodes);
    this.exclude = links.exclude.map((pattern, index) => compileUserPattern(pattern, `links.exclude[${index}]`));
    this.remap = links.remap.map(({ pattern, replacement }, index) => ({ pattern: compileUserPattern(pattern, `links.remap[${index}].pattern`), replacement }));
    this.timeout = links.timeout * 1000;
    this.allowance = Math.round(this.timeout * (links.retries + 1) + links.maxRetryAfter * 1000);
    this.budget = new RunBudget(options.budget.milliseconds);
    this.hosts = new Hosts(options.allowPrivateHosts, links.timeout, this.budget);
    this.global = new Limiter(links.concurrency);
    this.agent = new Agent({ connect: { lookup: this.hosts.pinnedLookup, timeout: this.timeout }, connections: links.perHostConcurrency });
    this.exchange = createSender(this.agent, options.userAgent, this.budget);
    this.feeder = new HostFeeder<{ url: string; planned: Plan }>(
      async ({ url, planned: { target, hostVerdict, firstHop } }) => {
        const result = await this.follow(target, firstHop);
        options.cache?.set(target, result);
        this.record(url, withHostVerdict(result, hostVerdict));
      },
      (host) => this.perHost.get(host)?.hasRoom ?? true,
      (hostname) => this.hosts.vet(hostname),
    );
  }

  async run(urls: readonly string[]): Promise<ExternalRun> {
    try {
      // Requests go out while the rest are planned: the event loop runs after every
      // links.concurrency URLs, taken round robin over their hosts so that the first of these
      // groups alone can fill every slot.
      const order = roundRobinByHost(new Set(urls));
      for (let index = 0; index < order.length; index++) {
        if (index > 0 && index % this.links.concurrency === 0) await new Promise((resolve) => setImmediate(resolve));
        const url = order[index]!;
        const planned = this.plan(url);
        if (planned.result) this.record(url, withHostVerdict(planned.result, planned.hostVerdict));
        else if (planned.firstHop) this.feeder.add(planned.firstHop, { url, planned });
        else this.feeder.startNow({ url, planned });
      }
      this.feeder.close();
      await this.feeder.finished;
    } finally {
      this.budget.dispose();
      // Every check has settled: no request is wanted any more (one cut short may still be
      // connecting), so the connections are dropped rather than closed one handshake at a time.
      await this.agent.destroy();
    }
    const outOfBudgetCount = [...this.results.values()].filter((result) => this.outOfBudget.has(result)).length;
    return { results: this.results, outOfBudget: outOfBudgetCount, noNetwork: this.hosts.noNetwork ? markNoNetwork(this.results, this.unresolved) : 0 };
  }

  private record(url: string, result: ExternalResult): void {
    this.results.set(url, result);
    this.options.onResult?.(url, result);
  }

  /** What the config and the cache say of a URL before any request: remapped, then excluded, skipped per host, or answered from the cache. */
  private plan(original: string): Plan {
    const target = this.remap.reduce((url, rule) => rule.pattern.matcher(url).replaceFirst(rule.replacement), original);
    if (this.exclude.some((pattern) => pattern.test(target))) return { target, result: { outcome: 'skipped', redirects: [], detail: 'excluded by links.exclude' } };
    const url = URL.parse(target);
    const hostVerdict = url ? this.links.hosts[url.hostname] : undefined;
    if (hostVerdict === 'skip') return { target, result: { outcome: 'skipped', redirects: [], detail: 'skipped by links.hosts' } };
    const cached = this.options.cache?.get(target);
    return { target, hostVerdict, ...(cached ? { result: cached } : {}), ...(url && WEB_SCHEMES.has(url.protocol) ? { firstHop: url } : {}) };
  }

  /** Follows redirects from `start` to a final answer, refusing any hop that is not http(s). */
  private async follow(start: string, parsed?: URL): Promise<ExternalResult> {
    const redirects: string[] = [];
    const visited = new Set<string>([start]);
    const left = new UrlAllowance(this.allowance);
    const { maxRedirects } = this.links;
    let url = parsed ?? new URL(start);
    try {
      if (!WEB_SCHEMES.has(url.protocol)) return { outcome: 'external-broken', redirects, detail: 'not a web URL' };
      for (;;) {
        const response = await this.fetchHop(url, left);
        const location = response.headers.location;
        if (!REDIRECT.has(response.status) || typeof location !== 'string') return classifyResponse(response, this.accepted, redirects, this.links.maxRetryAfter);
        const next = URL.parse(location, url);
        if (!next) return { outcome: 'external-broken', status: response.status, redirects, detail: 'redirect to an invalid URL' };
        if (!WEB_SCHEMES.has(next.protocol)) return { outcome: 'external-broken', status: response.status, redirects: [...redirects, next.href], detail: 'redirect to a non-web scheme' };
        if (visited.has(next.href)) return { outcome: 'external-broken', status: response.status, redirects: [...redirects, next.href], detail: 'redirect loop' };
        if (redirects.length >= maxRedirects) return { outcome: 'external-broken', status: response.status, redirects, detail: `more than ${maxRedirects} redirects` };
        visited.add(next.href);
        redirects.push(next.href);
        url = next;
      }
    } catch (error) {
      const result = classifyFailure(error, { url, redirects }, this.options.budget.text);
      if (error instanceof BudgetSpent) this.outOfBudget.add(result);
      else if (isUnresolved(error)) this.unresolved.add(result);
      return result;
    }
  }

  /** One hop: HEAD (GET where refused), tried again as retry.ts says while the URL's allowance lasts. */
  private async fetchHop(url: URL, left: UrlAllowance): Promise<Response> {
    let method: Method = this.links.method === 'get' ? 'GET' : 'HEAD';
    for (let attempt = 0; ; attempt++) {
      let wait: number | undefined;
      try {
        const response = await this.send(url, method, left);
        if (method === 'HEAD' && HEAD_REFUSED.has(response.status)) {
          method = 'GET';
          attempt--;
          continue;
        }
        wait = retryWaitAfterResponse(response, attempt, this.links);
        if (wait === undefined || wait > left.left()) return response;
      } catch (error) {
        wait = retryWaitAfterError(error, attempt, this.links);
        if (wait === undefined || wait > left.left()) throw error;
      }
      await this.budget.sleep(wait);
      left.spend(wait);
    }
  }

  /** One request, once the host is vetted and has a free slot; its time is taken from the URL's allowance. */
  private async send(url: URL, method: Method, left: UrlAllowance): Promise<Response> {
    // A vetted host's request reaches its limiter without a pause (the feeder counts on it).
    if (!this.hosts.isVetted(url.hostname)) await this.hosts.vet(url.hostname);
    // The host's slot first, then a global one: a request waiting for its busy host must not
    // hold a global slot that a request to an idle host could use.
    return this.limiterOf(url.host).run(() => this.global.run(() => this.timedExchange(url, method, left)));
  }

  private limiterOf(host: string): Limiter {
    let limiter = this.perHost.get(host);
    if (!limiter) this.perHost.set(host, (limiter = new Limiter(this.links.perHostConcurrency, () => this.feeder.feed(host))));
    return limiter;
  }

  private async timedExchange(url: URL, method: Method, left: UrlAllowance): Promise<Response> {
    this.budget.assertLeft();
    this.hosts.assertAnswering(url.host);
    const limit = Math.min(this.timeout, left.left());
    if (limit <= 0) throw this.allowanceSpent();
    const started = performance.now();
    try {
      const response = await this.exchange(url, method, limit);
      this.hosts.answered(url.host);
      return response;
    } catch (error) {
      if (!(error instanceof TimedOut)) throw error;
      if (limit < this.timeout) throw this.allowanceSpent();
      this.hosts.timedOut(url.host);
      throw new TimedOut(`no answer within ${this.links.timeout} s`);
    } finally {
      left.spend(performance.now() - started);
    }
  }

  private allowanceSpent(): TimedOut {
    return new TimedOut(`gave up after the URL's ${this.allowance / 1000} s (links.timeout × (retries + 1) + links.maxRetryAfter)`);
  }
}

/** The cache holds what the host answered; links.hosts is applied to a cached answer and a fresh one alike. */
function withHostVerdict(result: ExternalResult, hostVerdict: Plan['hostVerdict']): ExternalResult {
  return hostVerdict === 'unverified' && result.outcome !== 'external-ok' && result.outcome !== 'private-host'
    ? { ...result, outcome: 'external-unverified', detail: `${result.detail ?? ''}; links.hosts marks this host unverified`.replace(/^; /, '') }
    : result;
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
