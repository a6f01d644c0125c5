/**
 * Runs a lint over the corpus in shards: one on the main thread, and with --jobs N on a corpus
 * large enough, N - 1 more on worker threads. Each shard takes the next chunk of the sorted corpus
 * when it is free, so a slow folder does not hold one thread back while the others idle; every
 * list is put back in corpus order.
 */
import { Worker } from 'node:worker_threads';
import type { Project } from '../config/load.js';
import type { DiscoveredFile } from '../corpus/discover.js';
import type { ParsedDocument } from '../corpus/document.js';
import type { ExternalResult } from '../links/external/checker.js';
import type { IndexFacts } from '../links/index.js';
import type { LinkSummary } from '../report/types.js';
import { ConfigError, UsageError } from '../errors.js';
import { append, type Judged } from './judge.js';
import { CorpusShard, type ShardLinks, type ShardOptions, type ShardVerdicts } from './shard.js';

/** What a worker needs to load the project the run loaded. */
export interface ShardSetup {
  cwd: string;
  configFile?: string;
  configHash: string;
  options: ShardOptions;
}

export type ShardRequest =
  | { step: 'parse'; chunk: number; files: DiscoveredFile[]; first: number }
  | { step: 'check'; facts: IndexFacts[] }
  | { step: 'judge'; externalResults: ReadonlyMap<string, ExternalResult> };

interface ShardClient {
  /** The shard on the main thread (its steps run at once, not in the background). */
  local?: true;
  parse(chunk: number, files: DiscoveredFile[], first: number): Promise<IndexFacts[]>;
  check(facts: IndexFacts[]): Promise<ShardLinks>;
  judge(externalResults: ReadonlyMap<string, ExternalResult>): Promise<ShardVerdicts>;
  close(): void;
}

/**
 * Below this many documents per thread, starting a worker (loading the program again, about
 * 0.1 s of a core) costs more than it saves: measured with npm run bench's corpora (see README).
 */
export const MIN_DOCUMENTS_PER_THREAD = 1000;
/** Documents a worker takes at a time. */
const CHUNK_SIZE = 250;

export interface ShardRun {
  project: Project;
  cwd: string;
  options: ShardOptions;
  /** Threads to check with at most, the main thread included; 1 checks on the main thread only. */
  jobs: number;
  /** Keep the judged documents parsed, for the caller (the overdue report): checks on the main thread. */
  keepDocuments?: boolean;
  /** Requests the external URLs (already unique) and returns their results. */
  requestExternal(urls: string[]): Promise<ReadonlyMap<string, ExternalResult>>;
  /** Site links nothing resolves, over the run. */
  onUnconfigured(count: { links: number; pages: number }): void;
}

export interface ShardedResult extends Judged {
  links?: LinkSummary;
  usedConfigEntries: Set<number>;
  /** With keepDocuments. */
  documents?: ParsedDocument[];
}

/** Checks these files (discovered, sorted); the list is let go of as it is parsed. */
export function checkInShards(run: ShardRun, discovered: readonly DiscoveredFile[]): Promise<ShardedResult> {
  // Held as chunks from here, each let go of once parsed (100,000 discovered files are 80 MB): not async, so nothing holds the list.
  return checkChunks(run, chunksOf(discovered), discovered.length);
}

async function checkChunks(run: ShardRun, chunks: (DiscoveredFile[] | undefined)[], documents: number): Promise<ShardedResult> {
  // --changed with --shard splits the change, which only the whole corpus's link checks tell: one shard.
  const threads = run.keepDocuments || (run.options.changes && run.options.shard) ? 1 : Math.max(1, Math.min(run.jobs, Math.floor(documents / MIN_DOCUMENTS_PER_THREAD)));
  const local = new CorpusShard(run.project, run.options, run.keepDocuments);
  // The workers first: a step asked of them runs while the main thread does its own share.
  const clients = [...Array.from({ length: threads - 1 }, () => workerClient(run)), localClient(local)];
  try {
    const facts = await parseInChunks(clients, chunks);
    const links = await Promise.all(clients.map((client) => client.check(facts)));
    const urls = [...new Set(links.flatMap((shard) => shard.externalUrls))].sort();
    const externalResults = urls.length > 0 ? await run.requestExternal(urls) : new Map<string, ExternalResult>();
    run.onUnconfigured(links.reduce((sum, shard) => ({ links: sum.links + shard.unconfigured.links, pages: sum.pages + shard.unconfigured.pages }), { links: 0, pages: 0 }));
    const verdicts = await Promise.all(clients.map((client) => client.judge(externalResults)));
    // CONTENTGOV_STATS=1: how the run was shared (the bench and the tests read it).
    if (process.env.CONTENTGOV_STATS) process.stderr.write(`threads: ${documents} documents on ${threads} thread${threads === 1 ? '' : 's'} (chunks: ${verdicts.map((shard) => shard.chunks.length).join(' + ')})\n`);
    return { ...merge(verdicts), ...(run.keepDocuments ? { documents: local.judgedDocuments() } : {}) };
  } finally {
    for (const client of clients) client.close();
  }
}

function chunksOf(files: readonly DiscoveredFile[]): (DiscoveredFile[] | undefined)[] {
  return Array.from({ length: Math.ceil(files.length / CHUNK_SIZE) }, (_, chunk) => files.slice(chunk * CHUNK_SIZE, (chunk + 1) * CHUNK_SIZE));
}

/**
 * Each client parses the next chunk as soon as it is free; the facts come back in corpus order.
 * A worker is asked for two chunks at a time, so it has the next at hand while the main thread,
 * busy with a chunk of its own, has not yet read its answer. A chunk's files are let go once sent.
 */
async function parseInChunks(clients: readonly ShardClient[], chunks: (DiscoveredFile[] | undefined)[]): Promise<IndexFacts[]> {
  const facts: IndexFacts[][] = [];
  let next = 0;
  const lane = async (client: ShardClient) => {
    for (let chunk = next++; chunk < chunks.length; chunk = next++) {
      const files = chunks[chunk]!;
      chunks[chunk] = undefined;
      facts[chunk] = await client.parse(chunk, files, chunk * CHUNK_SIZE);
      // The main thread's own parse returns at once: yield, so the workers' answers are read and they are given more.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await Promise.all(clients.flatMap((client) => (client.local ? [lane(client)] : [lane(client), lane(client)])));
  const all: IndexFacts[] = [];
  for (const chunk of facts) append(all, chunk);
  return all;
}

function merge(shards: readonly ShardVerdicts[]): Omit<ShardedResult, 'documents'> {
  const merged: Judged = { entries: [], findings: [], suppressions: [] };
  for (const chunk of shards.flatMap((shard) => shard.chunks).sort((a, b) => a.chunk - b.chunk)) {
    append(merged.entries, chunk.entries);
    append(merged.findings, chunk.findings);
    append(merged.suppressions, chunk.suppressions);
  }
  const usedConfigEntries = new Set(shards.flatMap((shard) => shard.usedConfigEntries));
  const summaries = shards.map((shard) => shard.links).filter((links) => links !== undefined);
  if (summaries.length === 0) return { ...merged, usedConfigEntries };
  const links: LinkSummary = { total: 0, checked: 0, broken: 0, skipped: 0, cached: 0 };
  for (const summary of summaries) for (const key of Object.keys(links) as (keyof LinkSummary)[]) links[key] += summary[key];
  return { ...merged, usedConfigEntries, links };
}

function localClient(shard: CorpusShard): ShardClient {
  return {
    local: true,
    parse: async (chunk, files, first) => shard.parse(chunk, files, first),
    check: async (facts) => shard.check(facts),
    judge: async (externalResults) => shard.judge(externalResults),
    close: () => {},
  };
}

/** A worker thread running src/check/worker.ts, asked one step at a time. */
function workerClient(run: ShardRun): ShardClient {
  const setup: ShardSetup = { cwd: run.cwd, ...(run.project.configFile ? { configFile: run.project.configFile } : {}), configHash: run.project.configHash, options: run.options };
  // Built next to this chunk (scripts/build.mjs): every entry point and chunk sits at the top of dist/.
  const worker = new Worker(new URL('./check-worker.js', import.meta.url), { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: Number(process.env.YG ?? 48) } });
  let failure: Error | undefined;
  // A worker answers in the order it was asked.
  const pending: { resolve(value: unknown): void; reject(error: Error): void }[] = [];
  const fail = (error: Error) => {
    failure ??= error;
    for (const waiting of pending.splice(0)) waiting.reject(failure);
  };
  worker.on('message', (reply: { ok: true; value: unknown } | { ok: false; error: WorkerError }) => {
    const waiting = pending.shift();
    if (reply.ok) waiting?.resolve(reply.value);
    else waiting?.reject(rebuildError(reply.error));
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`a worker thread stopped (exit code ${code})`)));
  const ask = <T>(request: ShardRequest): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (failure) return reject(failure);
      pending.push({ resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage(request);
    });
  return {
    parse: (chunk, files, first) => ask({ step: 'parse', chunk, files, first }),
    check: (facts) => ask({ step: 'check', facts }),
    judge: (externalResults) => ask({ step: 'judge', externalResults }),
    close: () => {
      failure ??= new Error('closed');
      void worker.terminate();
    },
  };
}

/** An error thrown in a worker, as plain data. */
export interface WorkerError {
  kind: 'config' | 'usage' | 'internal';
  message: string;
  stack?: string;
}

/** A worker's error as the main thread would have thrown it: a usage or config error keeps its exit code 2. */
function rebuildError({ kind, message, stack }: WorkerError): Error {
  if (kind === 'config') return new ConfigError(message);
  if (kind === 'usage') return new UsageError(message);
  const error = new Error(message);
  if (stack) error.stack = stack;
  return error;
}
