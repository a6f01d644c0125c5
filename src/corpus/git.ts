/**
 * Every git command contentgov runs. Git is never left to discover a repository from inside the
 * content: a pull request can plant a bare repository there (HEAD, objects/, refs/, a config
 * whose core.fsmonitor is a shell command), and git would obey its config. contentgov finds the
 * top level itself (the folder holding `.git`), names it with GIT_DIR and GIT_WORK_TREE, turns
 * off everything in git that runs a program, and puts --end-of-options before every ref a user
 * or config supplies.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';

export interface Repository {
  /** The working tree's top level: the folder holding `.git`. */
  top: string;
}

/**
 * The repository of the nearest folder at or above `start` that holds `.git` (a folder, or a
 * worktree's file), or why git will not use it; undefined when there is none.
 */
export function findRepository(start: string): Repository | { refused: string } | undefined {
  for (let directory = path.resolve(start); ; directory = path.dirname(directory)) {
    if (existsSync(path.join(directory, '.git'))) return verifiedRepository(directory);
    if (path.dirname(directory) === directory) return undefined;
  }
}

const verified = new Map<string, Repository>();

/**
 * verify, once per top per run: a run asks for its repository several times (report stamp,
 * owners, history). A refusal is asked again, so a long-running server sees it lifted.
 */
function verifiedRepository(top: string): Repository | { refused: string } {
  const known = verified.get(top);
  if (known) return known;
  const repository = verify({ top });
  if (!('refused' in repository)) verified.set(top, repository);
  return repository;
}

/**
 * Git's own checks on the `.git` found (its ownership, as safe.directory allows), which naming it
 * with GIT_DIR would skip: git discovers it from the top level, and may look no higher.
 */
function verify(repository: Repository): Repository | { refused: string } {
  try {
    run(repository, ['rev-parse', '--git-dir'], { GIT_CEILING_DIRECTORIES: path.dirname(repository.top) });
    return repository;
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '');
    const reason = /^fatal: (.*)$/m.exec(stderr)?.[1] ?? ((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed' : 'git cannot read it');
    return { refused: reason };
  }
}

/** Settings that keep git from running any program: hooks, fsmonitor, pagers, external diff, textconv. */
const SAFE_CONFIG = ['-c', 'safe.bareRepository=explicit', '-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null'];

/** Runs git on the repository; paths in `args` are literal (no glob magic), relative to its top. Throws on failure. */
export function git(repository: Repository, args: string[]): string {
  return run(repository, args, { GIT_DIR: path.join(repository.top, '.git'), GIT_WORK_TREE: repository.top }).toString('utf8');
}

/** git with `input` on its standard input, its output as bytes (objects need not be UTF-8: `cat-file --batch`). */
export function gitBytes(repository: Repository, args: string[], input: string): Buffer {
  return run(repository, args, { GIT_DIR: path.join(repository.top, '.git'), GIT_WORK_TREE: repository.top }, input);
}

function run(repository: Repository, args: string[], location: Record<string, string>, input?: string): Buffer {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_EXTERNAL_DIFF', 'GIT_CEILING_DIRECTORIES']) delete env[name];
  return execFileSync('git', ['--no-pager', ...SAFE_CONFIG, ...args], {
    cwd: repository.top,
    ...(input === undefined ? { stdio: ['ignore', 'pipe', 'pipe'] } : { input, stdio: ['pipe', 'pipe', 'pipe'] }),
    maxBuffer: 256 * 1024 * 1024,
    env: { ...env, ...location, GIT_LITERAL_PATHSPECS: '1', GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', GIT_EDITOR: 'true' },
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

/**
 * Whether git tracks a file of the project (its real path): a file a pull request can change.
 * False when there is no repository (or one git will not use), or git cannot say.
 */
export function isTrackedByGit(projectRoot: string, realFile: string): boolean {
  const repository = findRepository(projectRoot);
  if (!repository || 'refused' in repository) return false;
  const inside = path.relative(realpathSync(repository.top), realFile);
  if (inside.startsWith('..') || path.isAbsolute(inside)) return false;
  try {
    git(repository, ['ls-files', '--error-unmatch', '--', inside]);
    return true;
  } catch {
    return false;
  }
}

/** What a report says about the content's commit, for an auditor to trace it back: nothing when it is not in a repository. */
type CommitStamp = { commit: string } | { noCommitsYet: true } | Record<string, never>;

export function contentCommit(projectRoot: string, contentRoot: string): CommitStamp {
  const repository = findRepository(projectRoot);
  // No repository, one git will not use (another user's), or no git on the machine: no commit to name.
  if (!repository || 'refused' in repository) return {};
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
