/**
 * contentgov lsp: a language server over stdio. Each open document is judged as typed (its unsaved
 * buffer, debounced) by lint's own pipeline against its project's corpus held in memory; the
 * project is the one whose config is found upward from the document, reloaded when that config
 * changes. Documents that link to a changed one are re-checked: open ones as it is typed; closed ones
 * (as saved on disk) when it is saved or changed on disk, their diagnostics cleared once they have none.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createConnection, DiagnosticSeverity, DidChangeWatchedFilesNotification, FileChangeType, ProposedFeatures, TextDocumentSyncKind, TextDocuments, type Connection, type Diagnostic } from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME, findConfigFile, loadProject } from '../config/load.js';
import type { ParsedDocument } from '../corpus/document.js';
import type { Finding } from '../report/types.js';
import { isInside, lstatSafe } from '../corpus/root.js';
import { UsageError } from '../errors.js';
import { RULE_IDS } from '../rules/index.js';
import { escapeText } from '../report/escape.js';
import { codeActions, completion, definition, hover, SOURCE, toDiagnostics, type OpenDocument } from './features.js';
import { Workspace } from './workspace.js';

/** How long typing must pause before a document is judged again. */
const DEFAULT_DEBOUNCE_MS = 150;

/** `today` gives the as-of day (UTC, or as CONTENTGOV_AS_OF fixes it); asked at each check, so a new day is seen. */
export function startServer(today: () => string): Promise<void> {
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  const server = new Server(connection, today);
  connection.listen();
  return server.closed;
}

/** The path of a file: uri; undefined for another scheme or a uri Node cannot read as a path. */
function localPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

class Server {
  private readonly documents = new TextDocuments(TextDocument);
  /** By config file (or, without one, the folder that stands for the project). */
  private readonly workspaces = new Map<string, Workspace | { error: string }>();
  /** The last analysis of each open document, by uri. */
  private readonly open = new Map<string, { workspace: Workspace; parsed: ParsedDocument } | undefined>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Closed documents with diagnostics published, to be cleared when they have none (or are opened or deleted). */
  private readonly closedPublished = new Set<string>();
  private folders: string[] = [];
  private debounceMs = DEFAULT_DEBOUNCE_MS;
  readonly closed: Promise<void>;

  constructor(
    private readonly connection: Connection,
    private readonly today: () => string,
  ) {
    this.closed = new Promise((resolve) => connection.onExit(resolve));
    connection.onInitialize((params) => {
      // Only folders on disk stand for a project: a virtual workspace's (vscode-vfs:, untitled:) or a
      // malformed uri is left out, not the end of initialize (the editor would show the server as failed).
      this.folders = (params.workspaceFolders ?? []).flatMap((folder) => localPath(folder.uri) ?? []);
      const root = params.rootUri ? localPath(params.rootUri) : undefined;
      if (this.folders.length === 0 && root) this.folders = [root];
      const debounce = (params.initializationOptions as { debounceMs?: unknown } | undefined)?.debounceMs;
      if (typeof debounce === 'number' && debounce >= 0) this.debounceMs = debounce;
      return {
        capabilities: {
          textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
          codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll'] },
          hoverProvider: true,
          definitionProvider: true,
          completionProvider: { triggerCharacters: ['(', '#', '/', ':', ' '] },
        },
        serverInfo: { name: 'contentgov' },
      };
    });
    connection.onInitialized(() => {
      // Clients that can watch files tell us of config and page changes made outside the editor.
      // Every file and folder, not only pages: a link may name an image or a PDF, and a client reports a
      // folder renamed or deleted as that folder's events only, never one per page inside it.
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] }).catch(() => undefined);
    });
    this.documents.onDidChangeContent(({ document }) => this.schedule(document.uri));
    this.documents.onDidSave(({ document }) => this.saved(document.uri));
    this.documents.onDidClose(({ document }) => this.closeDocument(document.uri));
    connection.onDidChangeWatchedFiles(({ changes }) => {
      if (changes.some((change) => change.uri.endsWith(`/${CONFIG_FILE_NAME}`))) return this.reload();
      for (const change of changes) if (change.uri.endsWith('.md') && !this.documents.get(change.uri)) this.diskChanged(change.uri, change.type === FileChangeType.Deleted);
      // Judged once for the whole batch (a folder renamed is two events).
      const others = changes.filter((change) => !change.uri.endsWith('.md') && change.type !== FileChangeType.Changed).flatMap((change) => localPath(change.uri) ?? []);
      if (others.length > 0) this.otherPathsChanged(others);
    });
    connection.onCodeAction(({ textDocument, range, context }) => {
      const open = this.openDocument(textDocument.uri);
      return open ? codeActions(open, range, context.diagnostics) : [];
    });
    connection.onHover(({ textDocument, position }) => {
      const open = this.openDocument(textDocument.uri);
      const found = open && hover(open, position);
      return found ? { contents: { kind: 'plaintext', value: escapeText(found.contents) }, range: found.range } : null;
    });
    connection.onDefinition(({ textDocument, position }) => {
      const open = this.openDocument(textDocument.uri);
      return (open && definition(open, position, (absolutePath) => this.openText(absolutePath)?.getText())) ?? null;
    });
    connection.onCompletion(({ textDocument, position }) => {
      const open = this.openDocument(textDocument.uri);
      return open ? completion(open, position) : [];
    });
    this.documents.listen(connection);
  }

  private openDocument(uri: string): OpenDocument | undefined {
    const analysed = this.open.get(uri);
    const text = this.documents.get(uri);
    return analysed && text ? { ...analysed, text } : undefined;
  }

  /** The open document of a file, whatever way its client spells the uri (VS Code escapes more than Node does). */
  private openText(absolutePath: string): TextDocument | undefined {
    return this.documents.get(pathToFileURL(absolutePath).href) ?? this.documents.all().find((text) => text.uri.startsWith('file:') && fileURLToPath(text.uri) === absolutePath);
  }

  private schedule(uri: string) {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.guarded(uri, () => this.check(uri));
      }, this.debounceMs),
    );
  }

  /** A failure of one document is its one diagnostic, never the server's end. */
  private guarded(uri: string, run: () => void) {
    try {
      run();
    } catch (error) {
      const message = error instanceof UsageError ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`;
      this.open.set(uri, undefined);
      void this.connection.sendDiagnostics({ uri, diagnostics: [this.problem(message)] });
    }
  }

  private problem(message: string): Diagnostic {
    return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Error, source: SOURCE, message: `contentgov: ${message}` };
  }

  /** The project a file belongs to: the config found upward from it, else the editor's folder holding it. */
  private workspaceFor(absolutePath: string): Workspace {
    const configFile = findConfigFile(path.dirname(absolutePath));
    const folder = configFile ? path.dirname(configFile) : (this.folders.find((candidate) => isInside(candidate, absolutePath)) ?? path.dirname(absolutePath));
    const key = configFile ?? folder;
    const asOf = this.today();
    let workspace = this.workspaces.get(key);
    // A new day changes every review verdict: the corpus is judged afresh.
    if (!workspace || ('asOf' in workspace && workspace.asOf !== asOf)) {
      try {
        workspace = new Workspace(loadProject({ cwd: folder, ruleIds: RULE_IDS }), asOf);
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        workspace = { error: error.message };
      }
      this.workspaces.set(key, workspace);
    }
    if ('error' in workspace) throw new UsageError(workspace.error);
    return workspace;
  }

  /** A saved document is judged now (no typing left to wait for), and with it the closed documents linking to it. */
  private saved(uri: string) {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.guarded(uri, () => this.check(uri, true));
  }

  /** Judges an open document's buffer, and re-judges the documents that link to it: open ones, and closed ones when asked. */
  private check(uri: string, withClosed = false) {
    const text = this.documents.get(uri);
    if (!text || !uri.startsWith('file:')) return;
    const absolutePath = fileURLToPath(uri);
    if (findConfigFile(path.dirname(absolutePath)) === undefined && !this.folders.some((folder) => isInside(folder, absolutePath))) {
      // A Markdown file of no contentgov project (no config above it, in none of the editor's folders:
      // an editor may start the server for every Markdown file): nothing to say of it.
      this.open.set(uri, undefined);
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const workspace = this.workspaceFor(absolutePath);
    const analysis = workspace.analyse(absolutePath, text.getText());
    if (!analysis) {
      // Left out by the config's ignore globs, as lint leaves it out.
      this.open.set(uri, undefined);
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const { document, inCorpus } = analysis;
    this.open.set(uri, { workspace, parsed: document });
    const affected = inCorpus ? workspace.corpus.replace(new Map([[document.file, document]])) : [];
    const linkers = affected.filter((file) => file !== document.file && (withClosed || this.isOpen(workspace, file)));
    this.publish(workspace, [document, ...workspace.corpus.documentsOf(linkers)]);
  }

  private isOpen(workspace: Workspace, file: string): boolean {
    return this.openText(path.join(workspace.project.projectRoot, file)) !== undefined;
  }

  private publish(workspace: Workspace, documents: readonly ParsedDocument[]) {
    const findings = workspace.findings(documents);
    for (const document of documents) {
      const text = this.openText(document.path);
      if (!text) {
        this.publishClosed(workspace, document, findings.get(document.file) ?? []);
        continue;
      }
      const uri = text.uri;
      this.closedPublished.delete(uri);
      this.open.set(uri, { workspace, parsed: document });
      void this.connection.sendDiagnostics({ uri, version: text.version, diagnostics: toDiagnostics({ workspace, text, parsed: document }, findings.get(document.file) ?? []) });
    }
  }

  /** A closed document's findings, placed in its text as saved; an empty list only to clear what was published. */
  private publishClosed(workspace: Workspace, document: ParsedDocument, findings: readonly Finding[]) {
    const uri = pathToFileURL(document.path).href;
    const saved = workspace.textOf(document.file, () => undefined);
    if (findings.length === 0 || saved === undefined) return this.clearClosed(uri);
    this.closedPublished.add(uri);
    const text = TextDocument.create(uri, 'markdown', 0, saved);
    void this.connection.sendDiagnostics({ uri, diagnostics: toDiagnostics({ workspace, text, parsed: document }, findings) });
  }

  private clearClosed(uri: string) {
    if (this.closedPublished.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** A closed document is judged from disk again (its saved text counts for the others) and its diagnostics cleared. */
  private closeDocument(uri: string) {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    const analysed = this.open.get(uri);
    this.open.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    if (analysed) this.guarded(uri, () => this.recheckFromDisk(analysed.workspace, analysed.parsed.path, false));
  }

  private diskChanged(uri: string, deleted: boolean) {
    if (!uri.startsWith('file:')) return;
    const absolutePath = fileURLToPath(uri);
    for (const workspace of this.workspaces.values()) {
      if (!('error' in workspace) && isInside(workspace.project.contentRoot, absolutePath)) this.guarded(uri, () => this.recheckFromDisk(workspace, absolutePath, deleted));
    }
  }

  /**
   * A file that is no page (an image, a PDF) or a folder came or went: the pages that link to it (or into
   * it) are judged again, and the pages of a folder that went or came leave or join the corpus.
   */
  private otherPathsChanged(absolutePaths: readonly string[]) {
    for (const workspace of this.workspaces.values()) {
      if ('error' in workspace) continue;
      const inside = absolutePaths.filter((absolutePath) => isInside(workspace.project.contentRoot, absolutePath));
      if (inside.length === 0) continue;
      this.guarded(pathToFileURL(inside[0]!).href, () => {
        const files = inside.map((absolutePath) => workspace.fileOf(absolutePath));
        const pages = new Map<string, ParsedDocument | undefined>();
        for (const known of workspace.corpus.documents.keys()) {
          if (files.some((file) => known.startsWith(`${file}/`)) && !lstatSafe(path.join(workspace.project.projectRoot, known))) pages.set(known, undefined);
        }
        for (const absolutePath of inside) {
          for (const found of workspace.discoverUnder(absolutePath)) if (!workspace.corpus.documents.has(found.file)) pages.set(found.file, workspace.reread(found.path));
        }
        for (const [page, document] of pages) if (document === undefined) this.clearClosed(pathToFileURL(path.join(workspace.project.projectRoot, page)).href);
        const affected = workspace.corpus.pathsChanged(files, pages);
        // The pages that joined are judged when opened, or when what they link to changes, as a page saved on disk is.
        this.publish(workspace, workspace.corpus.documentsOf(affected.filter((file) => !pages.has(file))));
      });
    }
  }

  /**
   * Puts the file as saved (or its absence) in the corpus; the documents linking to it, open or closed,
   * are judged again, and the file itself when it has closed diagnostics to refresh.
   */
  private recheckFromDisk(workspace: Workspace, absolutePath: string, deleted: boolean) {
    const file = workspace.fileOf(absolutePath);
    const affected = workspace.corpus.replace(new Map([[file, deleted ? undefined : workspace.reread(absolutePath)]]));
    const uri = pathToFileURL(absolutePath).href;
    if (deleted) this.clearClosed(uri);
    this.publish(workspace, workspace.corpus.documentsOf(affected.filter((affectedFile) => affectedFile !== file || this.closedPublished.has(uri))));
  }

  /** A config changed: every project is loaded again, and every open document judged under it (closed ones' findings are cleared, judged again when what they link to is saved). */
  private reload() {
    this.workspaces.clear();
    for (const uri of [...this.closedPublished]) this.clearClosed(uri);
    for (const text of this.documents.all()) this.guarded(text.uri, () => this.check(text.uri));
  }
}
