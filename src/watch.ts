/**
 * lint --watch: the corpus stays parsed in memory; a save re-reads that one file and re-checks
 * it and the documents that link to it, so a save costs one parse and a few documents' rules,
 * not a corpus.
 */
import { readdirSync, watch, type Dirent, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { excludedBy, toProjectPath } from './corpus/discover.js';
import { parseOptionsOf, readDocument } from './corpus/read.js';
import { contentRootOf, lstatSafe } from './corpus/root.js';
import type { ParsedDocument } from './corpus/document.js';
import { buildReport } from './report/build.js';
import type { Report } from './report/types.js';
import { reportStamp, type LintOptions } from './lint.js';
import { LiveCorpus } from './live.js';

interface WatchUpdate {
  report: Report;
  /** The files whose change caused this update (empty for the first run). */
  changed: string[];
  milliseconds: number;
}

export function watchCorpus(options: LintOptions, onUpdate: (update: WatchUpdate) => void): { close(): void } {
  const { project } = options;
  const started = performance.now();
  const corpus = new LiveCorpus(options);
  // Stamped once: asking git for the commit on every save would cost more than the check.
  const stamp = reportStamp(options);
  const root = contentRootOf(project);
  const isExcluded = excludedBy(project.config.ignore, toProjectPath(project.projectRoot, project.contentRoot));

  // Each report waits for the stamp, in the order of the checks.
  const check = (files: readonly string[], changed: string[], since: number) => {
    const { entries, findings } = corpus.check(corpus.documentsOf(files));
    const milliseconds = performance.now() - since;
    void stamp.then((stamped) => onUpdate({ report: buildReport({ documents: entries, findings, ...stamped }), changed, milliseconds }));
  };
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    const since = performance.now();
    const changed = [...pending].sort();
    pending = new Set();
    const changes = new Map<string, ParsedDocument | undefined>();
    for (const file of changed) {
      const absolutePath = path.join(project.projectRoot, file);
      // lstat: a new symbolic link (even a broken one, or one out of the root) is a document to report, never followed here.
      // readDocument checks the real path and the file type: a link out of the root or a FIFO is a finding, never opened.
      changes.set(file, lstatSafe(absolutePath) ? readDocument({ path: absolutePath, file, root }, parseOptionsOf(project.config)) : undefined);
    }
    check(corpus.replace(changes), changed, since);
  };
  // One watcher per folder rather than { recursive: true }: Node 20's recursive watcher on Linux
  // loses a file that an editor replaces by renaming a new copy over it.
  const watchers = new Map<string, FSWatcher>();
  const watchFolder = (directory: string) => {
    if (watchers.has(directory)) return;
    watchers.set(
      directory,
      watch(directory, (_event, name) => {
        if (!name || name.startsWith('.')) return;
        const changedPath = path.join(directory, name);
        const file = toProjectPath(project.projectRoot, changedPath);
        // What discovery leaves out (ignore globs, dot-folders, node_modules), watch mode leaves out too.
        if (isExcluded(file)) return;
        // lstat: only a real folder is watched, never one reached through a link.
        if (lstatSafe(changedPath)?.isDirectory()) {
          watchFolder(changedPath);
          return;
        }
        if (!name.endsWith('.md')) return;
        pending.add(file);
        // Editors save in bursts (write, rename, chmod): settle for a moment.
        clearTimeout(timer);
        timer = setTimeout(flush, 30);
      }),
    );
    let entries: Dirent[] = [];
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      // An unreadable folder: the initial report has its finding.
    }
    for (const entry of entries) {
      const folder = path.join(directory, entry.name);
      // Only real folders: a linked folder is never watched, so nothing out of the root is listed.
      if (entry.isDirectory() && !isExcluded(toProjectPath(project.projectRoot, folder))) watchFolder(folder);
    }
  };
  watchFolder(project.contentRoot);
  // Reported once the folders are watched, so nothing saved after the first report is missed.
  check([...corpus.documents.keys()].sort(), [], started);
  return {
    close: () => {
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
    },
  };
}
