/**
 * Finds the Markdown files to check, in one sorted order on every machine. Skips node_modules and
 * dot-folders, honours the config's ignore globs, follows a symlink only when it stays inside the
 * content root, and visits each real directory once so a symlink loop cannot hang the walk. Real
 * paths are built folder by folder (one realpath per symbolic link, none per plain folder or
 * file), so the walk stays linear however deep the folders go.
 */
import { readdirSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { anyGlobMatches } from './glob-index.js';
import { UsageError } from '../errors.js';
import { detach } from './text.js';
import { contentRootOf, isInside, notRegular, OUTSIDE_ROOT, projectPathInRoot, safeRealpath, specialKind, toProjectPath, type ContentRoot, type FileProblem } from './root.js';

export { isInside, toProjectPath } from './root.js';

export interface DiscoveredFile {
  /** Absolute path. */
  path: string;
  /** Posix path relative to the project root. */
  file: string;
  /** The content root every read of this file is checked against. */
  root: ContentRoot;
  /** The real path, when discovery found a regular file there (its listing or stat said so). */
  real?: string;
  /** Set when the file (or folder) was found but must not be read. */
  problem?: FileProblem;
}

interface DiscoverOptions {
  projectRoot: string;
  contentRoot: string;
  /** Files or folders; relative ones are resolved against cwd. */
  paths: string[];
  cwd: string;
  ignore: string[];
  /** Told each file or folder the ignore globs skip (a folder once, not its files), for the report's counts. */
  onIgnored?: (file: string) => void;
  /**
   * Told why a path named is no document of the content root (outside it, not *.md), when another
   * path named is: a pre-commit hook names every staged Markdown file, README.md at the top too.
   * When none is, that is a usage error.
   */
  onSkipped?: (reason: string) => void;
}

const SKIPPED_DIRECTORIES = new Set(['node_modules']);

/**
 * Whether a project path under the content root is left out as discovery leaves it out: a dot-folder
 * or node_modules below the root (the root's own folders may have any name, `.docs` included), or
 * an ignore glob matching the project path of a folder below the root or of the file itself.
 * `contentPrefix` is the content root's project path ('' for the project's top).
 */
export function excludedBy(ignore: readonly string[], contentPrefix: string): (file: string) => boolean {
  const isIgnored = ignore.length > 0 ? anyGlobMatches(ignore) : () => false;
  return (file) => {
    const inRoot = contentPrefix === '' ? file : file.startsWith(`${contentPrefix}/`) ? file.slice(contentPrefix.length + 1) : file;
    const segments = inRoot.split('/');
    let folder = inRoot === file ? '' : contentPrefix;
    for (const [index, segment] of segments.entries()) {
      if (segment.startsWith('.')) return true;
      if (index === segments.length - 1) break;
      if (SKIPPED_DIRECTORIES.has(segment)) return true;
      folder = folder === '' ? segment : `${folder}/${segment}`;
      if (isIgnored(folder) || isIgnored(`${folder}/`)) return true;
    }
    return isIgnored(file);
  };
}

export function discoverFiles(options: DiscoverOptions): DiscoveredFile[] {
  const isIgnored = options.ignore.length > 0 ? anyGlobMatches(options.ignore) : () => false;
  const root = contentRootOf(options);
  const found = new Map<string, DiscoveredFile>();
  const visitedDirectories = new Set<string>();

  const add = (absolutePath: string, file: string, more: { real?: string; problem?: FileProblem }) => {
    if (isIgnored(file)) return options.onIgnored?.(file);
    // Copies: kept for the whole run, the joined paths would keep every folder listing's names (100,000 files: 80 MB, not 25).
    found.set(absolutePath, { path: detach(absolutePath), file: detach(file), root, ...(more.real ? { real: detach(more.real) } : {}), ...(more.problem ? { problem: more.problem } : {}) });
  };

  /** `relativeDirectory` is the directory's project path and `realDirectory` its real path: entries' paths are built from them. */
  const walk = (directory: string, relativeDirectory: string, realDirectory: string) => {
    if (visitedDirectories.has(realDirectory)) return;
    visitedDirectories.add(realDirectory);
    let entries: Dirent[];
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch (error) {
      // An unreadable folder is a finding at the folder; the walk goes on elsewhere.
      add(directory, relativeDirectory || '.', { problem: { message: `cannot list the folder (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}); nothing in it was checked` } });
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const entryPath = childPath(directory, entry.name);
      const entryFile = relativeDirectory === '' ? entry.name : `${relativeDirectory}/${entry.name}`;
      const isMarkdown = entry.name.endsWith('.md');
      if (entry.isSymbolicLink()) {
        const target = safeRealpath(entryPath);
        if (target === undefined) {
          if (isMarkdown) add(entryPath, entryFile, { problem: { message: 'not read: it is a broken symbolic link' } });
          continue;
        }
        if (!isInside(root.real, target)) {
          if (isMarkdown) add(entryPath, entryFile, { problem: OUTSIDE_ROOT });
          continue;
        }
        let kind: string | undefined;
        try {
          const targetStat = statSync(target);
          if (targetStat.isDirectory()) {
            walkUnlessIgnored(entryPath, entryFile, entry.name, target);
            continue;
          }
          kind = specialKind(targetStat);
        } catch (error) {
          if (isMarkdown) add(entryPath, entryFile, { problem: { message: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})` } });
          continue;
        }
        if (isMarkdown) add(entryPath, entryFile, kind ? { problem: notRegular(kind) } : { real: target });
      } else if (entry.isDirectory()) {
        walkUnlessIgnored(entryPath, entryFile, entry.name, childPath(realDirectory, entry.name));
      } else if (isMarkdown) {
        // A FIFO, socket or device named *.md is reported, never opened.
        add(entryPath, entryFile, entry.isFile() ? { real: childPath(realDirectory, entry.name) } : { problem: notRegular(direntKind(entry)) });
      }
    }
  };

  const walkUnlessIgnored = (directory: string, relative: string, name: string, realDirectory: string) => {
    if (SKIPPED_DIRECTORIES.has(name)) return;
    if (isIgnored(relative) || isIgnored(`${relative}/`)) return options.onIgnored?.(relative);
    walk(directory, relative, realDirectory);
  };

  /** Why each path named is no document of the root: a path named twice is told once. */
  const skipped = new Set<string>();
  let named = 0;
  for (const given of options.paths) {
    const absolutePath = path.resolve(options.cwd, given);
    let stat;
    try {
      stat = statSync(absolutePath);
    } catch {
      throw new UsageError(`no such file or directory: ${given}`);
    }
    const real = safeRealpath(absolutePath);
    const contentPrefix = toProjectPath(options.projectRoot, root.path);
    // Inside as written, or once both are resolved (the config named through a link to the project, macOS's /tmp).
    const writtenInside = isInside(root.path, absolutePath);
    if (!writtenInside && !(real !== undefined && isInside(root.real, real))) {
      // A folder above the content root (the project's own, `.`) names the whole root; any other path is no document of it.
      if (stat.isDirectory() && (isInside(absolutePath, root.path) || (real !== undefined && isInside(real, root.real)))) {
        named++;
        walk(root.path, contentPrefix, root.real);
        continue;
      }
      skipped.add(`${given}: outside the content root (${contentPrefix || '.'}/); only documents in it are checked`);
      continue;
    }
    if (!stat.isDirectory() && !given.endsWith('.md')) {
      skipped.add(`${given}: not a Markdown file (*.md)`);
      continue;
    }
    named++;
    // Its project path as written; inside only once resolved, its place in the resolved root (links are resolved from it).
    const file = writtenInside || real === undefined ? toProjectPath(options.projectRoot, absolutePath) : projectPathInRoot(contentPrefix, root, real);
    // A path named on the command line is checked like any other: its real path must be inside the root.
    if (real === undefined || !isInside(root.real, real)) {
      found.set(absolutePath, { path: absolutePath, file, root, problem: real === undefined ? { message: 'not read: it cannot be resolved' } : OUTSIDE_ROOT });
    } else if (stat.isDirectory()) {
      walk(absolutePath, file, real);
    } else {
      const kind = specialKind(stat);
      add(absolutePath, file, kind ? { problem: notRegular(kind) } : { real });
    }
  }
  if (skipped.size > 0 && named === 0) throw new UsageError(skipped.size === 1 ? [...skipped][0]! : `nothing to check: ${[...skipped].join('; ')}`);
  for (const reason of skipped) options.onSkipped?.(`${reason}: skipped`);
  // Code-point order, not locale order, so every machine lists files the same way.
  return [...found.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/**
 * path.join(directory, name) for a directory path that is already normal (resolved, or built
 * here) and a name from its listing (never empty, "." or "..", never holding a separator): the
 * same text without normalizing it again, which was a third of the walk.
 */
function childPath(directory: string, name: string): string {
  return directory.endsWith(path.sep) ? directory + name : directory + path.sep + name;
}

function direntKind(entry: Dirent): string {
  if (entry.isFIFO()) return 'a FIFO (named pipe)';
  if (entry.isSocket()) return 'a socket';
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return 'a device';
  return 'not a regular file';
}
