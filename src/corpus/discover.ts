/**
 * Finds the Markdown files to check, in one sorted order on every machine. Skips node_modules and
 * dot-folders, honours the config's ignore globs, follows a symlink only when it stays inside the
 * content root, and visits each real directory once so a symlink loop cannot hang the walk.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { UsageError } from '../errors.js';

export interface DiscoveredFile {
  /** Absolute path. */
  path: string;
  /** Posix path relative to the project root. */
  file: string;
  /** Set when the file was found but must not be read. */
  skipReason?: string;
}

export interface DiscoverOptions {
  projectRoot: string;
  contentRoot: string;
  /** Files or folders; relative ones are resolved against cwd. */
  paths: string[];
  cwd: string;
  ignore: string[];
  /** Told each file or folder the ignore globs skip (a folder once, not its files), for the report's counts. */
  onIgnored?: (file: string) => void;
}

const SKIPPED_DIRECTORIES = new Set(['node_modules']);

export function toProjectPath(projectRoot: string, absolutePath: string): string {
  return path.relative(projectRoot, absolutePath).split(path.sep).join('/');
}

export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export function discoverFiles(options: DiscoverOptions): DiscoveredFile[] {
  const isIgnored = options.ignore.length > 0 ? picomatch(options.ignore, { dot: true }) : () => false;
  const realContentRoot = safeRealpath(options.contentRoot) ?? options.contentRoot;
  const found = new Map<string, DiscoveredFile>();
  const visitedDirectories = new Set<string>();

  const add = (absolutePath: string, file: string, skipReason?: string) => {
    if (isIgnored(file)) return options.onIgnored?.(file);
    found.set(absolutePath, skipReason ? { path: absolutePath, file, skipReason } : { path: absolutePath, file });
  };

  /** `relativeDirectory` is the directory's project path: its entries' paths are built from it, not computed each. */
  const walk = (directory: string, relativeDirectory: string) => {
    const realDirectory = safeRealpath(directory);
    if (realDirectory === undefined || visitedDirectories.has(realDirectory)) return;
    visitedDirectories.add(realDirectory);
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const entryPath = path.join(directory, entry.name);
      const entryFile = relativeDirectory === '' ? entry.name : `${relativeDirectory}/${entry.name}`;
      if (entry.isSymbolicLink()) {
        const target = safeRealpath(entryPath);
        if (target === undefined) {
          if (entry.name.endsWith('.md')) add(entryPath, entryFile, 'it is a broken symbolic link');
          continue;
        }
        if (!isInside(realContentRoot, target)) {
          if (entry.name.endsWith('.md')) add(entryPath, entryFile, 'it is a symbolic link to a file outside the content root, which is never read');
          continue;
        }
        const targetStat = statSync(target);
        if (targetStat.isDirectory()) walkUnlessIgnored(entryPath, entryFile, entry.name);
        else if (targetStat.isFile() && entry.name.endsWith('.md')) add(entryPath, entryFile);
      } else if (entry.isDirectory()) {
        walkUnlessIgnored(entryPath, entryFile, entry.name);
      } else if (entry.isFile() && entry.name.endsWith('.md')) {
        add(entryPath, entryFile);
      }
    }
  };

  const walkUnlessIgnored = (directory: string, relative: string, name: string) => {
    if (SKIPPED_DIRECTORIES.has(name)) return;
    if (isIgnored(relative) || isIgnored(`${relative}/`)) return options.onIgnored?.(relative);
    walk(directory, relative);
  };

  for (const given of options.paths) {
    const absolutePath = path.resolve(options.cwd, given);
    let stat;
    try {
      stat = statSync(absolutePath);
    } catch {
      throw new UsageError(`no such file or directory: ${given}`);
    }
    if (stat.isDirectory()) walk(absolutePath, toProjectPath(options.projectRoot, absolutePath));
    else add(absolutePath, toProjectPath(options.projectRoot, absolutePath));
  }
  // Code-point order, not locale order, so every machine lists files the same way.
  return [...found.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function safeRealpath(candidate: string): string | undefined {
  try {
    return realpathSync(candidate);
  } catch {
    return undefined;
  }
}
