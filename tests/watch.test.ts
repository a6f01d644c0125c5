import { spawn } from 'node:child_process';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, seedDocument, tempProject, type TempProject } from './helpers/project.js';

let project: TempProject;
afterEach(() => project?.cleanup());

/** Resolves when the output contains `text`; the test's own timeout bounds the wait. */
function waitFor(read: () => string, text: string): Promise<void> {
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (read().includes(text)) {
        clearInterval(poll);
        resolve();
      }
    }, 20);
  });
}

/** lint --watch on the project, as a child process; `output` is what it has printed so far. */
function startWatch(args: string[] = []) {
  const child = spawn(process.execPath, [CLI, 'lint', '--watch', '--as-of', '2026-01-15', ...args], { cwd: project.root, env: { ...process.env, NO_COLOR: '1' } });
  let printed = '';
  let logged = '';
  child.stdout.on('data', (chunk) => (printed += chunk));
  child.stderr.on('data', (chunk) => (logged += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, output: () => printed, errors: () => logged, exited };
}

describe('lint --watch', () => {
  it('re-checks a saved file and the documents that link to it, until interrupted', async () => {
    project = tempProject();
    const targetUrl = { url: 'https://www.cancer.gov/target' };
    project.write('content/target.md', seedDocument(targetUrl, '# Target\n\n## Side effects\n'));
    project.write('content/linker.md', seedDocument({}, '[effects](target.md#side-effects)\n'));
    // Links by site path and by the target's canonical url count as links to it too.
    project.write('content/site-linker.md', seedDocument({}, '[effects](/target#side-effects)\n'));
    project.write('content/url-linker.md', seedDocument({}, '[effects](https://www.cancer.gov/target/#side-effects)\n'));
    project.write('content/other.md', seedDocument());
    const { child, output, exited } = startWatch();
    await waitFor(output, '[watching: 5 documents checked');
    const mark = output().length;

    // Save the way editors do: write a copy, rename it over the file.
    const temporary = path.join(project.root, 'content/.target.md.swp');
    writeFileSync(temporary, seedDocument(targetUrl, '# Target\n\n## Risks\n'));
    renameSync(temporary, path.join(project.root, 'content/target.md'));
    await waitFor(() => output().slice(mark), '✖');
    const update = output().slice(mark);
    expect(update).toContain('[content/target.md changed: 4 documents checked in');
    expect(update).toContain('content/linker.md:21:1  error    broken anchor: "target.md#side-effects"');
    expect(update).toContain('content/site-linker.md:21:1  error    broken anchor: "/target#side-effects"');
    expect(update).toContain('content/url-linker.md:21:1  error    broken anchor: "https://www.cancer.gov/target/#side-effects"');
    expect(update).not.toContain('content/other.md');

    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('checks the fragments into a page once it can be read, though its anchors and address are the same as before', async () => {
    project = tempProject();
    // Not UTF-8: not read, so a fragment into it is not checked. Saved as UTF-8, still without headings.
    project.write('content/target.md', Buffer.from(seedDocument({ url: undefined }, 'Body caf\xe9.\n'), 'latin1'));
    project.write('content/linker.md', seedDocument({}, '[x](target.md#x)\n'));
    const { child, output, exited } = startWatch();
    await waitFor(output, '[watching: 2 documents checked');
    expect(output()).not.toContain('broken anchor');
    const mark = output().length;
    writeFileSync(path.join(project.root, 'content/target.md'), seedDocument({ url: undefined }, 'Body café.\n'));
    await waitFor(() => output().slice(mark), '✖');
    const update = output().slice(mark);
    expect(update).toContain('[content/target.md changed: 2 documents checked in');
    expect(update).toContain('content/linker.md:21:1  error    broken anchor: "target.md#x" (content/target.md has no heading or id "x")');
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('re-checks the documents whose site links reach the saved file through links.routes', async () => {
    project = tempProject();
    project.write('contentgov.config.json', JSON.stringify({ links: { routes: [{ url: '/guides/:path/', file: 'content/:path.md' }] } }));
    project.write('content/guide.md', seedDocument({}, '# Guide\n\n## Side effects\n'));
    project.write('content/route-linker.md', seedDocument({}, '[effects](/guides/guide/#side-effects)\n'));
    project.write('content/other.md', seedDocument());
    const { child, output, exited } = startWatch();
    await waitFor(output, '[watching: 3 documents checked');
    const mark = output().length;
    writeFileSync(path.join(project.root, 'content/guide.md'), seedDocument({}, '# Guide\n\n## Risks\n'));
    await waitFor(() => output().slice(mark), '✖');
    const update = output().slice(mark);
    expect(update).toContain('[content/guide.md changed: 2 documents checked in');
    expect(update).toContain('content/route-linker.md:21:1  error    broken anchor: "/guides/guide/#side-effects"');
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('re-checks a save under a content root inside a dot-folder, and ignores saves in dot-folders below it', async () => {
    project = tempProject();
    project.write('contentgov.config.json', JSON.stringify({ root: '.docs' }));
    project.write('.docs/page.md', seedDocument());
    project.write('.docs/.drafts/draft.md', seedDocument());
    const { child, output, exited } = startWatch();
    await waitFor(output, '[watching: 1 document checked');
    const mark = output().length;
    writeFileSync(path.join(project.root, '.docs/.drafts/draft.md'), seedDocument({ title: undefined }));
    writeFileSync(path.join(project.root, '.docs/page.md'), seedDocument({ title: undefined }));
    await waitFor(() => output().slice(mark), '✖');
    const update = output().slice(mark);
    expect(update).toContain('[.docs/page.md changed: 1 document checked in');
    expect(update).not.toContain('draft.md');
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('with a machine format, stdout is a stream of reports only (the status lines go to stderr)', async () => {
    project = tempProject();
    project.write('content/page.md', seedDocument());
    const { child, output, errors, exited } = startWatch(['--format', 'json']);
    await waitFor(errors, '[watching: 1 document checked');
    await waitFor(output, '\n}\n');
    writeFileSync(path.join(project.root, 'content/page.md'), seedDocument({ title: undefined }));
    await waitFor(errors, '[content/page.md changed: 1 document checked');
    await waitFor(() => output().split('\n}\n').length > 2 ? 'both' : '', 'both');
    // Two whole JSON documents, one after the other, and nothing else.
    const reports = output().trim().split(/(?<=^\})\n(?=\{$)/m).map((text) => JSON.parse(text) as { summary: { errors: number } });
    expect(reports.map((report) => report.summary.errors)).toEqual([0, 1]);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('refuses, in one line and before watching, the options it would otherwise ignore', () => {
    project = tempProject();
    project.write('content/page.md', seedDocument());
    const refused = project.run(['lint', '--watch', 'content', '-o', 'report.json', '--no-links', '--max-warnings', '0']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe('contentgov: --watch checks the whole content root, offline, and only prints: it does not take paths, -o, --no-links, --max-warnings\n');
    expect(existsSync(path.join(project.root, 'report.json'))).toBe(false);
    for (const option of [['--report', 'r.json'], ['--fix'], ['--external'], ['--changed'], ['--shard', '1/2'], ['--jobs', '2'], ['--allow-private-hosts'], ['--external-budget', '5s'], ['--no-link-cache'], ['--progress'], ['--no-progress']]) {
      const result = project.run(['lint', '--watch', ...option]);
      expect([result.exitCode, result.stderr]).toEqual([2, `contentgov: --watch checks the whole content root, offline, and only prints: it does not take ${option[0]}\n`]);
    }
  });
});
