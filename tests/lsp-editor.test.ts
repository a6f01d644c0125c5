/**
 * contentgov lsp as editors drive it beyond the happy path: initialize parameters from virtual
 * workspaces, and what completion inserts. A real JSON-RPC client over the built CLI's stdio.
 */
import { readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MessageConnection } from 'vscode-jsonrpc/node.js';
import type { CompletionItem, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { afterEach, describe, expect, it } from 'vitest';
import { guarded, spawnLanguageServer, stopLanguageServers } from './helpers/lsp.js';
import { seedDocument, tempProject, type TempProject } from './helpers/project.js';

let project: TempProject | undefined;

afterEach(() => {
  stopLanguageServers();
  project?.cleanup();
  project = undefined;
});

function startServer(root: string): MessageConnection {
  const { connection } = spawnLanguageServer(root);
  connection.listen();
  return connection;
}

function diagnosticsOf(client: MessageConnection, uri: string): Promise<Diagnostic[]> {
  return guarded(
    new Promise<Diagnostic[]>((resolve) => {
      const subscription = client.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => {
        if (params.uri !== uri) return;
        subscription.dispose();
        resolve(params.diagnostics);
      });
    }),
    `diagnostics for ${uri}`,
  );
}

describe('contentgov lsp, driven as editors drive it', () => {
  it('initializes in a virtual workspace (non-file folders) and still judges the file documents it is sent', async () => {
    project = tempProject();
    project.write('contentgov.config.json', JSON.stringify({ root: 'content' }));
    project.write('content/page.md', seedDocument({}, '# Page\n\n[gone](missing.md)\n'));
    const client = startServer(project.root);
    // VS Code on a virtual file system (a GitHub repository opened remotely) sends such folders.
    const result = await guarded(
      client.sendRequest('initialize', { processId: process.pid, rootUri: 'vscode-vfs://github/owner/repo', workspaceFolders: [{ uri: 'vscode-vfs://github/owner/repo', name: 'repo' }, { uri: 'file:///%zz', name: 'broken' }], capabilities: {} }),
      'initialize',
    );
    expect(result).toHaveProperty('capabilities');
    await client.sendNotification('initialized', {});
    const uri = pathToFileURL(path.join(project.root, 'content/page.md')).href;
    const published = diagnosticsOf(client, uri);
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: seedDocument({}, '# Page\n\n[gone](missing.md)\n') } });
    expect((await published).map((diagnostic) => diagnostic.code)).toContain('link-missing-file');
  });

  it('says nothing of a Markdown file of no project (no config above it, in no workspace folder), and judges one of a project', async () => {
    project = tempProject();
    // Outside any project: notes beside it, no contentgov.config.json above (the temp folder's parents have none).
    project.write('notes/todo.md', '# To do\n\n[gone](missing.md)\n');
    project.write('site/contentgov.config.json', JSON.stringify({ root: 'content' }));
    project.write('site/content/page.md', seedDocument({}, '# Page\n\n[gone](missing.md)\n'));
    const client = startServer(project.root);
    await guarded(client.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} }), 'initialize');
    await client.sendNotification('initialized', {});
    for (const [file, expected] of [['notes/todo.md', []], ['site/content/page.md', ['link-missing-file']]] as const) {
      const uri = pathToFileURL(path.join(project.root, file)).href;
      const published = diagnosticsOf(client, uri);
      await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: readFileSync(path.join(project.root, file), 'utf8') } });
      expect((await published).map((diagnostic) => diagnostic.code)).toEqual(expected);
    }
  });

  it('completes a page whose name holds a space, parentheses or a % with a path that links to it', async () => {
    project = tempProject();
    project.write('contentgov.config.json', JSON.stringify({ root: 'content' }));
    project.write('content/a b/x (1).md', seedDocument({}, '# X\n'));
    project.write('content/100%.md', seedDocument({}, '# Percent\n'));
    const client = startServer(project.root);
    const rootUri = pathToFileURL(project.root).href;
    await guarded(client.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'test' }], capabilities: {}, initializationOptions: { debounceMs: 0 } }), 'initialize');
    await client.sendNotification('initialized', {});
    const uri = pathToFileURL(path.join(project.root, 'content/page.md')).href;
    const head = seedDocument({}, '# Page\n\n');
    const line = head.split('\n').length - 1;
    const opened = diagnosticsOf(client, uri);
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: `${head}[a](` } });
    await opened;
    const items = await guarded(client.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line, character: 4 } }), 'completion');
    const inserted = ['a b/x (1).md', '100%.md'].map((label) => (items.find((item) => item.label === label)?.textEdit as TextEdit | undefined)?.newText);
    expect(inserted.every((newText) => newText !== undefined)).toBe(true);
    const links = inserted.map((newText) => `[a](${newText})`).join(' and ');
    const judged = diagnosticsOf(client, uri);
    await client.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: `${head}${links}\n` }] });
    expect((await judged).filter((diagnostic) => String(diagnostic.code).startsWith('link-'))).toEqual([]);
    // Each is a link to its page, not text: go to definition leads there.
    for (const [index, file] of ['content/a b/x (1).md', 'content/100%.md'].entries()) {
      const character = links.indexOf('](', index === 0 ? 0 : links.indexOf(' and ')) + 3;
      const target = await guarded(client.sendRequest<{ uri: string } | null>('textDocument/definition', { textDocument: { uri }, position: { line, character } }), 'definition');
      expect(target?.uri).toBe(pathToFileURL(path.join(project.root, file)).href);
    }
  });

  it('follows images, files and folders renamed or deleted on disk: the links to them are judged again', async () => {
    project = tempProject();
    project.write('contentgov.config.json', JSON.stringify({ root: 'content' }));
    const page = seedDocument({}, '# Page\n\n![chart](img.png) [doc](sub/doc.md) [pdf](files/a.pdf)\n');
    project.write('content/page.md', page);
    project.write('content/img.png', '');
    project.write('content/sub/doc.md', seedDocument({}, '# Doc\n'));
    project.write('content/files/a.pdf', '');
    const client = startServer(project.root);
    const registered: string[] = [];
    client.onRequest('client/registerCapability', (params: { registrations: { registerOptions?: { watchers?: { globPattern: string }[] } }[] }) => {
      for (const registration of params.registrations) registered.push(...(registration.registerOptions?.watchers ?? []).map((watcher) => watcher.globPattern));
      return null;
    });
    const rootUri = pathToFileURL(project.root).href;
    await guarded(client.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'test' }], capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } }, initializationOptions: { debounceMs: 0 } }), 'initialize');
    await client.sendNotification('initialized', {});
    const uri = pathToFileURL(path.join(project.root, 'content/page.md')).href;
    const opened = diagnosticsOf(client, uri);
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: page } });
    const links = (diagnostics: Diagnostic[]) => diagnostics.filter((diagnostic) => String(diagnostic.code).startsWith('link-')).map((diagnostic) => diagnostic.message);
    expect(links(await opened)).toEqual([]);
    // Asked for: the folders and files other than pages are watched too (a client reports a folder's rename as the folder's events only).
    expect(registered).toContain('**/*');
    const at = (file: string) => pathToFileURL(path.join(project!.root, file)).href;
    rmSync(path.join(project.root, 'content/img.png'));
    renameSync(path.join(project.root, 'content/sub'), path.join(project.root, 'content/sub2'));
    renameSync(path.join(project.root, 'content/files'), path.join(project.root, 'content/files2'));
    const judged = diagnosticsOf(client, uri);
    await client.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: at('content/img.png'), type: 3 },
        { uri: at('content/sub'), type: 3 },
        { uri: at('content/sub2'), type: 1 },
        { uri: at('content/files'), type: 3 },
        { uri: at('content/files2'), type: 1 },
      ],
    });
    expect(links(await judged)).toEqual([
      'broken link: "img.png" (content/img.png does not exist)',
      'broken link: "sub/doc.md" (content/sub/doc.md does not exist)',
      'broken link: "files/a.pdf" (content/files/a.pdf does not exist)',
    ]);
    // The page that moved with its folder is in the corpus at its new place; the image put back is found.
    project.write('content/img.png', '');
    const mended = diagnosticsOf(client, uri);
    await client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: at('content/img.png'), type: 1 }] });
    expect(links(await mended)).toEqual(['broken link: "sub/doc.md" (content/sub/doc.md does not exist)', 'broken link: "files/a.pdf" (content/files/a.pdf does not exist)']);
    const moved = diagnosticsOf(client, uri);
    await client.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: page.replace('sub/doc.md', 'sub2/doc.md').replace('files/a.pdf', 'files2/a.pdf') }] });
    expect(links(await moved)).toEqual([]);
  });
});
