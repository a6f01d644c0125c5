/**
 * When each URL's check starts: when the host of its first request can take that request at
 * once. Checks started all together would each wait for their host's slot anyway; started as
 * slots free up, the first requests go out at once instead of after thousands of checks have been
 * set up, and only the checks under way live in memory. The limits themselves stay where they
 * are, in the checker's limiters: this only decides when a check begins.
 */

interface HostQueue<T> {
  checks: T[];
  next: number;
  /** Vetting the host; then feeding its checks as it has room, or, when it could not be vetted, starting them all. */
  state: 'vetting' | 'feeding' | 'flushing';
}

/** Starts checks of `T` (what a check needs to know of its URL). */
export class HostFeeder<T> {
  private readonly queues = new Map<string, HostQueue<T>>();
  private unsettled = 0;
  private closed = false;
  private settle!: () => void;
  private fail!: (error: unknown) => void;
  /** Settles when every check added has; rejects with the first check that fails. */
  readonly finished = new Promise<void>((resolve, reject) => {
    this.settle = resolve;
    this.fail = reject;
  });

  /**
   * `check` runs a URL's check; once its host is vetted, it enters the host's limiter before it
   * first awaits anything. `hasRoom` tells whether a host's limiter would start a request at once.
   * `vet` looks a host name up and lets it through, or rejects.
   */
  constructor(
    private readonly check: (item: T) => Promise<void>,
    private readonly hasRoom: (host: string) => boolean,
    private readonly vet: (hostname: string) => Promise<void>,
  ) {
    // Awaited once every URL is added; a check may fail before then.
    this.finished.catch(() => {});
  }

  /** A check whose first request goes to `firstHop`'s host: started when that host has room (at once when it cannot be vetted). */
  add(firstHop: URL, item: T): void {
    this.unsettled++;
    const host = firstHop.host;
    let queue = this.queues.get(host);
    if (!queue) {
      const created: HostQueue<T> = (queue = { checks: [], next: 0, state: 'vetting' });
      this.queues.set(host, created);
      this.vet(firstHop.hostname).then(
        () => {
          created.state = 'feeding';
          this.feed(host);
        },
        () => {
          created.state = 'flushing';
          this.flush(created);
        },
      );
    }
    queue.checks.push(item);
    if (queue.state === 'feeding') this.feed(host);
    else if (queue.state === 'flushing') this.flush(queue);
  }

  /** Starts a check now, whatever its host. */
  startNow(item: T): void {
    this.unsettled++;
    this.start(item);
  }

  /** Starts the host's next checks while it has room: once it is vetted, and whenever a slot frees. */
  feed(host: string): void {
    const queue = this.queues.get(host);
    while (queue?.state === 'feeding' && queue.next < queue.checks.length && this.hasRoom(host)) this.start(queue.checks[queue.next++]!);
  }

  /** Every URL is added: `finished` settles once their checks have. */
  close(): void {
    this.closed = true;
    if (this.unsettled === 0) this.settle();
  }

  /** Its host could not be vetted: every check left starts, each to fail (or retry) on its own. */
  private flush(queue: HostQueue<T>): void {
    while (queue.next < queue.checks.length) this.start(queue.checks[queue.next++]!);
  }

  private start(item: T): void {
    this.check(item).then(() => {
      if (--this.unsettled === 0 && this.closed) this.settle();
    }, this.fail);
  }
}

/** URL k of every host before URL k + 1 of any, hosts in their first URL's order: the first URLs taken reach every host. */
export function roundRobinByHost(urls: Iterable<string>): string[] {
  const byHost = new Map<string, string[]>();
  for (const url of urls) {
    // The authority as written: only the order depends on it, so no URL need be parsed.
    const host = AUTHORITY.exec(url)?.[1] ?? '';
    const list = byHost.get(host);
    if (list) list.push(url);
    else byHost.set(host, [url]);
  }
  const order: string[] = [];
  // Hosts drop out as their URLs run out: linear however unequal the hosts.
  for (let round = 0, hosts = [...byHost.values()]; hosts.length > 0; round++) {
    for (const list of hosts) order.push(list[round]!);
    hosts = hosts.filter((list) => list.length > round + 1);
  }
  return order;
}

const AUTHORITY = /^[a-z][a-z\d+.-]*:\/\/([^/?#]*)/i;
