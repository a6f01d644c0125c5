/**
 * Every git command contentgov runs. Git is never left to discover a repository from inside the
 * content: a pull request can plant a bare repository there (HEAD, objects/, refs/, a config
 * whose core.fsmonitor is a shell command), and git would obey its config. contentgov finds the
 * top level itself (the folder holding `.git`), names it with GIT_DIR and GIT_WORK_TREE, turns
 * off everything in git that runs a program, and puts --end-of-options before every ref a user
 * or config supplies.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface Repository {
  /** The working tree's top level: the folder holding `.git`. */
  top: string;
}

/** The nearest folder at or above `start` that holds `.git` (a folder, or a worktree's file). */
export function findRepository(start: string): Repository | undefined {
  for (let directory = path.resolve(start); ; directory = path.dirname(directory)) {
    if (existsSync(path.join(directory, '.git'))) return { top: directory };
    if (path.dirname(directory) === directory) return undefined;
  }
}

/** Settings that keep git from running any program: hooks, fsmonitor, pagers, external diff, textconv. */
const SAFE_CONFIG = ['-c', 'safe.bareRepository=explicit', '-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null'];

/** Runs git on the repository; paths in `args` are literal (no glob magic), relative to its top. Throws on failure. */
export function git(repository: Repository, args: string[]): string {
  const env = { ...process.env };
  delete env.GIT_EXTERNAL_DIFF;
  return execFileSync('git', ['--no-pager', ...SAFE_CONFIG, ...args], {
    cwd: repository.top,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
    env: {
      ...env,
      GIT_DIR: path.join(repository.top, '.git'),
      GIT_WORK_TREE: repository.top,
      // The machine's /etc/gitconfig is no business of a content check; the user's own config stays.
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_LITERAL_PATHSPECS: '1',
      GIT_OPTIONAL_LOCKS: '0',
      GIT_TERMINAL_PROMPT: '0',
      GIT_PAGER: 'cat',
      GIT_EDITOR: 'true',
    },
  });
}

/** The commit HEAD names, or undefined when there is none yet. */
export function headCommit(repository: Repository): string | undefined {
  try {
    return git(repository, ['rev-parse', '--verify', '--quiet', '--end-of-options', 'HEAD^{commit}']).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** What a report says about the content's commit, for an auditor to trace it back: nothing when it is not in a repository. */
export type CommitStamp = { commit: string } | { noCommitsYet: true } | Record<string, never>;

export function contentCommit(projectRoot: string, contentRoot: string): CommitStamp {
  const repository = findRepository(projectRoot);
  if (!repository) return {};
  try {
    git(repository, ['rev-parse', '--git-dir']);
  } catch {
    // A `.git` git cannot read, or no git on the machine.
    return {};
  }
  const commit = headCommit(repository);
  if (!commit) return { noCommitsYet: true };
  const within = path.relative(repository.top, contentRoot).split(path.sep).join('/') || '.';
  try {
    const dirty = git(repository, ['status', '--porcelain', '--ignore-submodules=all', '--', within]) !== '';
    return { commit: dirty ? `${commit}-dirty` : commit };
  } catch {
    return { commit };
  }
}
