/** What a change touched, from git: the files added or modified since a base, and those deleted or renamed away. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { UsageError } from '../errors.js';

export interface ChangeSet {
  /** The ref asked for (or found) and the merge-base commit it gave. */
  baseRef: string;
  base: string;
  /** Project-relative paths added, modified, or renamed to, in the working tree. */
  changed: string[];
  /** Project-relative paths deleted, or renamed away from. */
  deleted: string[];
}

function git(directory: string, args: string[]): string {
  return execFileSync('git', ['-C', directory, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
}

/** The merge base with --base, else with origin/HEAD, else with main. */
function findBase(directory: string, baseRef: string | undefined): { baseRef: string; base: string } {
  const candidates = baseRef ? [baseRef] : ['origin/HEAD', 'main'];
  for (const candidate of candidates) {
    try {
      return { baseRef: candidate, base: git(directory, ['merge-base', 'HEAD', candidate]).trim() };
    } catch {
      // Try the next candidate.
    }
  }
  throw new UsageError(baseRef ? `--changed: no merge base with ${baseRef}` : '--changed: no merge base with origin/HEAD or main; give --base REF');
}

export function changedFiles(projectRoot: string, baseRef?: string): ChangeSet {
  let top: string;
  try {
    top = git(projectRoot, ['rev-parse', '--show-toplevel']).trim();
  } catch {
    throw new UsageError('--changed needs the project to be in a git repository');
  }
  const found = findBase(projectRoot, baseRef);
  const toProject = (gitPath: string) => path.relative(projectRoot, path.join(top, gitPath)).split(path.sep).join('/');
  const changed = new Set<string>();
  const deleted = new Set<string>();
  // The working tree against the merge base: committed and uncommitted changes alike.
  const fields = git(projectRoot, ['diff', '--name-status', '-M', '--no-color', '-z', found.base, '--']).split('\0');
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
  for (const untracked of git(projectRoot, ['ls-files', '--others', '--exclude-standard', '-z', `:(top)`]).split('\0')) {
    if (untracked) changed.add(toProject(untracked));
  }
  const sorted = (set: Set<string>) => [...set].sort();
  return { ...found, changed: sorted(changed), deleted: sorted(deleted) };
}
