/**
 * When each URL's check starts: when the host of its first request can take that request at
 * once. Checks started all together would each wait for their host's slot anyway; started as
 * slots free up, the first requests go out at once instead of after thousands of checks have been
 * set up, and only the checks under way live in memory. The limits themselves stay where they
 * are, in the checker's limiters: this only decides when a check begins.
 */
export class HostFeeder {
  private readonly queues = new Map<string, { urls: string[]; next: number }>();
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
   * `check` runs a URL's check; it enters the host's limiter before it first awaits anything once
   * the host is vetted. `hasRoom` tells whether the host's limiter would start a request at once.
   */
  constructor(
    private readonly check: (url: string) => Promise<void>,
    private readonly hasRoom: (host: string) => boolean,
  ) {}

  /** Queues a URL whose first request goes to `host` (host:port), until feed or flush starts it; true for the host's first. */
  add(host: string, url: string): boolean {
    this.unsettled++;
    const queue = this.queues.get(host);
    if (queue) queue.urls.push(url);
    else this.queues.set(host, { urls: [url], next: 0 });
    return !queue;
  }

  /** Starts a check now, whatever its host. */
  startNow(url: string): void {
    this.unsettled++;
    this.start(url);
  }

  /** Starts the host's next checks while it has room: once it is vetted, and whenever a slot frees. */
  feed(host: string): void {
    const queue = this.queues.get(host);
    while (queue && queue.next < queue.urls.length && this.hasRoom(host)) this.start(queue.urls[queue.next++]!);
  }

  /** Starts every check left for the host: its vetting failed, and each check will say how. */
  flush(host: string): void {
    const queue = this.queues.get(host);
    while (queue && queue.next < queue.urls.length) this.start(queue.urls[queue.next++]!);
  }

  /** Every URL is added: `finished` settles once their checks have. */
  close(): void {
    this.closed = true;
    if (this.unsettled === 0) this.settle();
  }

  private start(url: string): void {
    this.check(url).then(() => {
      if (--this.unsettled === 0 && this.closed) this.settle();
    }, this.fail);
  }
}
