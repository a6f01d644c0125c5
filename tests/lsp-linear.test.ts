/**
 * The language server on hostile pages, driven over the built CLI's stdin and stdout: a keystroke
 * or a completion must not cost time quadratic in the page. Every wait is bounded by a hang guard.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MessageConnection } from 'vscode-jsonrpc/node.js';
import type { CompletionItem, Diagnostic } from 'vscode-languageserver-types';
import { afterEach, describe, expect, it } from 'vitest';
import { guarded, spawnLanguageServer, stopLanguageServers } from './helpers/lsp.js';
import { tempProject, type TempProject } from './helpers/project.js';

let project: TempProject | undefined;
let connection: MessageConnection | undefined;
afterEach(() => {
  stopLanguageServers();
  project?.cleanup();
  project = connection = undefined;
});

/** Starts the server on a project holding `file` and opens it; resolves with its first diagnostics. */
async function openIn(files: Record<string, string>, file: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  project = tempProject();
  for (const [name, text] of Object.entries(files)) project.write(name, text);
  ({ connection } = spawnLanguageServer(project.root));
  const uri = pathToFileURL(path.join(project.root, file)).href;
  const published = new Promise<Diagnostic[]>((resolve) => connection!.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => params.uri === uri && resolve(params.diagnostics)));
  connection.listen();
  const rootUri = pathToFileURL(project.root).href;
  await guarded(connection.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'test' }], capabilities: {}, initializationOptions: { debounceMs: 0 } }), 'initialize');
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: files[file] } });
  return { uri, diagnostics: await guarded(published, 'diagnostics') };
}

const CONFIG = JSON.stringify({ defaultFields: false, limits: { findingsPerRule: 5_000 } });
const HEAD = '---\ntitle: x\n---\n# h\n\n';

describe('the language server is linear in the page', () => {
  it('diagnostics of 10,000 broken links after 850,000 good ones (each finding searched every link before)', async () => {
    let text = `${HEAD}${'[a](#h) '.repeat(850_000)}\n`;
    for (let index = 0; index < 5_000; index++) text += `[b](#zz${index}) [c](nope${index}.md)\n`;
    const { diagnostics } = await openIn({ 'contentgov.config.json': CONFIG, 'content/big.md': text }, 'content/big.md');
    const last = diagnostics.find((diagnostic) => diagnostic.code === 'link-missing-file' && diagnostic.message.includes('nope4999.md'))!;
    // The range still ends where the link does.
    expect(last.range.end.character - last.range.start.character).toBe('[c](nope4999.md)'.length);
    const anchors = diagnostics.filter((diagnostic) => diagnostic.code === 'link-missing-anchor');
    expect(anchors).toHaveLength(5_000);
    // The client sends back every diagnostic for code actions: each is looked up once, not searched for.
    const actions = await guarded(
      connection!.sendRequest<{ title: string }[]>('textDocument/codeAction', { textDocument: { uri: pathToFileURL(path.join(project!.root, 'content/big.md')).href }, range: { start: { line: 0, character: 0 }, end: { line: 6_000, character: 0 } }, context: { diagnostics } }),
      'code actions',
    );
    expect(actions.filter((action) => action.title.startsWith('Suppress link-missing-anchor'))).toHaveLength(5_000);
  });

  it("a path completion at the end of a line of 200,000 '](' then ')' (a minute before)", async () => {
    const line = `${']('.repeat(200_000)})`;
    const { uri } = await openIn({ 'contentgov.config.json': CONFIG, 'content/a.md': `${HEAD}${line}\n`, 'content/b.md': `${HEAD}\n` }, 'content/a.md');
    const items = await guarded(connection!.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: line.length } }), 'completion');
    expect(items).toEqual([]);
    const typed = await guarded(connection!.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: line.length - 1 } }), 'completion');
    expect(typed.map((item) => item.label)).toEqual(['b.md']);
  });
});
