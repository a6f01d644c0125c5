/** A run's external link checking: the results cache, the budget and the progress bar around checker.ts. */
import type { Project } from '../../config/load.js';
import { parseDuration } from '../../review/duration.js';
import { parseTimeSpan } from '../../schema/time-span.js';
import { TOOL } from '../../version.js';
import { LinkCache } from './cache.js';
import type { ExternalResult } from './result.js';

export interface ExternalRunOptions {
  project: Project;
  /** --allow-private-hosts. Only the command line opens private hosts: a config may come from a pull request. */
  allowPrivateHosts?: boolean;
  /** --external-budget: wall time for all external checks, as parseTimeSpan reads it (default: links.budget). */
  externalBudget?: string;
  /** Use the results cache of earlier runs (default: links.cache.enabled). */
  linkCache?: boolean;
  /** Told the number of unique external URLs, then of each result. */
  progress?: { start(total: number): void; tick(failed: boolean): void; finish(): void };
  /** Non-fatal problems worth a line on stderr (a corrupt cache). */
  warn?: (message: string) => void;
}

/** Requests every unique external URL once (answers still fresh in the cache are not asked again). */
export async function requestExternalUrls(urls: string[], options: ExternalRunOptions): Promise<ReadonlyMap<string, ExternalResult>> {
  const { project } = options;
  const useCache = (options.linkCache ?? true) && project.config.links.cache.enabled;
  const ttl = parseDuration(project.config.links.cache.ttl)!;
  const cache = useCache
    ? new LinkCache({ root: project.projectRoot, path: project.config.links.cache.path }, project.configHash, (ttl.months * 30 + ttl.days) * 86_400_000, Date.now, options.warn ?? (() => {}))
    : undefined;
  if (project.config.links.allowPrivateHosts && !options.allowPrivateHosts) {
    options.warn?.('links.allowPrivateHosts in the config is not followed: a pull request could set it to make CI request its private network; pass --allow-private-hosts in the command instead');
  }
  options.progress?.start(urls.length);
  // undici loads only when external links are checked: a plain lint starts faster.
  const { checkExternalUrls } = await import('./checker.js');
  const budgetText = options.externalBudget ?? project.config.links.budget;
  const { results, outOfBudget, noNetwork } = await checkExternalUrls(urls, {
    links: project.config.links,
    budget: { milliseconds: parseTimeSpan(budgetText)!, text: budgetText },
    allowPrivateHosts: options.allowPrivateHosts === true,
    userAgent: `${TOOL.name}/${TOOL.version} (link checker)`,
    ...(cache ? { cache } : {}),
    onResult: (_url, result) => options.progress?.tick(!['external-ok', 'skipped'].includes(result.outcome)),
  });
  options.progress?.finish();
  cache?.save();
  if (outOfBudget > 0) options.warn?.(`the external link budget of ${budgetText} ran out: ${outOfBudget} external link${outOfBudget === 1 ? ' was' : 's were'} not checked`);
  if (noNetwork > 0) options.warn?.(`no network: ${noNetwork} external link${noNetwork === 1 ? '' : 's'} could not be checked`);
  return results;
}
