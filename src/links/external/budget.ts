/**
 * The time external checking may take. A run has one budget of wall time: when it runs out,
 * requests in flight are abandoned, waits end, and nothing new starts. Each URL has an allowance
 * of its own, counted in time spent requesting and waiting (not queued behind other URLs): a
 * host that never answers or asks to be retried much later costs a bounded time per URL.
 */

/** Thrown where a check cannot go on because the run's budget is spent. */
export class BudgetSpent extends Error {}

export class RunBudget {
  private readonly timer: NodeJS.Timeout;
  private readonly onSpent = new Set<() => void>();
  spent = false;

  constructor(milliseconds: number) {
    this.timer = setTimeout(() => this.spend(), milliseconds);
  }

  /** Throws BudgetSpent once the budget is gone: called before every request and wait. */
  assertLeft(): void {
    if (this.spent) throw new BudgetSpent();
  }

  /**
   * Runs `cancel` if the budget runs out before the returned release is called: how an exchange
   * in flight, or a wait, is cut short.
   */
  whenSpent(cancel: () => void): () => void {
    this.onSpent.add(cancel);
    return () => this.onSpent.delete(cancel);
  }

  /** Settles as `promise` does, or with BudgetSpent when the budget runs out first (a DNS lookup cannot be cancelled). */
  race<T>(promise: Promise<T>): Promise<T> {
    this.assertLeft();
    let release = () => {};
    const spent = new Promise<never>((_resolve, reject) => (release = this.whenSpent(() => reject(new BudgetSpent()))));
    return Promise.race([promise, spent]).finally(() => release());
  }

  /** Waits, or ends the wait with BudgetSpent when the budget runs out first. */
  sleep(milliseconds: number): Promise<void> {
    this.assertLeft();
    return new Promise((resolve, reject) => {
      const release = this.whenSpent(() => {
        clearTimeout(timer);
        reject(new BudgetSpent());
      });
      const timer = setTimeout(() => {
        release();
        resolve();
      }, milliseconds);
    });
  }

  /** The run is over: no timer may keep the process alive. */
  dispose(): void {
    clearTimeout(this.timer);
  }

  private spend(): void {
    this.spent = true;
    for (const cancel of this.onSpent) cancel();
    this.onSpent.clear();
  }
}

/** One URL's allowance: links.timeout × (retries + 1) for its requests, plus links.maxRetryAfter for its waits. */
export class UrlAllowance {
  private remaining: number;

  constructor(milliseconds: number) {
    this.remaining = milliseconds;
  }

  left(): number {
    return this.remaining;
  }

  spend(milliseconds: number): void {
    this.remaining -= milliseconds;
  }
}
