/** The language server as the tests drive it: the built CLI's `lsp` over stdio, with a real JSON-RPC client. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import { CLI, DEFAULT_TEST_DAY } from './project.js';

/** Far beyond any real wait (each hostile case takes about a second now): only a hang trips it. */
export const LSP_HANG_GUARD_MS = 20_000;

/** The promise, or a failure naming what did not answer within the hang guard. */
export function guarded<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const guard = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${LSP_HANG_GUARD_MS} ms: ${what}`)), LSP_HANG_GUARD_MS)));
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}

/**
 * The server started in `root` (the test day as today), and a connection to it, not yet listening:
 * the caller adds its handlers first. The server's file-watcher registrations are accepted, as an editor would.
 */
export function spawnLanguageServer(root: string): { child: ChildProcess; connection: MessageConnection } {
  const child = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { cwd: root, env: { ...process.env, CONTENTGOV_AS_OF: DEFAULT_TEST_DAY }, stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  connection.onRequest('client/registerCapability', () => null);
  running.push({ child, connection });
  return { child, connection };
}

/** The servers spawnLanguageServer started and stopLanguageServers has not ended. */
const running: { child: ChildProcess; connection: MessageConnection }[] = [];

/** Ends every server spawnLanguageServer started: for a test file's afterEach. */
export function stopLanguageServers(): void {
  for (const { child, connection } of running.splice(0)) {
    connection.dispose();
    child.kill();
  }
}
