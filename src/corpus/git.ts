/**
 * Every git command contentgov runs. Git is never left to discover a repository from inside the
 * content: a pull request can plant a bare repository there (HEAD, objects/, refs/, a config
 * whose core.fsmonitor is a shell command), and git would obey its config. contentgov finds the
 * top level itself (the folder holding `.git`), names it with GIT_DIR and GIT_WORK_TREE, turns
 * off everything in git that runs a program (filter drivers included: a pull request's
 * .gitattributes can name one the machine's config defines, such as git-lfs), and puts
 * --end-of-options before every ref a user or config supplies.
 */
import { execFile, execFileSync } from 'node:child_process';
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
  const top = repositoryTop(start);
  return top === undefined ? undefined : verifiedRepository(top);
}

/** findRepository, with git's check run in the background: for the report's stamp, asked while the run reads the content. */
async function findRepositoryInBackground(start: string): Promise<Repository | { refused: string } | undefined> {
  const top = repositoryTop(start);
  if (top === undefined) return undefined;
  const known = verified.get(top);
  if (known) return known;
  const repository = { top };
  try {
    await runInBackground(repository, VERIFY_ARGS, verifyLocation(repository));
  } catch (error) {
    return { refused: refusalReason(error) };
  }
  verified.set(top, repository);
  return repository;
}

/** The nearest folder at or above `start` that holds `.git` (a folder, or a worktree's file). */
function repositoryTop(start: string): string | undefined {
  for (let directory = path.resolve(start); ; directory = path.dirname(directory)) {
    if (existsSync(path.join(directory, '.git'))) return directory;
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
    run(repository, VERIFY_ARGS, verifyLocation(repository));
    return repository;
  } catch (error) {
    return { refused: refusalReason(error) };
  }
}

const VERIFY_ARGS = ['rev-parse', '--git-dir'];

function verifyLocation(repository: Repository): Record<string, string> {
  return { GIT_CEILING_DIRECTORIES: path.dirname(repository.top) };
}

function refusalReason(error: unknown): string {
  const stderr = String((error as { stderr?: unknown }).stderr ?? '');
  return /^fatal: (.*)$/m.exec(stderr)?.[1] ?? ((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed' : 'git cannot read it');
}

/** Settings that keep git from running any program: hooks, fsmonitor, pagers, external diff, textconv. */
const SAFE_CONFIG = ['-c', 'safe.bareRepository=explicit', '-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null'];

/** Runs git on the repository; paths in `args` are literal (no glob magic), relative to its top. Throws on failure. */
export function git(repository: Repository, args: string[]): string {
  return run(repository, args, repositoryLocation(repository)).toString('utf8');
}

/** git with `input` on its standard input, its output as bytes (objects need not be UTF-8: `cat-file --batch`). */
export function gitBytes(repository: Repository, args: string[], input: string): Buffer {
  return run(repository, args, repositoryLocation(repository), input);
}

function run(repository: Repository, args: string[], location: Record<string, string>, input?: string): Buffer {
  return execFileSync('git', gitArguments(args), {
    cwd: repository.top,
    ...(input === undefined ? { stdio: ['ignore', 'pipe', 'pipe'] } : { input, stdio: ['pipe', 'pipe', 'pipe'] }),
    maxBuffer: MAX_OUTPUT,
    env: { ...gitEnvironment(location), ...withoutFilters(repository, location) },
  });
}

/** run, without blocking the run's thread: git's answer as text, or a rejection carrying its stderr. */
async function runInBackground(repository: Repository, args: string[], location: Record<string, string>): Promise<string> {
  const filters = await withoutFiltersInBackground(repository, location);
  return new Promise((resolve, reject) => {
    const child = execFile('git', gitArguments(args), { cwd: repository.top, maxBuffer: MAX_OUTPUT, env: { ...gitEnvironment(location), ...filters }, encoding: 'utf8' }, (error, stdout, stderr) =>
      error ? reject(Object.assign(error, { stderr })) : resolve(stdout),
    );
    child.stdin?.end();
  });
}

/**
 * Settings, as git's GIT_CONFIG_COUNT environment (a key there is never split at an `=`), that turn
 * off each filter driver the repository's config defines at any level: git runs a driver's clean
 * command whenever it hashes a file of the working tree (git status, git diff against it), for any
 * path a .gitattributes, which content may carry, names it for. An empty command is no filter, and
 * a driver no longer required cannot fail. Asked once per repository (reading config runs nothing).
 */
function withoutFilters(repository: Repository, location: Record<string, string>): Record<string, string> {
  if (location.GIT_DIR === undefined) return {};
  let settings = filterSettings.get(repository.top);
  if (!settings) {
    let keys = '';
    try {
      keys = execFileSync('git', gitArguments(FILTER_KEYS_ARGS), { cwd: repository.top, stdio: ['ignore', 'pipe', 'pipe'], env: gitEnvironment(location), encoding: 'utf8' });
    } catch {
      // No driver defined (git exits 1), or no config git can read: none to turn off.
    }
    filterSettings.set(repository.top, (settings = filtersOff(keys)));
  }
  return settings;
}

/** withoutFilters without blocking: the git calls started together (the report stamp's two) share one question. */
function withoutFiltersInBackground(repository: Repository, location: Record<string, string>): Promise<Record<string, string>> {
  if (location.GIT_DIR === undefined) return Promise.resolve({});
  const known = filterSettings.get(repository.top);
  if (known) return Promise.resolve(known);
  let asked = filterSettingsAsked.get(repository.top);
  if (!asked) {
    asked = new Promise<string>((resolve) =>
      execFile('git', gitArguments(FILTER_KEYS_ARGS), { cwd: repository.top, env: gitEnvironment(location), encoding: 'utf8' }, (_error, stdout) => resolve(stdout ?? '')).stdin?.end(),
    ).then((keys) => {
      const settings = filtersOff(keys);
      filterSettings.set(repository.top, settings);
      return settings;
    });
    filterSettingsAsked.set(repository.top, asked);
  }
  return asked;
}

const filterSettings = new Map<string, Record<string, string>>();
const filterSettingsAsked = new Map<string, Promise<Record<string, string>>>();
/** Every filter.<driver>.<key> set, NUL-separated; git exits 1 (and prints nothing) when there is none. */
const FILTER_KEYS_ARGS = ['config', '--null', '--name-only', '--get-regexp', '^filter\\.'];

function filtersOff(keys: string): Record<string, string> {
  const drivers = new Set<string>();
  for (const key of keys.split('\0')) {
    const last = key.lastIndexOf('.');
    if (key.startsWith('filter.') && last > 'filter.'.length) drivers.add(key.slice('filter.'.length, last));
  }
  if (drivers.size === 0) return {};
  const settings: [string, string][] = [...drivers].flatMap((driver) => [
    [`filter.${driver}.clean`, ''],
    [`filter.${driver}.smudge`, ''],
    [`filter.${driver}.process`, ''],
    [`filter.${driver}.required`, 'false'],
  ]);
  // After the settings the caller's environment already gives git this way (a CI's safe.directory), which stay.
  const given = /^\d+$/.test(process.env.GIT_CONFIG_COUNT ?? '') ? Number(process.env.GIT_CONFIG_COUNT) : 0;
  const env: Record<string, string> = { GIT_CONFIG_COUNT: String(given + settings.length) };
  settings.forEach(([key, value], index) => {
    env[`GIT_CONFIG_KEY_${given + index}`] = key;
    env[`GIT_CONFIG_VALUE_${given + index}`] = value;
  });
  return env;
}

/** The most a git call may print: a reader of larger output (overdue --history's blobs) reads it in parts. */
export const MAX_OUTPUT = 256 * 1024 * 1024;

function gitArguments(args: string[]): string[] {
  return ['--no-pager', ...SAFE_CONFIG, ...args];
}

/** The caller's environment without what would point git elsewhere or run a program, with `location` naming the repository. */
function gitEnvironment(location: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_EXTERNAL_DIFF', 'GIT_CEILING_DIRECTORIES']) delete env[name];
  return { ...env, ...location, GIT_LITERAL_PATHSPECS: '1', GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', GIT_EDITOR: 'true' };
}

function repositoryLocation(repository: Repository): Record<string, string> {
  return { GIT_DIR: path.join(repository.top, '.git'), GIT_WORK_TREE: repository.top };
}

/** Prints the commit HEAD names; nothing (and fails) when there is none yet. */
const HEAD_COMMIT_ARGS = ['rev-parse', '--verify', '--quiet', '--end-of-options', 'HEAD^{commit}'];

/** The commit HEAD names, or undefined when there is none yet. */
export function headCommit(repository: Repository): string | undefined {
  try {
    return git(repository, HEAD_COMMIT_ARGS).trim() || undefined;
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

/**
 * The content's commit, asked of git in the background (`git status` on a large tree takes a
 * while): a run starts it once its files are as it will judge them, and reads it when it reports.
 */
export async function contentCommit(projectRoot: string, contentRoot: string): Promise<CommitStamp> {
  const repository = await findRepositoryInBackground(projectRoot);
  // No repository, one git will not use (another user's), or no git on the machine: no commit to name.
  if (!repository || 'refused' in repository) return {};
  const within = path.relative(repository.top, contentRoot).split(path.sep).join('/') || '.';
  const location = repositoryLocation(repository);
  const [head, status] = await Promise.allSettled([
    runInBackground(repository, HEAD_COMMIT_ARGS, location),
    runInBackground(repository, ['status', '--porcelain', '--ignore-submodules=all', '--', within], location),
  ]);
  const commit = head.status === 'fulfilled' ? head.value.trim() : '';
  if (!commit) return { noCommitsYet: true };
  return { commit: status.status === 'fulfilled' && status.value !== '' ? `${commit}-dirty` : commit };
}
