/**
 * node bench/lsp.mjs: times contentgov lsp on a generated corpus (10,000 documents; BENCH_LSP_SIZE
 * to change) with a scripted client over stdio: startup (initialize → the first document's
 * diagnostics, the corpus parsed and indexed once) and, for 100 edits of that document, the time
 * from each didChange to its publishDiagnostics. Edits are timed with the debounce off
 * (initializationOptions.debounceMs = 0): what is measured is the check, not the pause an editor
 * waits for typing to stop (150 ms by default). Wall-clock on this machine: other load shows.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { generateCorpus } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, '..', 'bin/contentgov.js');
const SIZE = Number(process.env.BENCH_LSP_SIZE ?? 10_000);
const EDITS = 100;
const HANG_GUARD_MS = 120_000;

const directory = path.join(here, '.corpus', String(SIZE));
process.stderr.write(`generating ${SIZE} documents… `);
generateCorpus(directory, SIZE);
// Its own project, so the repository's config (found upward) does not apply.
writeFileSync(path.join(directory, 'contentgov.config.json'), JSON.stringify({ root: 'content' }));
process.stderr.write('timing\n');

const child = spawn(process.execPath, [cli, 'lsp', '--stdio'], { cwd: directory, stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, CONTENTGOV_AS_OF: '2026-11-25' } });
const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const waiting = new Map();
connection.onNotification('textDocument/publishDiagnostics', ({ uri, version }) => {
  const resolve = waiting.get(`${uri} ${version}`);
  waiting.delete(`${uri} ${version}`);
  resolve?.();
});
connection.onRequest('client/registerCapability', () => null);
connection.listen();

const published = (uri, version) =>
  new Promise((resolve, reject) => {
    const guard = setTimeout(() => reject(new Error(`no diagnostics for version ${version} within ${HANG_GUARD_MS} ms`)), HANG_GUARD_MS);
    waiting.set(`${uri} ${version}`, () => {
      clearTimeout(guard);
      resolve();
    });
  });

// A document in the middle of the corpus, with links to others (the generator's shape).
const file = path.join(directory, 'content', 'treatment', 'topic-1', 'doc-40.md');
const uri = pathToFileURL(file).href;
const text = readFileSync(file, 'utf8');
const rootUri = pathToFileURL(directory).href;

const started = performance.now();
await connection.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }], capabilities: {}, initializationOptions: { debounceMs: 0 } });
await connection.sendNotification('initialized', {});
const first = published(uri, 1);
await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
await first;
const startup = performance.now() - started;

const latencies = [];
let current = text;
for (let edit = 0; edit < EDITS; edit++) {
  const version = edit + 2;
  // Typing at the end of the body, with every tenth edit breaking (then mending) a heading a link may name.
  current = edit % 10 === 9 ? current.replace(/^## /m, '## x') : `${current}w`;
  const done = published(uri, version);
  const sent = performance.now();
  await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: current }] });
  await done;
  latencies.push(performance.now() - sent);
}
await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
connection.dispose();

const sorted = [...latencies].sort((a, b) => a - b);
const at = (fraction) => sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
console.log(`contentgov lsp on ${SIZE.toLocaleString('en-US')} documents`);
console.log(`startup (initialize → first diagnostics): ${(startup / 1000).toFixed(2)} s (target < 3 s)`);
console.log(`per edit, ${EDITS} edits (didChange → publishDiagnostics, debounce off): median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${sorted.at(-1).toFixed(1)} ms (target < 50 ms)`);
