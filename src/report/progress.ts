/** A one-line progress bar for external link checking, redrawn on stderr at most every 100 ms. */
export class ProgressBar {
  private checked = 0;
  private failing = 0;
  private readonly started = Date.now();
  private lastDraw = 0;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly total: number,
  ) {}

  tick(failed: boolean): void {
    this.checked++;
    if (failed) this.failing++;
    const now = Date.now();
    if (now - this.lastDraw >= 100 || this.checked === this.total) this.draw(now);
  }

  finish(): void {
    this.stream.write('\r\u001b[2K');
  }

  private draw(now: number): void {
    this.lastDraw = now;
    const width = 24;
    const filled = this.total === 0 ? width : Math.round((this.checked / this.total) * width);
    const rate = this.checked / Math.max((now - this.started) / 1000, 0.001);
    this.stream.write(`\r\u001b[2K[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${this.checked}/${this.total} URLs, ${this.failing} failing, ${rate.toFixed(0)}/s`);
  }
}

/**
 * Progress only for a person watching (a TTY, and not in CI), unless --progress or --no-progress
 * says otherwise, as git's do: a bar forced into a log or a pipe is still redrawn at most ten
 * times a second.
 */
export function wantsProgress(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv, forced?: boolean): boolean {
  return forced ?? (stream.isTTY === true && !env.CI);
}
