/**
 * What dist/main.cjs exports (scripts/build.mjs): the CLI, and the entry of a parallel lint's
 * worker threads (src/check/shards.ts starts them on this same bundle, so they load it with the
 * code cache the CLI's runs trained).
 */
export { main } from './cli/main.js';
export { startCheckWorker } from './check/worker.js';
