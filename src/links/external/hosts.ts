/**
 * What the checker knows of each host in a run: its address, looked up once and vetted (the
 * connection goes to exactly that address), and whether it still answers. A host that let two
 * requests time out since its last answer is not asked again in this run: 10,000 links to a
 * host that never answers then cost two timeouts, not hours.
 */
import { lookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { specialPurposeBlock } from './address.js';
import type { RunBudget } from './budget.js';
import { TimedOut } from './request.js';

/** A host at a special-purpose address: never requested. */
export class RefusedHost extends Error {}

interface Address {
  address: string;
  family: number;
}

/** Lookup failures that mean the name does not resolve (or no resolver answers). */
const DNS_FAILURES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);
/** Timeouts since a host's last answer after which it is not asked again. */
const SILENT_LIMIT = 2;

export class Hosts {
  private readonly pinned = new Map<string, Address>();
  private readonly lookups = new Map<string, Promise<Address[]>>();
  private readonly resolved = new Set<string>();
  private readonly unresolved = new Set<string>();
  private readonly silence = new Map<string, number>();

  constructor(
    private readonly allowLocal: boolean,
    private readonly timeoutSeconds: number,
    private readonly budget: RunBudget,
  ) {}

  /** For undici: connect to the address the host was vetted at, and nowhere else. */
  readonly pinnedLookup: LookupFunction = (hostname, options, callback) => {
    const entry = this.pinned.get(hostname);
    if (!entry) return callback(Object.assign(new Error(`host ${hostname} was not vetted`), { code: 'ENOTFOUND' }), '', 4);
    if ((options as { all?: boolean }).all) (callback as unknown as (error: null, addresses: Address[]) => void)(null, [entry]);
    else callback(null, entry.address, entry.family);
  };

  /** True once `vet` has let the host through: its address is pinned. */
  isVetted(hostname: string): boolean {
    return this.pinned.has(bareHost(hostname));
  }

  /** Looks the host up (once per run) and refuses it when any of its addresses is special-purpose. */
  async vet(hostname: string): Promise<void> {
    const bare = bareHost(hostname);
    if (this.pinned.has(bare)) return;
    const addresses = isIP(bare) ? [{ address: bare, family: isIP(bare) }] : await this.budget.race(this.lookupOnce(bare));
    for (const { address } of addresses) {
      const block = specialPurposeBlock(address, this.allowLocal);
      if (block) throw new RefusedHost(address === bare ? `${bare} is in ${block}` : `${bare} resolves to ${address}, in ${block}`);
    }
    this.pinned.set(bare, addresses[0]!);
  }

  /** True when lookups were made and every one failed: no resolver, no network. */
  get noNetwork(): boolean {
    return this.unresolved.size > 0 && this.resolved.size === 0;
  }

  /** Throws when the host stopped answering earlier in the run. */
  assertAnswering(host: string): void {
    if ((this.silence.get(host) ?? 0) >= SILENT_LIMIT) {
      throw new TimedOut(`not requested: ${host} let ${SILENT_LIMIT} requests time out at ${this.timeoutSeconds} s earlier in this run`);
    }
  }

  answered(host: string): void {
    this.silence.delete(host);
  }

  timedOut(host: string): void {
    this.silence.set(host, (this.silence.get(host) ?? 0) + 1);
  }

  /** Concurrent URLs of one host share its lookup; a temporary failure is looked up again on retry. */
  private lookupOnce(hostname: string): Promise<Address[]> {
    let pending = this.lookups.get(hostname);
    if (!pending) {
      pending = lookup(hostname, { all: true, verbatim: true }).then(
        (addresses) => {
          this.resolved.add(hostname);
          this.unresolved.delete(hostname);
          return addresses;
        },
        (error: { code?: string }) => {
          if (DNS_FAILURES.has(error.code ?? '')) this.unresolved.add(hostname);
          if (error.code !== 'ENOTFOUND') this.lookups.delete(hostname);
          throw error;
        },
      );
      this.lookups.set(hostname, pending);
    }
    return pending;
  }
}

/** A URL's hostname without the brackets of an IPv6 address. */
function bareHost(hostname: string): string {
  return hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
}
