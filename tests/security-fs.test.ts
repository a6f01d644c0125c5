/**
 * Nothing outside the content root is read or written, and only regular files are opened: real
 * symbolic links, real FIFOs, a real unreadable folder, the built CLI as a child process. Every
 * run that could hang is bounded (a hang guard, never a speed test).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, seedDocument, tempProject, type CliResult, type TempProject } from './helpers/project.js';

const CANARY = 'SECRET-CANARY-7f3a';
/** A hang guard: far above any run here (well under a second each), far below "for ever". */
const HANG_GUARD_MS = 60_000;

let project: TempProject;
let outside: string;
beforeEach(() => {
  project = tempProject('contentgov-fs-');
  outside = mkdtempSync(path.join(tmpdir(), 'contentgov-outside-'));
  // A page outside the root whose text would show in findings if it were ever read.
  writeFileSync(path.join(outside, 'secret.md'), seedDocument({ status: CANARY }, `# ${CANARY}\n`));
});
afterEach(() => {
  project.cleanup();
  rmSync(outside, { recursive: true, force: true });
});

/** The CLI with a hang guard: a run that blocks is killed and fails the test. */
function run(args: string[], options: { cwd?: string; user?: string[] } = {}): CliResult {
  const command = [...(options.user ?? []), process.execPath, CLI, ...args];
  const child = spawnSync(command[0]!, command.slice(1), {
    cwd: options.cwd ?? project.root,
    encoding: 'utf8',
    timeout: HANG_GUARD_MS,
    env: { ...process.env, NO_COLOR: '1', CONTENTGOV_AS_OF: '2026-01-15' },
  });
  expect(child.signal, `contentgov ${args.join(' ')} hung`).toBeNull();
  return { exitCode: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
}

function lintJson(args: string[] = []) {
  const result = run(['lint', '--format', 'json', '--as-of', '2026-01-15', ...args]);
  expect(result.stdout + result.stderr).not.toContain(CANARY);
  return { ...result, report: JSON.parse(result.stdout) as { findings: { ruleId: string; file: string; message: string }[] } };
}

const findingsOf = (report: { findings: { ruleId: string; file: string; message: string }[] }, file: string) =>
  report.findings.filter((finding) => finding.file === file).map((finding) => `${finding.ruleId}: ${finding.message}`);
const link = (target: string, at: string) => symlinkSync(target, path.join(project.root, at));
const mkfifo = (at: string) => execFileSync('mkfifo', [path.join(project.root, at)]);
const read = (file: string) => readFileSync(path.join(project.root, file), 'utf8');
const mode = (file: string) => statSync(file).mode & 0o777;

describe('reads stay inside the content root', () => {
  it('a symlinked file out of the root, found or named, is file-outside-root and never read (nor its anchors)', () => {
    project.write('content/page.md', seedDocument({}, '[secret](link-out.md#secret-canary-7f3a)\n'));
    link(path.join(outside, 'secret.md'), 'content/link-out.md');
    const OUTSIDE = 'file-outside-root: not read: its real path is outside the content root';
    const found = lintJson();
    expect(findingsOf(found.report, 'content/link-out.md')).toEqual([OUTSIDE]);
    expect(findingsOf(found.report, 'content/page.md')).toEqual([expect.stringMatching(/^link-missing-anchor: /)]);
    expect(findingsOf(lintJson(['content/link-out.md']).report, 'content/link-out.md')).toEqual([OUTSIDE]);
    const overdue = run(['overdue', '--all', '--as-of', '2026-01-15']);
    expect(overdue.stdout + overdue.stderr).not.toContain(CANARY);
  });

  it('a symlinked folder named on the command line is one finding, and nothing in it is read', () => {
    project.write('content/page.md', seedDocument());
    link(outside, 'content/dirlink');
    const { report, exitCode } = lintJson(['content/dirlink']);
    expect(exitCode).toBe(1);
    expect(report.findings.map((finding) => `${finding.file} ${finding.ruleId}`)).toEqual(['content/dirlink file-outside-root']);
  });

  it('a content root that is itself a symlink out of the project is a usage error', () => {
    link(outside, 'content');
    const result = run(['lint']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('contentgov: the content root content/ leads out of the project folder; nothing there is read\n');
    expect(result.stdout + result.stderr).not.toContain(CANARY);
  });

  it('a symlink that stays inside the root is followed', () => {
    project.write('content/real.md', seedDocument());
    project.write('content/folder/inner.md', seedDocument());
    link('real.md', 'content/alias.md');
    link('folder', 'content/folder-alias');
    const { report, exitCode } = lintJson();
    expect(exitCode).toBe(0);
    expect(report.findings).toEqual([]);
  });

  it('--watch reads a new outside symlink only as a finding, skips ignored files, and a new FIFO does not block it', async () => {
    project.write('contentgov.config.json', JSON.stringify({ ignore: ['content/drafts/**'] }));
    project.write('content/page.md', seedDocument());
    mkdirSync(path.join(project.root, 'content/drafts'));
    const child = spawn(process.execPath, [CLI, 'lint', '--watch', '--as-of', '2026-01-15'], { cwd: project.root, env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    // Gives up before the test's own timeout, so the finally below always ends the child.
    const waitFor = (text: string) =>
      new Promise<void>((resolve, reject) => {
        const giveUp = setTimeout(() => {
          clearInterval(poll);
          reject(new Error(`--watch never printed ${JSON.stringify(text)}; it printed ${JSON.stringify(output)}`));
        }, HANG_GUARD_MS / 2);
        const poll = setInterval(() => {
          if (output.includes(text)) {
            clearInterval(poll);
            clearTimeout(giveUp);
            resolve();
          }
        }, 20);
      });
    try {
      await waitFor('[watching: 1 document checked');
      writeFileSync(path.join(project.root, 'content/drafts/ignored.md'), seedDocument({ status: CANARY }));
      link(path.join(outside, 'secret.md'), 'content/new-out.md');
      mkfifo('content/pipe.md');
      await waitFor('content/new-out.md:1:1');
      await waitFor('content/pipe.md:1:1');
      // The watcher still answers: a blocked process would not end on SIGINT.
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    expect(output).toContain('content/new-out.md:1:1  error    not read: its real path is outside the content root  file-outside-root');
    expect(output).toContain('content/pipe.md:1:1  error    not read: it is a FIFO (named pipe), not a regular file  file-unreadable');
    expect(output).not.toContain(CANARY);
    expect(output).not.toContain('drafts');
  }, HANG_GUARD_MS);
});

describe('writes stay inside the content root', () => {
  beforeEach(() => {
    writeFileSync(path.join(outside, 'inner.md'), seedDocument());
    mkdirSync(path.join(project.root, 'content'));
    link(outside, 'content/dirlink');
  });

  it('new and review refuse a path through a linked folder that leaves the root, and write nothing', () => {
    const before = readFileSync(path.join(outside, 'inner.md'), 'utf8');
    const created = run(['new', 'content/dirlink/x.md', '--title', 'X']);
    expect(created).toMatchObject({ exitCode: 2, stdout: '', stderr: 'contentgov: content/dirlink/x.md: leads out of the content root through a symbolic link; not written\n' });
    expect(existsSync(path.join(outside, 'x.md'))).toBe(false);
    const reviewed = run(['review', 'content/dirlink/inner.md', '--date', '2026-01-10']);
    expect(reviewed).toMatchObject({ exitCode: 2, stdout: '', stderr: 'contentgov: content/dirlink/inner.md: leads out of the content root through a symbolic link; not changed\n' });
    expect(readFileSync(path.join(outside, 'inner.md'), 'utf8')).toBe(before);
  });

  it('init writes nothing through a folder linked out of the project', () => {
    rmSync(path.join(project.root, 'content'), { recursive: true });
    link(outside, 'content');
    expect(run(['init'])).toMatchObject({ exitCode: 2, stderr: 'contentgov: content/example-page.md: leads out of the project folder through a symbolic link; nothing written\n' });
    expect(existsSync(path.join(outside, 'example-page.md'))).toBe(false);
    expect(existsSync(path.join(project.root, 'contentgov.config.json'))).toBe(false);
  });

  it('init reads a .gitignore only if it is a regular file (a FIFO would block), and then writes nothing', () => {
    mkfifo('.gitignore');
    expect(run(['init'])).toMatchObject({ exitCode: 2, stderr: 'contentgov: .gitignore: not read: it is a FIFO (named pipe), not a regular file; nothing written\n' });
    expect(existsSync(path.join(project.root, 'contentgov.config.json'))).toBe(false);
  });

  it('review and --fix edit the target of an in-root symlink and keep the link; --fix leaves a link out of the root alone', () => {
    const fixable = seedDocument({ lastReviewed: 'January 5, 2026' });
    project.write('content/real.md', seedDocument());
    project.write('content/fix-real.md', fixable);
    link('real.md', 'content/alias.md');
    link('fix-real.md', 'content/fix-alias.md');
    writeFileSync(path.join(outside, 'fixme.md'), fixable);
    link(path.join(outside, 'fixme.md'), 'content/fix-out.md');

    expect(run(['review', 'content/alias.md', '--date', '2026-01-10']).exitCode).toBe(0);
    expect(lstatSync(path.join(project.root, 'content/alias.md')).isSymbolicLink()).toBe(true);
    expect(read('content/real.md')).toContain("lastReviewed: '2026-01-10'");

    const fixed = lintJson(['--fix']);
    expect(lstatSync(path.join(project.root, 'content/fix-alias.md')).isSymbolicLink()).toBe(true);
    expect(read('content/fix-real.md')).toContain('lastReviewed: 2026-01-05');
    expect(readFileSync(path.join(outside, 'fixme.md'), 'utf8')).toBe(fixable);
    expect(findingsOf(fixed.report, 'content/fix-out.md')).toEqual(['file-outside-root: not read: its real path is outside the content root']);
  });

  it('atomic writes keep the file mode; a report path that is a folder is a one-line error', () => {
    const page = project.write('content/page.md', seedDocument({ lastReviewed: 'January 5, 2026' }));
    chmodSync(page, 0o640);
    expect(run(['lint', '--fix', '--as-of', '2026-01-15']).exitCode).toBe(0);
    expect(read('content/page.md')).toContain('lastReviewed: 2026-01-05');
    expect(mode(page)).toBe(0o640);
    expect(run(['review', 'content/page.md', '--date', '2026-01-10']).exitCode).toBe(0);
    expect(mode(page)).toBe(0o640);

    const report = project.write('report.json', '{}');
    chmodSync(report, 0o600);
    expect(run(['lint', '--as-of', '2026-01-15', '--output', 'json:report.json']).exitCode).toBe(0);
    expect(JSON.parse(read('report.json')).summary.documents).toBe(1);
    expect(mode(report)).toBe(0o600);

    mkdirSync(path.join(project.root, 'reports'));
    const folder = run(['lint', '--as-of', '2026-01-15', '--output', 'json:reports']);
    expect(folder).toMatchObject({ exitCode: 2, stderr: `contentgov: cannot write ${path.join(project.root, 'reports')}: it is a folder\n` });
  });
});

describe('reports are written only inside the project or the working directory, never through a link', () => {
  const BASHRC = 'export PATH=/usr/bin\n';
  beforeEach(() => {
    project.write('contentgov.config.json', JSON.stringify({ root: 'content' }));
    project.write('content/a.md', seedDocument());
    writeFileSync(path.join(outside, 'bashrc'), BASHRC);
  });

  it('a report name that is a symbolic link is refused (exit 2), and its target is untouched', () => {
    link(path.join(outside, 'bashrc'), 'report.sarif');
    const result = run(['lint', '--as-of', '2026-01-15', '-o', 'report.sarif']);
    expect(result).toMatchObject({ exitCode: 2, stderr: `contentgov: cannot write ${path.join(project.root, 'report.sarif')}: it is a symbolic link; not followed\n` });
    expect(readFileSync(path.join(outside, 'bashrc'), 'utf8')).toBe(BASHRC);
    expect(lstatSync(path.join(project.root, 'report.sarif')).isSymbolicLink()).toBe(true);
    const overdue = run(['overdue', '--as-of', '2026-01-15', '-o', 'json:report.sarif']);
    expect(overdue.exitCode).toBe(2);
    expect(readFileSync(path.join(outside, 'bashrc'), 'utf8')).toBe(BASHRC);
  });

  it('a report whose folder is a file is refused before the run: lint --fix changes nothing and no other report is written', () => {
    project.write('content/a.md', seedDocument({ lastReviewed: '"December 30, 2025"' }));
    project.write('reports', 'a file, not a folder\n');
    const result = run(['lint', '--as-of', '2026-01-15', '--fix', '-o', 'first.json', '-o', 'reports/lint.sarif']);
    expect(result).toMatchObject({ exitCode: 2, stderr: `contentgov: cannot write ${path.join(project.root, 'reports/lint.sarif')}: a part of its folder is a file\n` });
    expect(readFileSync(path.join(project.root, 'content/a.md'), 'utf8')).toContain('lastReviewed: "December 30, 2025"');
    expect(existsSync(path.join(project.root, 'first.json'))).toBe(false);
  });

  it('a report in a folder linked out of the project is refused and nothing is created there', () => {
    link(outside, 'reports');
    const refusal = (file: string) => `contentgov: cannot write ${path.join(project.root, file)}: its folder leads out of the project folder through a symbolic link\n`;
    expect(run(['lint', '--as-of', '2026-01-15', '-o', 'reports/lint.json'])).toMatchObject({ exitCode: 2, stderr: refusal('reports/lint.json') });
    expect(run(['lint', '--as-of', '2026-01-15', '--report', 'reports/deeper/lint.json'])).toMatchObject({ exitCode: 2, stderr: refusal('reports/deeper/lint.json') });
    expect(run(['overdue', '--as-of', '2026-01-15', '-o', 'reports/overdue.csv'])).toMatchObject({ exitCode: 2, stderr: refusal('reports/overdue.csv') });
    // The issues writer removes reminders an earlier index.json lists: never in a folder it must not write.
    writeFileSync(path.join(outside, 'index.json'), JSON.stringify([{ file: 'stale.md' }]));
    writeFileSync(path.join(outside, 'stale.md'), 'keep me');
    expect(run(['overdue', '--as-of', '2026-01-15', '--format', 'issues', '-o', 'reports'])).toMatchObject({ exitCode: 2, stderr: refusal('reports/index.json') });
    expect(readFileSync(path.join(outside, 'stale.md'), 'utf8')).toBe('keep me');
    expect(readdirSync(outside).sort()).toEqual(['bashrc', 'index.json', 'secret.md', 'stale.md']);
  });

  it('a CI workspace: reports go in the working directory, but a link in the project cannot lead there', () => {
    // The project is a checkout inside the job's workspace, which is the working directory.
    const workspace = path.dirname(project.root);
    const name = path.basename(project.root);
    const config = path.join(name, 'contentgov.config.json');
    const written = path.join(workspace, `${name}-out`);
    try {
      expect(run(['lint', '--as-of', '2026-01-15', '-c', config, '-o', `${name}-out/lint.sarif`], { cwd: workspace }).exitCode).toBe(0);
      expect(JSON.parse(readFileSync(path.join(written, 'lint.sarif'), 'utf8')).version).toBe('2.1.0');
      link(written, 'reports');
      const through = run(['lint', '--as-of', '2026-01-15', '-c', config, '-o', `${name}/reports/lint.json`], { cwd: workspace });
      expect(through).toMatchObject({ exitCode: 2, stderr: `contentgov: cannot write ${path.join(project.root, 'reports/lint.json')}: its folder leads out of the project folder through a symbolic link\n` });
      expect(existsSync(path.join(written, 'lint.json'))).toBe(false);
      // Named outside both, with no link at all: refused, and said so.
      const elsewhere = path.join(outside, 'lint.json');
      expect(run(['lint', '--as-of', '2026-01-15', '-o', elsewhere])).toMatchObject({ exitCode: 2, stderr: `contentgov: cannot write ${elsewhere}: reports are written only inside the project folder or the working directory\n` });
      expect(existsSync(elsewhere)).toBe(false);
      // Run from a folder outside the project: a link there that leads out of it.
      symlinkSync(outside, path.join(written, 'out-link'));
      expect(run(['lint', '--as-of', '2026-01-15', '-c', path.join(project.root, 'contentgov.config.json'), '-o', 'out-link/lint.json'], { cwd: written })).toMatchObject({
        exitCode: 2,
        stderr: `contentgov: cannot write ${path.join(written, 'out-link/lint.json')}: its folder leads out of the working directory through a symbolic link\n`,
      });
      expect(existsSync(elsewhere)).toBe(false);
      // From inside the project, its own folders and a link that stays inside are fine.
      mkdirSync(path.join(project.root, 'out'));
      link('out', 'out-alias');
      expect(run(['lint', '--as-of', '2026-01-15', '-o', 'out-alias/lint.json', '-o', 'new/folder/lint.sarif']).exitCode).toBe(0);
      expect(existsSync(path.join(project.root, 'out/lint.json'))).toBe(true);
      expect(existsSync(path.join(project.root, 'new/folder/lint.sarif'))).toBe(true);
    } finally {
      rmSync(written, { recursive: true, force: true });
    }
  });
});

describe('the config is read as content: a regular file, not a link out of its folder, never quoted', () => {
  const stderrOf = (args: string[]) => {
    const result = run(args);
    expect(result.stdout + result.stderr).not.toContain(CANARY);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.split('\n')).toHaveLength(2);
    return result.stderr;
  };
  beforeEach(() => {
    project.write('content/a.md', seedDocument());
    writeFileSync(path.join(outside, 'secret.txt'), `${CANARY}=hunter2\n`);
  });

  it('a discovered config that links out of its folder is refused; one that links inside it is read', () => {
    link(path.join(outside, 'secret.txt'), 'contentgov.config.json');
    expect(stderrOf(['lint'])).toBe('contentgov: cannot read config contentgov.config.json: it is a symbolic link leading out of its folder; not read\n');
    rmSync(path.join(project.root, 'contentgov.config.json'));
    link('/proc/self/environ', 'contentgov.config.json');
    expect(stderrOf(['overdue'])).toBe('contentgov: cannot read config contentgov.config.json: it is a symbolic link leading out of its folder; not read\n');
    rmSync(path.join(project.root, 'contentgov.config.json'));
    link('missing.json', 'contentgov.config.json');
    expect(stderrOf(['lint'])).toBe('contentgov: cannot read config contentgov.config.json: it is a broken symbolic link\n');
    rmSync(path.join(project.root, 'contentgov.config.json'));
    project.write('configs/main.json', JSON.stringify({ root: 'content' }));
    link('configs/main.json', 'contentgov.config.json');
    expect(run(['lint', '--as-of', '2026-01-15']).exitCode).toBe(0);
  });

  it('a config named with -c may be a link, but its text is never printed: the JSON error is a line and column', () => {
    link(path.join(outside, 'secret.txt'), 'named.json');
    expect(stderrOf(['lint', '-c', 'named.json'])).toBe('contentgov: named.json is not valid JSON: line 1, column 1: unexpected character\n');
    link('/proc/self/environ', 'environ.json');
    expect(stderrOf(['lint', '-c', 'environ.json'])).toBe('contentgov: environ.json is not valid JSON: line 1, column 1: unexpected character\n');
    project.write('contentgov.config.json', `{\n  "root": "content",\n  "ignore": [${CANARY}]\n}\n`);
    expect(stderrOf(['lint'])).toBe('contentgov: contentgov.config.json is not valid JSON: line 3, column 14: unexpected character\n');
    project.write('contentgov.config.json', `{\n  "root": "content",\n  "${CANARY}": 1,\n}\n`);
    expect(stderrOf(['lint'])).toBe('contentgov: contentgov.config.json is not valid JSON: line 4, column 1: expected double-quoted property name\n');
  });

  it('devices, FIFOs and huge files are not read as a config, found or named, and never block the run', () => {
    link('/dev/zero', 'zero.json');
    expect(stderrOf(['lint', '-c', 'zero.json'])).toBe('contentgov: cannot read config zero.json: it is a device, not a regular file\n');
    mkfifo('fifo.json');
    expect(stderrOf(['lint', '-c', 'fifo.json'])).toBe('contentgov: cannot read config fifo.json: it is a FIFO (named pipe), not a regular file\n');
    mkfifo('contentgov.config.json');
    expect(stderrOf(['lint'])).toBe('contentgov: cannot read config contentgov.config.json: it is a FIFO (named pipe), not a regular file\n');
    rmSync(path.join(project.root, 'contentgov.config.json'));
    project.write('contentgov.config.json', `{"root": "content", "ignore": [${'"x", '.repeat(300_000)}"x"]}`);
    expect(stderrOf(['lint'])).toBe('contentgov: cannot read config contentgov.config.json: larger than 1048576 bytes\n');
  });

  it('the redirects file and a --compare report are not quoted in their JSON errors either', () => {
    project.write('contentgov.config.json', JSON.stringify({ root: 'content', links: { redirects: 'redirects.json' } }));
    project.write('redirects.json', `{ ${CANARY} }`);
    expect(stderrOf(['lint'])).toBe(`contentgov: contentgov.config.json: links.redirects: redirects.json: not valid JSON (line 1, column 3: expected property name or '}')\n`);
    project.write('contentgov.config.json', JSON.stringify({ root: 'content' }));
    expect(stderrOf(['overdue', '--compare', path.join(outside, 'secret.txt')])).toBe(`contentgov: --compare ${path.join(outside, 'secret.txt')}: not valid JSON (line 1, column 1: unexpected character)\n`);
  });

  it('a --compare report that is a FIFO or a link to a device is a one-line error: never opened, so the run neither blocks nor fills the memory', () => {
    project.write('contentgov.config.json', JSON.stringify({ root: 'content' }));
    mkfifo('previous.json');
    expect(stderrOf(['overdue', '--compare', 'previous.json'])).toBe(`contentgov: --compare ${path.join(project.root, 'previous.json')}: not read: it is a FIFO (named pipe), not a regular file\n`);
    link('/dev/zero', 'zero.json');
    expect(stderrOf(['overdue', '--compare', 'zero.json'])).toBe(`contentgov: --compare ${path.join(project.root, 'zero.json')}: not read: it is a device, not a regular file\n`);
  });
});

describe('frontmatter values from the command line stay one line', () => {
  it('review --by and new refuse a line break (it would end the frontmatter), and write nothing', () => {
    const page = seedDocument();
    project.write('content/page.md', page);
    const injected = 'x\n---\nstatus: active\n';
    expect(run(['review', 'content/page.md', '--by', injected])).toMatchObject({ exitCode: 2, stderr: 'contentgov: --by: one line of text, without line breaks or control characters\n' });
    expect(read('content/page.md')).toBe(page);
    expect(run(['new', 'content/x.md', '--title', injected])).toMatchObject({ exitCode: 2, stderr: 'contentgov: --title: one line of text, without line breaks or control characters\n' });
    expect(run(['new', 'content/x.md', '--title', 'X', '--source', 'a\rb'])).toMatchObject({ exitCode: 2 });
    expect(existsSync(path.join(project.root, 'content/x.md'))).toBe(false);
  });

  it('new without a path names the missing PATH; its --as-of help speaks of the day recorded', () => {
    expect(run(['new', '--title', 'X'])).toMatchObject({ exitCode: 2, stderr: 'contentgov: new: give the PATH of the new file, inside the content root (contentgov new PATH --title TITLE)\n' });
    expect(run(['new', 'content/x.md'])).toMatchObject({ exitCode: 2, stderr: 'contentgov: new: give the page title with --title TITLE\n' });
    const help = run(['new', '--help']).stdout;
    expect(help).toMatch(/--as-of <date> +the day recorded as the last review/);
    expect(help).not.toContain('judge');
  });
});

describe('only regular files are opened', () => {
  it('a FIFO named *.md, found, named or linked with an anchor, is a finding and never blocks the run', () => {
    project.write('content/page.md', seedDocument({}, '[pipe](pipe.md#x)\n'));
    mkfifo('content/pipe.md');
    const found = lintJson();
    expect(findingsOf(found.report, 'content/pipe.md')).toEqual(['file-unreadable: not read: it is a FIFO (named pipe), not a regular file']);
    // Its anchors cannot be known: the FIFO's own finding is the one root cause, not a broken anchor too.
    expect(findingsOf(found.report, 'content/page.md')).toEqual([]);
    expect(findingsOf(lintJson(['content/pipe.md']).report, 'content/pipe.md')).toHaveLength(1);
    expect(run(['lint', '--fix', '--as-of', '2026-01-15']).exitCode).toBe(1);
    expect(run(['overdue', '--all', '--as-of', '2026-01-15']).stderr).toBe('');
    expect(run(['review', 'content/pipe.md', '--date', '2026-01-10'])).toMatchObject({ exitCode: 2, stderr: 'contentgov: content/pipe.md: not read: it is a FIFO (named pipe), not a regular file\n' });
    link('pipe.md', 'content/pipe-alias.md');
    expect(findingsOf(lintJson().report, 'content/pipe-alias.md')).toEqual(['file-unreadable: not read: it is a FIFO (named pipe), not a regular file']);
  });

  it('a socket named *.md is a finding, never opened', async () => {
    project.write('content/page.md', seedDocument());
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path.join(project.root, 'content/socket.md'), resolve));
    try {
      expect(findingsOf(lintJson().report, 'content/socket.md')).toEqual(['file-unreadable: not read: it is a socket, not a regular file']);
    } finally {
      server.close();
    }
  });

  it('an unreadable folder is a finding located at the folder, not a crash', (context) => {
    // chmod 000 does not stop root: as root, run the CLI as the unprivileged user "nobody".
    const asNobody = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
    const isRoot = process.getuid?.() === 0;
    if (isRoot && spawnSync('setpriv', ['--version']).status !== 0) context.skip();
    project.write('content/page.md', seedDocument());
    project.write('content/locked/hidden.md', seedDocument());
    chmodSync(project.root, 0o755);
    chmodSync(path.join(project.root, 'content/locked'), 0o000);
    try {
      const result = run(['lint', '--format', 'json', '--as-of', '2026-01-15'], isRoot ? { user: asNobody } : {});
      expect(result.stderr).toBe('');
      const report = JSON.parse(result.stdout);
      expect(result.exitCode).toBe(1);
      expect(findingsOf(report, 'content/locked')).toEqual(['file-unreadable: cannot list the folder (EACCES); nothing in it was checked']);
      expect(findingsOf(report, 'content/page.md')).toEqual([]);
    } finally {
      chmodSync(path.join(project.root, 'content/locked'), 0o755);
    }
  });
});

describe('linear cost on deep folders', () => {
  it('1,600 nested folders are walked in linear time (a hang guard, 10x the expected time)', () => {
    let folder = path.join(project.root, 'content');
    for (let depth = 0; depth < 1600; depth++) folder = path.join(folder, 'd');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'deep.md'), seedDocument());
    const started = performance.now();
    const { report, exitCode } = lintJson();
    const seconds = (performance.now() - started) / 1000;
    expect(exitCode).toBe(0);
    expect((report as unknown as { summary: { documents: number } }).summary.documents).toBe(1);
    // Before: 107 s (a realpath per folder, each as deep as the folder). Now about 2 s on a busy 2-core machine.
    expect(seconds).toBeLessThan(30);
  }, HANG_GUARD_MS);
});
