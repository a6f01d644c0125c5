/** What checking one external URL found: the checker makes it, the cache keeps it, a link check reads it. */
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
