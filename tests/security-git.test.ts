/**
 * Nothing in the content runs through git: a pull request that plants a bare repository in
 * content/ (with a config whose core.fsmonitor is a command) must not get that command run by
 * any command. Real git repositories, the built CLI as a child process.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assertValidReport } from './helpers/report-schema.js';
import { CLI, runCli, seedDocument, tempProject, type TempProject } from './helpers/project.js';

let project: TempProject;
let clone: string | undefined;
afterEach(() => {
  project?.cleanup();
  if (clone) execFileSync('rm', ['-rf', clone]);
  clone = undefined;
});

const gitIn = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const git = (...args: string[]) => gitIn(project.root, ...args);
const commitAll = (message: string) => {
  git('add', '-A');
  git('-c', 'user.name=Test', '-c', 'user.email=test@example.org', 'commit', '-q', '-m', message);
};

/** Every file named PWNED anywhere under the folder. */
function pwnedFiles(folder: string): string[] {
  return (readdirSync(folder, { recursive: true }) as string[]).filter((file) => path.basename(file) === 'PWNED');
}

/** A repository whose content/ also looks, to git, like a bare repository with a hostile config. */
function plantedRepository(): void {
  project = tempProject('contentgov-git-');
  git('init', '-q', '-b', 'main');
  project.write('content/page.md', seedDocument());
  commitAll('base');
  const commit = git('rev-parse', 'HEAD').trim();
  project.write('content/HEAD', `${commit}\n`);
  project.write('content/objects/info/.keep', '');
  project.write('content/refs/heads/.keep', '');
  project.write('content/config', '[core]\n\trepositoryformatversion = 0\n\tbare = false\n\tworktree = .\n\tfsmonitor = "id > PWNED; echo"\n');
  commitAll('a pull request plants a repository in content/');
}

describe('git runs nothing from the content', () => {
  it('the planted repository really is one git would obey from inside content/ (the attack is live)', () => {
    plantedRepository();
    // What contentgov used to do: git discovering a repository from the content root.
    try {
      gitIn(path.join(project.root, 'content'), 'status', '--porcelain');
    } catch {
      // Its exit status does not matter: the command ran, or not.
    }
    expect(pwnedFiles(project.root)).toEqual(['content/PWNED']);
  });

  it('lint, overdue, lint --no-links and lint --changed stamp the real commit and run no planted command', () => {
    plantedRepository();
    const head = git('rev-parse', 'HEAD').trim();
    const lint = runCli(['lint', '--format', 'json', '--as-of', '2026-01-15'], project.root);
    expect(pwnedFiles(project.root)).toEqual([]);
    const report = JSON.parse(lint.stdout);
    assertValidReport(report);
    expect(report.commit).toBe(head);
    expect(runCli(['overdue', '--as-of', '2026-01-15'], project.root).exitCode).toBe(0);
    expect(runCli(['lint', '--no-links', '--as-of', '2026-01-15'], project.root).exitCode).toBe(0);
    expect(pwnedFiles(project.root)).toEqual([]);
    git('checkout', '-q', '-b', 'feature');
    project.write('content/new.md', seedDocument());
    commitAll('a change');
    const changed = runCli(['lint', '--changed', '--format', 'json', '--as-of', '2026-01-15'], project.root);
    expect(JSON.parse(changed.stdout).changes).toMatchObject({ baseRef: 'main', changed: ['content/new.md'] });
    expect(pwnedFiles(project.root)).toEqual([]);
  });

  it('no filter driver runs, whichever config defines it, though the content\'s .gitattributes names it (stamp, --changed, --fix)', () => {
    project = tempProject('contentgov-git-');
    git('init', '-q', '-b', 'main');
    project.write('content/page.md', seedDocument({ lastReviewed: '"December 30, 2025"' }));
    commitAll('base');
    git('checkout', '-q', '-b', 'feature');
    // What a pull request can carry; the driver stands for one the runner's config defines (git-lfs's).
    project.write('content/.gitattributes', '*.md filter=runner\n');
    project.write('content/other.md', seedDocument());
    commitAll('a pull request names a filter');
    const canary = path.join(project.root, 'PWNED');
    for (const key of ['clean', 'smudge', 'process']) git('config', `filter.runner.${key}`, `sh -c 'touch ${canary}; cat'`);
    git('config', 'filter.runner.required', 'true');
    // Pages whose timestamps no longer match git's record: git hashes them again, through the clean filter.
    const touch = () => ['page.md', 'other.md'].forEach((page) => utimesSync(path.join(project.root, 'content', page), new Date(), new Date(Date.now() + 5000)));
    touch();
    const stamped = runCli(['lint', '--format', 'json', '--as-of', '2026-01-15', '--no-links'], project.root);
    expect(JSON.parse(stamped.stdout).commit).toMatch(/^[0-9a-f]{40}(-dirty)?$/);
    touch();
    const changed = runCli(['lint', '--changed', '--base', 'main', '--format', 'json', '--as-of', '2026-01-15'], project.root);
    expect(JSON.parse(changed.stdout).changes).toMatchObject({ changed: ['content/.gitattributes', 'content/other.md'] });
    touch();
    expect(runCli(['lint', '--fix', '--as-of', '2026-01-15', '--no-links'], project.root).stderr).toBe('');
    runCli(['overdue', '--all', '--as-of', '2026-01-15'], project.root);
    expect(existsSync(canary)).toBe(false);
    // The attack is live: git itself runs the driver (and fails on it, as the driver is no real filter).
    touch();
    expect(() => git('status', '--porcelain')).toThrow();
    expect(existsSync(canary)).toBe(true);
  });

  it('the stamp names the commit, "-dirty" when the content differs from it (also after lint --fix), not for a change outside the content', () => {
    project = tempProject('contentgov-git-');
    git('init', '-q', '-b', 'main');
    project.write('content/page.md', seedDocument());
    project.write('README.md', 'Docs\n');
    commitAll('base');
    const head = git('rev-parse', 'HEAD').trim();
    const stamp = (...args: string[]) => {
      const result = runCli(['lint', '--format', 'json', '--as-of', '2026-01-15', ...args], project.root);
      return { commit: JSON.parse(result.stdout).commit, overdue: runCli(['overdue', '--all', '--as-of', '2026-01-15'], project.root).stdout.match(/Content commit: (\S+)/)?.[1] };
    };
    expect(stamp()).toEqual({ commit: head, overdue: head });
    project.write('README.md', 'Docs, changed\n');
    expect(stamp()).toEqual({ commit: head, overdue: head });
    project.write('content/page.md', seedDocument({ title: 'Changed' }));
    expect(stamp()).toEqual({ commit: `${head}-dirty`, overdue: `${head}-dirty` });
    commitAll('changed');
    const changed = git('rev-parse', 'HEAD').trim();
    expect(stamp()).toEqual({ commit: changed, overdue: changed });
    // A date --fix rewrites: the report is of the fixed file, which the commit does not hold.
    project.write('content/page.md', seedDocument({ lastReviewed: '"December 30, 2025"' }));
    commitAll('a date to fix');
    const beforeFix = git('rev-parse', 'HEAD').trim();
    expect(stamp('--fix').commit).toBe(`${beforeFix}-dirty`);
  });

  it("a repository git itself would refuse (another user's) is not used: naming it with GIT_DIR skips no check", (context) => {
    // Needs a second user: as root, the CLI runs as "nobody" on a repository root owns.
    if (process.getuid?.() !== 0 || spawnSync('setpriv', ['--version']).status !== 0) context.skip();
    plantedRepository();
    execFileSync('chmod', ['-R', 'a+rX', project.root]);
    const asNobody = ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI];
    const run = (...args: string[]) => spawnSync('setpriv', [...asNobody, ...args], { cwd: project.root, encoding: 'utf8', env: { ...process.env, HOME: project.root } });
    const changed = run('lint', '--changed');
    expect(changed.status).toBe(2);
    expect(changed.stderr).toMatch(/^contentgov: --changed: git refuses the repository \(detected dubious ownership in repository at [^\n]*\)\n$/);
    const report = JSON.parse(run('lint', '--format', 'json', '--as-of', '2026-01-15').stdout);
    expect(report.commit).toBeUndefined();
    expect(pwnedFiles(project.root)).toEqual([]);
  });

  it('a --base that looks like an option is a usage error, never read by git as one', () => {
    plantedRepository();
    const result = runCli(['lint', '--changed', '--base', '--octopus'], project.root);
    expect(result).toMatchObject({ exitCode: 2, stdout: '', stderr: 'contentgov: --base "--octopus": not a ref\n' });
    expect(pwnedFiles(project.root)).toEqual([]);
  });
});

describe('--changed says why it cannot judge', () => {
  function shallowClone(): string {
    project = tempProject('contentgov-git-');
    git('init', '-q', '-b', 'main');
    project.write('content/page.md', seedDocument());
    commitAll('one');
    project.write('content/other.md', seedDocument());
    commitAll('two');
    clone = path.join(tmpdir(), `contentgov-clone-${process.pid}-${Date.now()}`);
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${project.root}`, clone], { stdio: 'ignore' });
    return clone;
  }

  it('in a shallow clone whose origin/HEAD is the current commit: exit 2, not a silent pass', () => {
    const checkout = shallowClone();
    const result = runCli(['lint', '--changed'], checkout);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'contentgov: --changed: the base origin/HEAD is the current commit, so nothing would be judged; give --base with the branch the change goes into; this clone is shallow: fetch the history first (actions/checkout with fetch-depth: 0, or git fetch --unshallow)\n',
    );
  });

  it('a base that does not exist says so, and in a shallow clone says to fetch the history', () => {
    const checkout = shallowClone();
    expect(runCli(['lint', '--changed', '--base', 'origin/nosuchref'], checkout)).toMatchObject({
      exitCode: 2,
      stderr: 'contentgov: --changed: the base origin/nosuchref does not exist; this clone is shallow: fetch the history first (actions/checkout with fetch-depth: 0, or git fetch --unshallow)\n',
    });
    expect(runCli(['lint', '--changed', '--base', 'nosuchref'], project.root)).toMatchObject({ exitCode: 2, stderr: 'contentgov: --changed: the base nosuchref does not exist\n' });
  });

  it('a repository with no commits yet: --changed says so, and reports are stamped "no commits yet"', () => {
    project = tempProject('contentgov-git-');
    git('init', '-q', '-b', 'main');
    project.write('content/page.md', seedDocument());
    expect(runCli(['lint', '--changed'], project.root)).toMatchObject({ exitCode: 2, stderr: 'contentgov: --changed: the repository has no commits yet\n' });
    const report = JSON.parse(runCli(['lint', '--format', 'json', '--as-of', '2026-01-15'], project.root).stdout);
    assertValidReport(report);
    expect(report).toMatchObject({ noCommitsYet: true });
    expect(report.commit).toBeUndefined();
    expect(runCli(['overdue', '--all', '--as-of', '2026-01-15'], project.root).stdout).toMatch(/Content commit: \(no commits yet\)/);
  });

  it('outside any repository: no commit stamp, and --changed is a usage error', () => {
    project = tempProject('contentgov-git-');
    project.write('content/page.md', seedDocument());
    // tmpdir() is not inside a repository here; if it were, the test would say nothing.
    expect(existsSync(path.join(tmpdir(), '.git'))).toBe(false);
    const report = JSON.parse(runCli(['lint', '--format', 'json', '--as-of', '2026-01-15'], project.root).stdout);
    expect(report.commit).toBeUndefined();
    expect(report.noCommitsYet).toBeUndefined();
    expect(runCli(['overdue', '--all', '--as-of', '2026-01-15'], project.root).stdout).toMatch(/Content commit: \(not in a git repository\)/);
    expect(runCli(['lint', '--changed'], project.root)).toMatchObject({ exitCode: 2, stderr: 'contentgov: --changed needs the project to be in a git repository\n' });
  });
});
