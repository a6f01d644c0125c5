/**
 * A counting semaphore: at most `limit` tasks run at once; the rest wait in order. A finished
 * task hands its slot straight to the first waiting one, so no task arriving in between can
 * take it as well; with no one waiting, `onFree` is told that a slot is free.
 */
export class Limiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly limit: number,
    private readonly onFree?: () => void,
  ) {}

  /** True when a task run now would start at once. */
  get hasRoom(): boolean {
    return this.running < this.limit && this.waiting.length === 0;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.hasRoom) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else {
        this.running--;
        this.onFree?.();
      }
    }
  }
}
