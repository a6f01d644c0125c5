/**
 * contentgov lsp, driven by a real JSON-RPC client over the built CLI's stdin and stdout: no mock
 * of the protocol. Every wait is bounded by a hang guard, never a timing assertion.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MessageConnection } from 'vscode-jsonrpc/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionItem, Diagnostic, Hover, Location, TextEdit } from 'vscode-languageserver-types';
import { afterEach, describe, expect, it } from 'vitest';
import { guarded, spawnLanguageServer } from './helpers/lsp.js';
import { lintJson, seedDocument, tempProject, type TempProject } from './helpers/project.js';
import { escapeText } from '../src/report/escape.js';

interface Published {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

class Client {
  private readonly published: Published[] = [];
  private waiters: (() => void)[] = [];
  private versions = new Map<string, number>();
  private texts = new Map<string, string>();

  private constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
    readonly root: string,
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (params: Published) => {
      this.published.push(params);
      for (const waiter of this.waiters) waiter();
    });
  }

  static async start(root: string): Promise<Client> {
    const { child, connection } = spawnLanguageServer(root);
    connection.listen();
    const client = new Client(child, connection, root);
    const rootUri = pathToFileURL(root).href;
    await guarded(connection.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'test' }], capabilities: {} }), 'initialize');
    await connection.sendNotification('initialized', {});
    return client;
  }

  uri(file: string): string {
    return pathToFileURL(path.join(this.root, file)).href;
  }

  text(file: string): string {
    return this.texts.get(this.uri(file))!;
  }

  /** Opens a document with this text (default: as on disk) and waits for its diagnostics. */
  async open(file: string, text = readFileSync(path.join(this.root, file), 'utf8')): Promise<Diagnostic[]> {
    const uri = this.uri(file);
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    const since = this.published.length;
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    return this.diagnosticsAfter(since, uri, 1);
  }

  /** Replaces the unsaved buffer and waits for its new diagnostics. */
  async change(file: string, text: string): Promise<Diagnostic[]> {
    const uri = this.uri(file);
    const version = this.versions.get(uri)! + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    const since = this.published.length;
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return this.diagnosticsAfter(since, uri, version);
  }

  /** The next diagnostics published for `uri` after the `since`th notification (and of `version`, when given). */
  diagnosticsAfter(since: number, uri: string, version?: number): Promise<Diagnostic[]> {
    const find = () => this.published.slice(since).find((entry) => entry.uri === uri && (version === undefined || entry.version === version));
    return guarded(
      new Promise<Diagnostic[]>((resolve) => {
        const check = () => {
          const found = find();
          if (!found) return;
          this.waiters = this.waiters.filter((waiter) => waiter !== check);
          resolve(found.diagnostics);
        };
        this.waiters.push(check);
        check();
      }),
      `diagnostics for ${uri}`,
    );
  }

  get publishedCount(): number {
    return this.published.length;
  }

  request<T>(method: string, file: string, params: object): Promise<T> {
    return guarded(this.connection.sendRequest(method, { textDocument: { uri: this.uri(file) }, ...params }) as Promise<T>, method);
  }

  async actions(file: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    const lines = this.text(file).split('\n').length;
    return this.request<CodeAction[]>('textDocument/codeAction', file, { range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } }, context: { diagnostics } });
  }

  /** The buffer with a code action's edits applied, as an editor applies them. */
  applied(file: string, action: CodeAction): string {
    const uri = this.uri(file);
    const edits = action.edit!.changes![uri] as TextEdit[];
    return TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, this.text(file)), edits);
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await guarded(this.connection.sendRequest('shutdown'), 'shutdown');
    await this.connection.sendNotification('exit');
    await guarded(exited, 'exit');
    this.connection.dispose();
  }
}

let project: TempProject;
let client: Client | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
  project?.cleanup();
});

const TARGET_URL = 'https://www.cancer.gov/target';
const TARGET = seedDocument({ url: TARGET_URL }, '# Target\n\nIntro.\n\n## Side effects\n\nText.\n');

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => String(diagnostic.code)).sort();
}

/** A project where linker.md links to a heading of target.md, both open in a new client. */
async function openLinkerAndTarget(): Promise<Client> {
  project = tempProject();
  project.write('content/target.md', TARGET);
  project.write('content/linker.md', seedDocument({}, '[effects](target.md#side-effects)\n'));
  const started = await Client.start(project.root);
  expect(await started.open('content/linker.md')).toEqual([]);
  const opened = started.publishedCount;
  expect(await started.open('content/target.md')).toEqual([]);
  // Opening the target re-checks its open linker too.
  expect(await started.diagnosticsAfter(opened, started.uri('content/linker.md'))).toEqual([]);
  return started;
}

/** Renames the heading in the unsaved target; the linker's new diagnostics. */
async function renameTargetHeading(started: Client): Promise<Diagnostic[]> {
  const since = started.publishedCount;
  await started.change('content/target.md', TARGET.replace('## Side effects', '## Risks'));
  return started.diagnosticsAfter(since, started.uri('content/linker.md'));
}

/** Types this text into the open target, writes it to disk and saves it; the count of notifications before the save. */
async function saveTarget(started: Client, text: string): Promise<number> {
  await started.change('content/target.md', text);
  project.write('content/target.md', text);
  const since = started.publishedCount;
  await started.connection.sendNotification('textDocument/didSave', { textDocument: { uri: started.uri('content/target.md') } });
  return since;
}

describe('contentgov lsp', () => {
  it('publishes the same findings as lint for an open document, with rule codes, docs and ranges', async () => {
    project = tempProject();
    project.write('content/target.md', TARGET);
    const page = seedDocument({ audienceLevel: 'patinet', citaton: 'NCI, 2025', citation: undefined }, '# Page\n\nSee [effects](target.md#side-efects) and [gone](missing.md).\n');
    project.write('content/page.md', page);
    const lint = lintJson(project);
    client = await Client.start(project.root);
    const diagnostics = await client.open('content/page.md');

    const expected = lint.report.findings.filter((finding) => finding.file === 'content/page.md');
    expect(codes(diagnostics)).toEqual(['link-missing-anchor', 'link-missing-file', 'metadata-schema', 'metadata-schema', 'metadata-unknown-field']);
    const byPosition = (a: { line: number; column: number }, b: { line: number; column: number }) => a.line - b.line || a.column - b.column;
    expect(
      diagnostics
        .map((diagnostic) => ({ ruleId: diagnostic.code, line: diagnostic.range.start.line + 1, column: diagnostic.range.start.character + 1, message: diagnostic.message, severity: diagnostic.severity === 1 ? 'error' : 'warning' }))
        .sort(byPosition),
    ).toEqual(expected.map(({ ruleId, line, column, message, severity }) => ({ ruleId, line, column, message, severity })).sort(byPosition));
    for (const diagnostic of diagnostics) {
      expect(diagnostic.source).toBe('contentgov');
      expect(diagnostic.codeDescription?.href).toMatch(/^file:\/\/.*\/README\.md#rules$/);
    }
    // Ranges cover the field's key and the whole link.
    const lines = page.split('\n');
    const unknown = diagnostics.find((diagnostic) => diagnostic.code === 'metadata-unknown-field')!;
    expect(lines[unknown.range.start.line]!.slice(unknown.range.start.character, unknown.range.end.character)).toBe('citaton');
    const anchor = diagnostics.find((diagnostic) => diagnostic.code === 'link-missing-anchor')!;
    expect(lines[anchor.range.start.line]!.slice(anchor.range.start.character, anchor.range.end.character)).toBe('[effects](target.md#side-efects)');

    // Typing (unsaved) updates them.
    const typed = await client.change('content/page.md', page.replace('#side-efects', '#side-effects').replace('patinet', 'patient'));
    expect(codes(typed)).toEqual(['link-missing-file', 'metadata-schema', 'metadata-unknown-field']);
  });

  it('re-checks the open documents that link to a document as it is edited', async () => {
    client = await openLinkerAndTarget();
    const linker = await renameTargetHeading(client);
    expect(codes(linker)).toEqual(['link-missing-anchor']);
    expect(linker[0]!.message).toContain('content/target.md has no heading or id "side-effects"');
  });

  it('puts a closed document back as saved, and takes in a page changed on disk', async () => {
    client = await openLinkerAndTarget();
    expect(codes(await renameTargetHeading(client))).toEqual(['link-missing-anchor']);

    // Closed without saving: the page on disk still has the heading.
    let since = client.publishedCount;
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: client.uri('content/target.md') } });
    expect(await client.diagnosticsAfter(since, client.uri('content/target.md'))).toEqual([]);
    expect(await client.diagnosticsAfter(since, client.uri('content/linker.md'))).toEqual([]);

    // Another program renames the heading on disk; the editor's file watcher tells the server.
    project.write('content/target.md', TARGET.replace('## Side effects', '## Risks'));
    since = client.publishedCount;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('content/target.md'), type: 2 }] });
    expect(codes(await client.diagnosticsAfter(since, client.uri('content/linker.md')))).toEqual(['link-missing-anchor']);
  });

  it('re-checks the closed pages that link to a saved document, and clears them when fixed', async () => {
    project = tempProject();
    project.write('content/target.md', TARGET);
    project.write('content/linker.md', seedDocument({}, '[effects](target.md#side-effects)\n'));
    client = await Client.start(project.root);
    expect(await client.open('content/target.md')).toEqual([]);
    const linkerUri = client.uri('content/linker.md');

    // The heading is renamed and saved; the linker, never opened, is judged as saved on disk.
    const renamed = TARGET.replace('## Side effects', '## Risks');
    let since = await saveTarget(client, renamed);
    const broken = await client.diagnosticsAfter(since, linkerUri);
    expect(codes(broken)).toEqual(['link-missing-anchor']);
    expect(broken[0]!.message).toContain('content/target.md has no heading or id "side-effects"');
    const line = readFileSync(path.join(project.root, 'content/linker.md'), 'utf8').split('\n')[broken[0]!.range.start.line]!;
    expect(line.slice(broken[0]!.range.start.character, broken[0]!.range.end.character)).toBe('[effects](target.md#side-effects)');

    // The heading is restored and saved: the closed linker's diagnostic is cleared, nothing left stale.
    since = await saveTarget(client, TARGET);
    expect(await client.diagnosticsAfter(since, linkerUri)).toEqual([]);
  });

  it('judges a hostile page as lint does', async () => {
    project = tempProject();
    const hostile = '---\ntitle: !!js/function "function () { process.exit(3) }"\nlist: &a [*a, *a]\n---\n\n[x](javascript:alert(1)) [y](../../etc/passwd) [z](gpj.\u202Eexe.md) \u001b[31m\n';
    project.write('content/hostile.md', hostile);
    const lint = lintJson(project);
    client = await Client.start(project.root);
    const diagnostics = await client.open('content/hostile.md');
    expect(diagnostics.length).toBeGreaterThan(0);
    // The messages escaped as the terminal shows them: no bidirectional control reaches the editor.
    expect(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line + 1, diagnostic.range.start.character + 1, diagnostic.message])).toEqual(
      lint.report.findings.map((finding) => [finding.ruleId, finding.line, finding.column, escapeText(finding.message)]),
    );
    expect(diagnostics.some((diagnostic) => diagnostic.message.includes('gpj.\\u202Eexe.md'))).toBe(true);
    expect(diagnostics.some((diagnostic) => diagnostic.message.includes('\u202E'))).toBe(false);
  });

  it('completes a file name or an id holding a bidirectional control with its label escaped and its edit as it is', async () => {
    project = tempProject();
    const name = 'gpj.\u202Eexe.md';
    project.write(`content/${name}`, seedDocument({}, '# Target\n\n<a id="x\u202Eevil"></a>\n'));
    const page = seedDocument();
    project.write('content/page.md', page);
    client = await Client.start(project.root);
    await client.open('content/page.md');
    const body = page.split('\n').length - 1;
    const items = async (text: string, character: number) => {
      await client!.change('content/page.md', text);
      return (await client!.request<CompletionItem[]>('textDocument/completion', 'content/page.md', { position: { line: body, character } })).map((item) => [item.label, (item.textEdit as TextEdit).newText]);
    };
    expect(await items(`${page}[x](`, 4)).toEqual([[escapeText(name), name]]);
    expect(await items(`${page}[x](${name}#`, 5 + name.length)).toEqual([
      ['target', 'target'],
      [escapeText('x\u202Eevil'), 'x\u202Eevil'],
    ]);
  });

  it('gives a page over limits.fileBytes the same finding as lint, and judges it once cut below the limit', async () => {
    project = tempProject();
    project.write('contentgov.config.json', JSON.stringify({ limits: { fileBytes: 2_000 } }));
    const large = seedDocument({}, `# Title\n\n${'Body text. '.repeat(200)}\n`);
    project.write('content/large.md', large);
    const lint = lintJson(project);
    expect(lint.report.findings.map((finding) => finding.message)).toEqual(['not read: larger than 2000 bytes']);
    client = await Client.start(project.root);
    const diagnostics = await client.open('content/large.md');
    expect(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line + 1, diagnostic.range.start.character + 1, diagnostic.message])).toEqual(
      lint.report.findings.map((finding) => [finding.ruleId, finding.line, finding.column, finding.message]),
    );
    // Cut below the limit in the editor: judged as any page.
    expect(await client.change('content/large.md', seedDocument())).toEqual([]);
  });

  it('gives a page saved in Latin-1 the same finding as lint, though the editor decoded it, until it is saved as UTF-8', async () => {
    project = tempProject();
    const page = seedDocument({}, '# Niños\n\nCáncer infantil.\n');
    project.write('content/latin.md', Buffer.from(page, 'latin1'));
    const lint = lintJson(project);
    expect(lint.report.findings.map((finding) => finding.ruleId)).toEqual(['file-unreadable']);
    client = await Client.start(project.root);
    const diagnostics = await client.open('content/latin.md', page);
    expect(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line + 1, diagnostic.range.start.character + 1, diagnostic.message])).toEqual(
      lint.report.findings.map((finding) => [finding.ruleId, finding.line, finding.column, finding.message]),
    );
    // Saved as UTF-8: judged as any page.
    project.write('content/latin.md', page);
    expect(await client.change('content/latin.md', page)).toEqual([]);
  });

  it('offers the safe fixes of lint --fix, byte for byte as lint --fix writes them', async () => {
    project = tempProject();
    const page = seedDocument({ lastReviewed: 'Dec 30, 2025', tags: '\n- Treatment\n- treatment\n- Side Effects' }, '# Page\n\nBody.\r\n');
    project.write('content/page.md', page);
    project.write('content/copy.md', page);
    client = await Client.start(project.root);
    const diagnostics = await client.open('content/page.md');
    expect(codes(diagnostics)).toEqual(['metadata-schema', 'review-unknown']);
    const actions = await client.actions('content/page.md', diagnostics);
    const fixAll = actions.find((action) => action.kind === 'source.fixAll')!;
    expect(actions.map((action) => action.title)).toEqual(expect.arrayContaining(['Fix: lastReviewed "Dec 30, 2025" → 2025-12-30', 'Apply every safe fix (lint --fix)']));
    const fixed = client.applied('content/page.md', fixAll);
    expect(project.run(['lint', '--fix', 'content/copy.md']).exitCode).toBe(0);
    expect(fixed).toBe(readFileSync(path.join(project.root, 'content/copy.md'), 'utf8'));
    expect(await client.change('content/page.md', fixed)).toEqual([]);
  });

  it('marks a page reviewed today with the same edit as contentgov review', async () => {
    project = tempProject();
    const page = seedDocument({ lastReviewed: "'2025-01-01'" }, '# Page\n');
    project.write('content/page.md', page);
    project.write('content/copy.md', page);
    client = await Client.start(project.root);
    const diagnostics = await client.open('content/page.md');
    expect(codes(diagnostics)).toEqual(['review-overdue']);
    const actions = await client.actions('content/page.md', diagnostics);
    const review = actions.find((action) => action.title === 'Mark reviewed today (2026-01-15)')!;
    expect(review.diagnostics?.map((diagnostic) => diagnostic.code)).toEqual(['review-overdue']);
    // Only the date's characters change.
    expect(review.edit!.changes![client.uri('content/page.md')]).toHaveLength(1);
    const reviewed = client.applied('content/page.md', review);
    expect(project.run(['review', 'content/copy.md']).exitCode).toBe(0);
    expect(reviewed).toBe(readFileSync(path.join(project.root, 'content/copy.md'), 'utf8'));
    expect(await client.change('content/page.md', reviewed)).toEqual([]);
  });

  it('suggests the known field and the closest heading, and adds a suppression with a reason to fill in', async () => {
    project = tempProject();
    project.write('content/target.md', TARGET);
    const page = seedDocument({ citaton: 'NCI, 2025', citation: undefined }, '# Page\n\n[effects](target.md#side-efects)\n\n[gone](missing.md)\n');
    client = await Client.start(project.root);
    const diagnostics = await client.open('content/page.md', page);
    const actions = await client.actions('content/page.md', diagnostics);

    const field = actions.find((action) => action.title === 'Change to "citation"')!;
    const anchor = actions.find((action) => action.title === 'Change to "side-effects"')!;
    expect(client.applied('content/page.md', field)).toBe(page.replace('citaton:', 'citation:'));
    expect(client.applied('content/page.md', anchor)).toBe(page.replace('#side-efects', '#side-effects'));
    const suppress = actions.find((action) => action.title === 'Suppress link-missing-file (give the reason)')!;
    const suppressed = client.applied('content/page.md', suppress);
    expect(suppressed).toBe(page.replace('[gone](missing.md)', '<!-- contentgov-disable-next-line link-missing-file -- REASON -->\n[gone](missing.md)'));

    // In a list, a table or a paragraph a comment line would change the page: the suppression is the file's.
    const listed = seedDocument({}, '# Page\n\n- first\n- [gone](missing.md)\n');
    const inList = await client.change('content/page.md', listed);
    const fileWide = (await client.actions('content/page.md', inList)).find((action) => action.title === 'Suppress link-missing-file in this file (give the reason)')!;
    const body = listed.indexOf('\n---\n', 4) + 5;
    expect(client.applied('content/page.md', fileWide)).toBe(`${listed.slice(0, body)}<!-- contentgov-disable-file link-missing-file -- REASON -->\n${listed.slice(body)}`);
    await client.change('content/page.md', page);

    const all = [field, anchor, suppress].reduce((text, action) => TextDocument.applyEdits(TextDocument.create('x', 'markdown', 1, text), action.edit!.changes![client!.uri('content/page.md')]!), page);
    expect(await client.change('content/page.md', all)).toEqual([]);
  });

  it('hovers review dates and links, goes to the heading a link names, and completes fields, values and link targets', async () => {
    project = tempProject();
    project.write('content/target.md', TARGET);
    const page = seedDocument({ lastReviewed: "'2025-01-01'", url: 'https://www.cancer.gov/page' }, '# Page\n\n[effects](target.md#side-effects) [site](/target#side-effects)\n');
    project.write('content/page.md', page);
    client = await Client.start(project.root);
    await client.open('content/page.md');
    const lines = page.split('\n');
    const at = (pattern: string, offset = 1) => {
      const line = lines.findIndex((text) => text.includes(pattern));
      return { line, character: lines[line]!.indexOf(pattern) + offset };
    };
    const hoverAt = async (pattern: string) => ((await client!.request<Hover>('textDocument/hover', 'content/page.md', { position: at(pattern) })).contents as { value: string }).value;
    expect(await hoverAt('lastReviewed')).toBe('next review due 2025-04-01 — 289 days overdue (as of today, 2026-01-15)');
    expect(await hoverAt('reviewFrequency')).toBe('next review due 2025-04-01 — 289 days overdue (as of today, 2026-01-15)');
    expect(await hoverAt('[effects]')).toBe('→ content/target.md#side-effects');
    expect(await hoverAt('[site]')).toBe('site route /target#side-effects → content/target.md#side-effects');

    const heading = TARGET.split('\n').indexOf('## Side effects');
    for (const link of ['[effects]', '[site]']) {
      const location = await client.request<Location>('textDocument/definition', 'content/page.md', { position: at(link) });
      expect(location).toEqual({ uri: client.uri('content/target.md'), range: { start: { line: heading, character: 0 }, end: { line: heading, character: 0 } } });
    }

    const labels = async (text: string, line: number, character: number) => {
      await client!.change('content/page.md', text);
      return (await client!.request<CompletionItem[]>('textDocument/completion', 'content/page.md', { position: { line, character } })).map((item) => item.label);
    };
    // A new line in the frontmatter: the schema's fields the page has not got yet.
    const withLine = (value: string) => page.replace('status: active\n', `status: active\n${value}\n`);
    const newLine = lines.indexOf('status: active') + 1;
    expect(await labels(withLine(''), newLine, 0)).toEqual(['reviewedBy', 'owner']);
    expect(await labels(page.replace('audienceLevel: patient', 'audienceLevel: '), lines.indexOf('audienceLevel: patient'), 'audienceLevel: '.length)).toEqual([
      'patient',
      'caregiver',
      'health_professional',
      'researcher',
      'general',
    ]);
    expect(await labels(page.replace("lastReviewed: '2025-01-01'", 'lastReviewed: '), lines.indexOf("lastReviewed: '2025-01-01'"), 'lastReviewed: '.length)).toEqual(['2026-01-15']);
    const body = lines.length - 1;
    expect(await labels(`${page}[x](`, body, 4)).toEqual(['target.md']);
    expect(await labels(`${page}[x](target.md#`, body, 14)).toEqual(['side-effects', 'target']);
  });

  it('reloads the config when it changes', async () => {
    project = tempProject();
    project.write('content/page.md', seedDocument({ extra: 'x' }));
    client = await Client.start(project.root);
    const before = await client.open('content/page.md');
    expect(before.map((diagnostic) => [diagnostic.code, diagnostic.severity])).toEqual([['metadata-unknown-field', 2]]);
    project.write('contentgov.config.json', JSON.stringify({ rules: { 'metadata-unknown-field': 'error' } }));
    const since = client.publishedCount;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('contentgov.config.json'), type: 1 }] });
    const after = await client.diagnosticsAfter(since, client.uri('content/page.md'));
    expect(after.map((diagnostic) => [diagnostic.code, diagnostic.severity])).toEqual([['metadata-unknown-field', 1]]);

    // A broken config is one diagnostic naming it, as lint names it on stderr.
    project.write('contentgov.config.json', '{"rules": {"no-such-rule": "error"}}');
    const broken = client.publishedCount;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('contentgov.config.json'), type: 2 }] });
    const refused = await client.diagnosticsAfter(broken, client.uri('content/page.md'));
    const lintError = project.run(['lint']).stderr.trim();
    expect(refused.map((diagnostic) => diagnostic.message)).toEqual([lintError]);
  });

  it('gives a file outside the content root the same finding as lint, and reads nothing there', async () => {
    project = tempProject();
    const outside = mkdtempSync(path.join(tmpdir(), 'contentgov-outside-'));
    try {
      writeFileSync(path.join(outside, 'secret.md'), seedDocument({}, '# Secret\n'));
      symlinkSync(path.join(outside, 'secret.md'), path.join(project.root, 'content-link.md'));
      project.write('content/page.md', seedDocument());
      symlinkSync(path.join(outside, 'secret.md'), path.join(project.root, 'content/escape.md'));
      client = await Client.start(project.root);
      const lint = lintJson(project, ['content/escape.md']);
      const diagnostics = await client.open('content/escape.md', 'whatever the editor shows');
      expect(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.message])).toEqual(lint.report.findings.map((finding) => [finding.ruleId, finding.message]));
      expect(codes(diagnostics)).toEqual(['file-outside-root']);
      // Outside the content root but in the project: the same.
      expect(codes(await client.open('content-link.md', '# x\n'))).toEqual(['file-outside-root']);
      // Its hover and definitions are not offered, and nothing breaks for the others.
      expect(await client.open('content/page.md')).toEqual([]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
