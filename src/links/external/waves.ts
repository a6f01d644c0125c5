/**
 * The order and pace at which URL checks start. Every URL's check starts at once in effect (each
 * then waits for its host's and a global request slot, as checker.ts has it), but in waves with
 * the event loop let run between them: the first requests go out while the rest are being set
 * up, instead of after thousands of checks have been, and the URLs of each wave are spread over
 * the hosts so that the first wave alone can fill every slot.
 */

/** Starts `check` on every URL, `wave` at a time; settles when all have, rejecting with the first failure. */
export async function checkInWaves(urls: readonly string[], wave: number, check: (url: string) => Promise<void>): Promise<void> {
  const order = roundRobinByHost(urls);
  const checks: Promise<void>[] = [];
  for (let start = 0; start < order.length; start += wave) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    for (const url of order.slice(start, start + wave)) {
      const checked = check(url);
      // Awaited below with the others; a failure before then must not count as unhandled.
      checked.catch(() => {});
      checks.push(checked);
    }
  }
  await Promise.all(checks);
}

/** The URLs with URL k of every host before URL k + 1 of any, hosts in their first URL's order. */
export function roundRobinByHost(urls: readonly string[]): string[] {
  const byHost = new Map<string, string[]>();
  for (const url of urls) {
    // The authority as written: only the order depends on it, so no URL need be parsed.
    const host = AUTHORITY.exec(url)?.[1] ?? '';
    const list = byHost.get(host);
    if (list) list.push(url);
    else byHost.set(host, [url]);
  }
  const lists = [...byHost.values()];
  const order: string[] = [];
  for (let round = 0; order.length < urls.length; round++) for (const list of lists) if (round < list.length) order.push(list[round]!);
  return order;
}

const AUTHORITY = /^[a-z][a-z\d+.-]*:\/\/([^/?#]*)/i;
