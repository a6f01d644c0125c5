/** What a change touched, from git: the files added or modified since a base, and those deleted or renamed away. */
import path from 'node:path';
import { UsageError } from '../errors.js';
import { findRepository, git, headCommit, type Repository } from './git.js';

export interface ChangeSet {
  /** The ref asked for (or found) and the merge-base commit it gave. */
  baseRef: string;
  base: string;
  /** Project-relative paths added, modified, or renamed to, in the working tree. */
  changed: string[];
  /** Project-relative paths deleted, or renamed away from. */
  deleted: string[];
  /** The project's settings files among them (see settingsChanged in lint.ts): every document is then judged. */
  settings?: string[];
}

/** Said when a ref or merge base is missing from a shallow clone. */
function shallowHint(repository: Repository): string {
  let shallow = false;
  try {
    shallow = git(repository, ['rev-parse', '--is-shallow-repository']).trim() === 'true';
  } catch {
    // An old git: no hint.
  }
  return shallow ? '; this clone is shallow: fetch the history first (actions/checkout with fetch-depth: 0, or git fetch --unshallow)' : '';
}

function refExists(repository: Repository, ref: string): boolean {
  try {
    git(repository, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/** The default branch a change goes into, when no --base names it: the remote's, else main, else master. */
const DEFAULT_BASES = ['origin/HEAD', 'main', 'master'];

/** The merge base with --base, else with the first of DEFAULT_BASES that exists. */
function findBase(repository: Repository, baseRef: string | undefined): { baseRef: string; base: string } {
  if (baseRef !== undefined) {
    // Also passed after --end-of-options; refused here so the message names the mistake.
    if (baseRef === '' || baseRef.startsWith('-')) throw new UsageError(`--base ${JSON.stringify(baseRef)}: not a ref`);
    if (!refExists(repository, baseRef)) throw new UsageError(`--changed: the base ${baseRef} does not exist${shallowHint(repository)}`);
  }
  const candidates = baseRef !== undefined ? [baseRef] : DEFAULT_BASES.filter((candidate) => refExists(repository, candidate));
  if (candidates.length === 0) throw new UsageError(`--changed: none of ${DEFAULT_BASES.join(', ')} exists; give --base REF${shallowHint(repository)}`);
  for (const candidate of candidates) {
    try {
      return { baseRef: candidate, base: git(repository, ['merge-base', '--end-of-options', 'HEAD', candidate]).trim() };
    } catch {
      // Try the next candidate.
    }
  }
  throw new UsageError(`--changed: no merge base with ${candidates.join(' or ')}${shallowHint(repository)}`);
}

export function changedFiles(projectRoot: string, baseRef?: string): ChangeSet {
  const repository = findRepository(projectRoot);
  if (!repository) throw new UsageError('--changed needs the project to be in a git repository');
  if ('refused' in repository) throw new UsageError(`--changed: git refuses the repository (${repository.refused})`);
  const head = headCommit(repository);
  if (!head) throw new UsageError('--changed: the repository has no commits yet');
  const found = findBase(repository, baseRef);
  const toProject = (gitPath: string) => path.relative(projectRoot, path.join(repository.top, gitPath)).split(path.sep).join('/');
  const changed = new Set<string>();
  const deleted = new Set<string>();
  // The working tree against the merge base: committed and uncommitted changes alike.
  const fields = git(repository, ['diff', '--name-status', '-M', '--no-color', '--no-ext-diff', '--no-textconv', '-z', '--end-of-options', found.base, '--']).split('\0');
  for (let index = 0; index < fields.length - 1; ) {
    const status = fields[index++]!;
    if (status.startsWith('R') || status.startsWith('C')) {
      const from = fields[index++]!;
      const to = fields[index++]!;
      if (status.startsWith('R')) deleted.add(toProject(from));
      changed.add(toProject(to));
    } else if (status === 'D') {
      deleted.add(toProject(fields[index++]!));
    } else {
      changed.add(toProject(fields[index++]!));
    }
  }
  // Run at the top level, ls-files lists paths relative to it.
  for (const untracked of git(repository, ['ls-files', '--others', '--exclude-standard', '-z']).split('\0')) {
    if (untracked) changed.add(toProject(untracked));
  }
  if (found.base === head && changed.size === 0 && deleted.size === 0) {
    // Passing silently would judge nothing: in CI this is a shallow clone, or a base that is the branch itself.
    throw new UsageError(`--changed: the base ${found.baseRef} is the current commit, so nothing would be judged; give --base with the branch the change goes into${shallowHint(repository)}`);
  }
  const sorted = (set: Set<string>) => [...set].sort();
  return { ...found, changed: sorted(changed), deleted: sorted(deleted) };
}
