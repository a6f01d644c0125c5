/**
 * A worker thread of a parallel lint run (see src/check/shards.ts): one CorpusShard, driven by
 * messages. It loads the project itself (a Project holds compiled schemas, which cannot be sent)
 * and refuses to go on if the config it read is not the one the run read.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadProject } from '../config/load.js';
import { ConfigError, UsageError } from '../errors.js';
import { RULE_IDS } from '../rules/index.js';
import { CorpusShard, factsForTransfer } from './shard.js';
import type { ShardRequest, ShardSetup } from './shards.js';

/** Runs this thread as a worker of a parallel lint: answers the main thread's steps in order. */
export function startCheckWorker(): void {
  const setup = workerData as ShardSetup;
  let shard: CorpusShard | undefined;
  parentPort!.on('message', (request: ShardRequest) => {
    try {
      shard ??= openShard(setup);
      parentPort!.postMessage({ ok: true, value: handle(shard, request) });
    } catch (error) {
      const { message, stack } = error instanceof Error ? error : new Error(String(error));
      const kind = error instanceof ConfigError ? 'config' : error instanceof UsageError ? 'usage' : 'internal';
      parentPort!.postMessage({ ok: false, error: { kind, message, stack } });
    }
  });
}

function openShard(setup: ShardSetup): CorpusShard {
  const project = loadProject({ cwd: setup.cwd, ...(setup.configFile ? { configFile: setup.configFile } : {}), ruleIds: RULE_IDS });
  if (project.configHash !== setup.configHash) throw new ConfigError('the config file changed during the run; run it again');
  return new CorpusShard(project, setup.options);
}

function handle(shard: CorpusShard, request: ShardRequest): unknown {
  switch (request.step) {
    case 'parse':
      return factsForTransfer(shard.parse(request.chunk, request.files, request.first));
    case 'check':
      return shard.check(request.otherChunks);
    case 'external':
      return shard.applyExternal(request.externalResults);
    case 'judge':
      return shard.judge(request.chunk);
    case 'summary':
      return shard.summary();
  }
}

