/**
 * One project as the language server holds it: its config, and its corpus parsed in memory
 * (LiveCorpus, as lint --watch holds it). Open documents replace their file's entry with the
 * editor's buffer, so links to and from them are judged as typed.
 */
import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import type { Project } from '../config/load.js';
import { discoverFiles, type DiscoveredFile } from '../corpus/discover.js';
import type { ParsedDocument } from '../corpus/document.js';
import { findRepository, git } from '../corpus/git.js';
import { parseOptionsOf, readDocument, readDocumentText } from '../corpus/read.js';
import { contentRootOf, isInside, lstatSafe, OUTSIDE_ROOT, readInside, toProjectPath } from '../corpus/root.js';
import { LiveCorpus } from '../live.js';
import type { Finding } from '../report/types.js';

export interface Analysis {
  document: ParsedDocument;
  /** In the corpus (inside the content root): its links count for other documents. */
  inCorpus: boolean;
}

export class Workspace {
  readonly corpus: LiveCorpus;
  private reviewer: { name?: string } | undefined;

  constructor(
    readonly project: Project,
    readonly asOf: string,
  ) {
    this.corpus = new LiveCorpus({ project, cwd: project.projectRoot, paths: [], asOf, generatedAt: `${asOf}T00:00:00.000Z` });
  }

  fileOf(absolutePath: string): string {
    return toProjectPath(this.project.projectRoot, absolutePath);
  }

  /**
   * The file as lint would discover it when named: undefined when the config's ignore globs leave
   * it out; with a problem when it leads out of the content root.
   */
  discover(absolutePath: string): DiscoveredFile | undefined {
    const { project } = this;
    const file = this.fileOf(absolutePath);
    // A buffer not yet saved has nothing on disk to discover: it is in the content root or not.
    if (!lstatSafe(absolutePath)) return { path: absolutePath, file, root: contentRootOf(project), ...(isInside(project.contentRoot, absolutePath) ? {} : { problem: OUTSIDE_ROOT }) };
    try {
      return discoverFiles({ projectRoot: project.projectRoot, contentRoot: project.contentRoot, paths: [absolutePath], cwd: project.projectRoot, ignore: project.config.ignore })[0];
    } catch {
      // A broken symbolic link: reported as readDocument reports it, never followed.
      return { path: absolutePath, file, root: contentRootOf(project) };
    }
  }

  /** The buffer parsed; put in the corpus when it belongs there. Undefined when ignored. */
  analyse(absolutePath: string, text: string): Analysis | undefined {
    const discovered = this.discover(absolutePath);
    if (!discovered) return undefined;
    const options = parseOptionsOf(this.project.config);
    // A file saved in another encoding (Latin-1) is decoded by the editor, and lint refuses it: the
    // editor shows lint's finding until the file is saved as UTF-8.
    const document = this.savedNotUtf8(discovered) ? readDocument(discovered, options) : readDocumentText(discovered, text, options);
    return { document, inCorpus: discovered.problem === undefined && !document.unreadable?.outsideRoot };
  }

  /** Whether the file as saved is not valid UTF-8 (only its bytes are looked at, not parsed). */
  private savedNotUtf8(discovered: DiscoveredFile): boolean {
    if (discovered.problem || !lstatSafe(discovered.path)) return false;
    const read = readInside(discovered.root, discovered.path, discovered.real, this.project.config.limits.fileBytes);
    return 'bytes' in read && !isUtf8(read.bytes);
  }

  /** The file as saved on disk (a document closed in the editor, or changed by another program). */
  reread(absolutePath: string): ParsedDocument | undefined {
    const discovered = this.discover(absolutePath);
    if (!discovered || discovered.problem || !lstatSafe(absolutePath)) return undefined;
    return readDocument(discovered, parseOptionsOf(this.project.config));
  }

  /** The pages under a folder as lint would discover them there (none when it is no folder, or is ignored). */
  discoverUnder(absolutePath: string): DiscoveredFile[] {
    const { project } = this;
    if (!lstatSafe(absolutePath)?.isDirectory()) return [];
    try {
      return discoverFiles({ projectRoot: project.projectRoot, contentRoot: project.contentRoot, paths: [absolutePath], cwd: project.projectRoot, ignore: project.config.ignore }).filter((found) => found.problem === undefined && found.file.endsWith('.md'));
    } catch {
      return [];
    }
  }

  /** The findings of these documents, each document's own (a config-file finding is not a document's). */
  findings(documents: readonly ParsedDocument[]): Map<string, Finding[]> {
    const byFile = new Map<string, Finding[]>(documents.map((document) => [document.file, []]));
    for (const finding of this.corpus.check(documents).findings) byFile.get(finding.file)?.push(finding);
    return byFile;
  }

  /** A file's text: the open buffer when there is one, else its bytes read inside the content root. */
  textOf(file: string, openText: (absolutePath: string) => string | undefined): string | undefined {
    const absolutePath = path.join(this.project.projectRoot, file);
    const open = openText(absolutePath);
    if (open !== undefined) return open;
    const read = readInside(contentRootOf(this.project), absolutePath, undefined, this.project.config.limits.fileBytes);
    return 'problem' in read ? undefined : read.bytes.toString('utf8');
  }

  /** git's user.name, when configured, for reviewedBy; asked once, with git's programs turned off (src/corpus/git.ts). */
  reviewerName(): string | undefined {
    if (!this.reviewer) {
      this.reviewer = {};
      const repository = findRepository(this.project.projectRoot);
      if (repository && !('refused' in repository)) {
        try {
          const name = git(repository, ['config', '--get', 'user.name']).trim();
          // A name with a line break or control character would break the frontmatter line.
          if (name !== '' && !/[\p{Cc}\u2028\u2029]/u.test(name)) this.reviewer.name = name;
        } catch {
          // Not configured: no reviewedBy.
        }
      }
    }
    return this.reviewer.name;
  }
}
