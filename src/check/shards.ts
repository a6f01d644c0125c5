/**
 * Runs a lint over the corpus in shards: one on the main thread, and N - 1 more on worker threads
 * (--jobs N, or one per core on a corpus large enough to repay them). Each shard takes the next chunk of the sorted corpus
 * when it is free, so a slow folder does not hold one thread back while the others idle; every
 * list is put back in corpus order.
 */
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Project } from '../config/load.js';
import type { DiscoveredFile } from '../corpus/discover.js';
import type { ParsedDocument } from '../corpus/document.js';
import type { ExternalResult } from '../links/external/result.js';
import type { IndexFacts } from '../links/index.js';
import type { LinkSummary } from '../report/types.js';
import { ConfigError, UsageError } from '../errors.js';
import { append, type Judged } from './judge.js';
import { CorpusShard, factsForTransfer, type ChunkFacts, type ChunkVerdicts, type ShardLinks, type ShardOptions, type ShardSummary } from './shard.js';

/** What a worker needs to load the project the run loaded. */
export interface ShardSetup {
  cwd: string;
  configFile?: string;
  configHash: string;
  options: ShardOptions;
}

export type ShardRequest =
  | { step: 'parse'; chunk: number; files: DiscoveredFile[]; first: number }
  | { step: 'check'; otherChunks: ChunkFacts[] }
  | { step: 'external'; externalResults: ReadonlyMap<string, ExternalResult> }
  | { step: 'judge'; chunk: number }
  | { step: 'summary' };

interface ShardClient {
  /** The shard on the main thread (its steps run at once, not in the background). */
  local?: true;
  parse(chunk: number, files: DiscoveredFile[], first: number): Promise<IndexFacts[]>;
  /** The facts of the chunks other shards parsed: the shard has its own. */
  check(otherChunks: ChunkFacts[]): Promise<ShardLinks>;
  applyExternal(externalResults: ReadonlyMap<string, ExternalResult>): Promise<number[]>;
  judge(chunk: number): Promise<ChunkVerdicts>;
  summary(): Promise<ShardSummary>;
  close(): void;
}

/**
 * What a worker thread runs: src/check/worker.ts, from the CLI's own bundle (dist/main.cjs, beside
 * this code once built), loaded with its code cache as the CLI is (bin/load-bundle.cjs).
 */
const WORKER_SOURCE = `require(${JSON.stringify(fileURLToPath(new URL('../bin/load-bundle.cjs', import.meta.url)))}).loadBundle(${JSON.stringify(fileURLToPath(import.meta.url))}).exports.startCheckWorker();`;

/**
 * With no --jobs, a thread per core only from this many documents per thread: a worker loads the
 * program again and warms up on its first chunks, and on 2 cores a second thread did not repay
 * that at 10,000 documents (1.73 s against 1.69 s on one thread, from the code cache); it did at
 * 25,000 (3.25 s against 3.55 s, measured before the code cache) and 100,000 (9.8 s against 12.8 s).
 */
const AUTO_DOCUMENTS_PER_THREAD = 8000;
/**
 * A worker's young generation: V8's default lets each thread hold some 50 MB of short-lived
 * objects, on top of the main thread's; 8 MB costs no measurable time (100,000 pages: 610 MB, not 630).
 */
const WORKER_YOUNG_GENERATION_MB = 8;
/** Above this many documents, shards hold links and anchors packed (links/packed.ts); CONTENTGOV_COMPACT forces it either way. */
const COMPACT_ABOVE = 25_000;
/** Documents a worker takes at a time. */
const CHUNK_SIZE = 250;

export interface ShardRun {
  project: Project;
  cwd: string;
  options: ShardOptions;
  /** Threads to check with, the main thread included (at most one per chunk); undefined: one per core, if the corpus repays them. */
  jobs?: number;
  /** Keep the judged documents parsed, for the caller (the overdue report): checks on the main thread. */
  keepDocuments?: boolean;
  /** Hold the corpus compact, or not (the tests compare the two); default: above COMPACT_ABOVE documents. */
  compact?: boolean;
  /** Told how the run was shared (the bench and the tests read it). */
  onSharing?: (line: string) => void;
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
  const options: ShardOptions = { ...run.options, ...((run.compact ?? documents > COMPACT_ABOVE) ? { compact: true } : {}) };
  // A large corpus's facts are held until indexed: the heap may grow a fifth past what the last full
  // collection kept, not (V8's default) up to four times (100,000 pages: 480 MB, not 640). The flag is
  // read at each collection, by every thread.
  if (options.compact) setFlagsFromString('--heap-growing-percent=20');
  // --changed with --shard splits the change, which only the whole corpus's link checks tell: one shard.
  const threads = run.keepDocuments || (run.options.changes && run.options.shard) ? 1 : threadsFor(documents, run.jobs);
  const local = new CorpusShard(run.project, options, run.keepDocuments);
  const clients: ShardClient[] = [];
  try {
    // The workers first: a step asked of them runs while the main thread does its own share.
    for (let worker = 1; worker < threads; worker++) clients.push(workerClient(run, options));
    clients.push(localClient(local));
    const links = await checkLinks(clients, await parseInChunks(clients, chunks));
    const urls = [...new Set(links.flatMap((shard) => shard.externalUrls))].sort();
    // Asked even for no URLs: the run's cache is written (and pruned) as before.
    const externalResults = options.external ? await run.requestExternal(urls) : new Map<string, ExternalResult>();
    run.onUnconfigured(links.reduce((sum, shard) => ({ links: sum.links + shard.unconfigured.links, pages: sum.pages + shard.unconfigured.pages }), { links: 0, pages: 0 }));
    const held = await Promise.all(clients.map((client) => client.applyExternal(externalResults)));
    const failure = { failed: false };
    const chunkVerdicts = await Promise.all(
      clients.map((client, index) =>
        judgeChunks(client, held[index]!, failure).catch((error: unknown) => {
          failure.failed = true;
          throw error;
        }),
      ),
    );
    const summaries = await Promise.all(clients.map((client) => client.summary()));
    run.onSharing?.(`threads: ${documents} documents on ${threads} thread${threads === 1 ? '' : 's'} (chunks: ${held.map((chunks) => chunks.length).join(' + ')})${options.compact ? ', compact' : ''}`);
    return { ...merge(chunkVerdicts.flat(), summaries), ...(run.keepDocuments ? { documents: local.judgedDocuments() } : {}) };
  } finally {
    for (const client of clients) client.close();
  }
}

function threadsFor(documents: number, jobs: number | undefined): number {
  if (jobs !== undefined) return Math.max(1, Math.min(jobs, Math.ceil(documents / CHUNK_SIZE)));
  return Math.max(1, Math.min(availableParallelism(), Math.floor(documents / AUTO_DOCUMENTS_PER_THREAD)));
}

/**
 * Every shard checks its links against the facts of the whole corpus: each is sent the chunks the
 * others parsed (let go of once all have checked).
 */
function checkLinks(clients: readonly ShardClient[], parsed: readonly ParsedChunk[]): Promise<ShardLinks[]> {
  // A worker's share crosses threads packed; packed once, for every worker that needs it.
  const packed = new Map<number, ChunkFacts>();
  const sent = ({ chunk, facts }: ParsedChunk, client: ShardClient): ChunkFacts => {
    if (client.local) return { chunk, facts };
    let transfer = packed.get(chunk);
    if (!transfer) packed.set(chunk, (transfer = { chunk, facts: factsForTransfer(facts) }));
    return transfer;
  };
  return Promise.all(clients.map((client) => client.check(parsed.filter((chunk) => chunk.by !== client).map((chunk) => sent(chunk, client)))));
}

/** A chunk's facts, and the shard that parsed it (which keeps them). */
interface ParsedChunk extends ChunkFacts {
  by: ShardClient;
}

function chunksOf(files: readonly DiscoveredFile[]): (DiscoveredFile[] | undefined)[] {
  return Array.from({ length: Math.ceil(files.length / CHUNK_SIZE) }, (_, chunk) => files.slice(chunk * CHUNK_SIZE, (chunk + 1) * CHUNK_SIZE));
}

/**
 * Each client parses the next chunk as soon as it is free; the chunks' facts come back in corpus order.
 * The main thread takes the first (the workers are still loading), and a worker is asked for two
 * chunks at a time, so it has the next at hand while the main thread, busy with a chunk of its
 * own, has not yet read its answer. A chunk's files are let go once sent. After a failure no
 * chunk is started.
 */
async function parseInChunks(clients: readonly ShardClient[], chunks: (DiscoveredFile[] | undefined)[]): Promise<ParsedChunk[]> {
  const parsed: ParsedChunk[] = [];
  let next = 0;
  let failed = false;
  const lane = async (client: ShardClient) => {
    for (let chunk = next++; chunk < chunks.length && !failed; chunk = next++) {
      const files = chunks[chunk]!;
      chunks[chunk] = undefined;
      parsed[chunk] = { chunk, facts: await client.parse(chunk, files, chunk * CHUNK_SIZE), by: client };
      // The main thread's own parse returns at once: yield, so the workers' answers are read and they are given more.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const lanes = [...clients].sort((a, b) => Number(b.local === true) - Number(a.local === true)).flatMap((client) => (client.local ? [client] : [client, client]));
  await Promise.all(
    lanes.map((client) =>
      lane(client).catch((error: unknown) => {
        failed = true;
        throw error;
      }),
    ),
  );
  return parsed;
}

/** A worker is asked for every chunk at once (it answers each as judged); the main thread yields between its own, and stops after a failure. */
async function judgeChunks(client: ShardClient, chunks: readonly number[], failure: { failed: boolean }): Promise<ChunkVerdicts[]> {
  if (!client.local) return Promise.all(chunks.map((chunk) => client.judge(chunk)));
  const verdicts: ChunkVerdicts[] = [];
  for (const chunk of chunks) {
    if (failure.failed) break;
    verdicts.push(await client.judge(chunk));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return verdicts;
}

function merge(chunks: ChunkVerdicts[], shards: readonly ShardSummary[]): Omit<ShardedResult, 'documents'> {
  const merged: Judged = { entries: [], findings: [], suppressions: [] };
  for (const chunk of chunks.sort((a, b) => a.chunk - b.chunk)) {
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
    check: async (otherChunks) => shard.check(otherChunks),
    applyExternal: async (externalResults) => shard.applyExternal(externalResults),
    judge: async (chunk) => shard.judge(chunk),
    summary: async () => shard.summary(),
    close: () => {},
  };
}

/** A worker thread running src/check/worker.ts, asked one step at a time. */
function workerClient(run: ShardRun, options: ShardOptions): ShardClient {
  const setup: ShardSetup = { cwd: run.cwd, ...(run.project.configFile ? { configFile: run.project.configFile } : {}), configHash: run.project.configHash, options };
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
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
    check: (otherChunks) => ask({ step: 'check', otherChunks }),
    applyExternal: (externalResults) => ask({ step: 'external', externalResults }),
    judge: (chunk) => ask({ step: 'judge', chunk }),
    summary: () => ask({ step: 'summary' }),
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
