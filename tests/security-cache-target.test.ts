/**
 * links.cache.path comes from a config a pull request may change: the cache must never replace a
 * file that is not a cache (an untracked script, kept executable, that a later CI step runs), nor
 * anything of git's own.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/http-server.js';
import { runCliAsync, seedDocument, tempProject, type TempProject } from './helpers/project.js';

let server: TestServer;
let project: TempProject;

beforeAll(async () => {
  server = await startTestServer();
  project = tempProject();
  execFileSync('git', ['init', '-q'], { cwd: project.root });
});
afterAll(async () => {
  await server.close();
  project.cleanup();
});

const SCRIPT = '#!/bin/sh\necho built\n';

describe('the link cache never replaces what is not a cache', () => {
  it('leaves an untracked executable named by links.cache.path as it was (it became JSON that sh runs, $(…) in a URL included)', async () => {
    const script = project.write('tools/build.sh', SCRIPT);
    chmodSync(script, 0o755);
    project.write('.gitignore', 'tools/\n');
    project.write('contentgov.config.json', JSON.stringify({ links: { external: true, timeout: 2, retries: 0, cache: { path: 'tools/build.sh' } } }));
    project.write('content/a.md', seedDocument({}, `[x](<${server.origin}/missing?$(touch\${IFS}pwned)>)\n`));
    const result = await runCliAsync(['lint', '--format', 'json', '--allow-private-hosts'], project.root);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('link-external-broken');
    expect(server.hits.get('/missing')).toBeGreaterThan(0);
    expect(result.stderr).toContain("ignoring the link cache tools/build.sh: it is not a valid cache file; it is left as it is, and this run's results are not saved");
    expect(readFileSync(script, 'utf8')).toBe(SCRIPT);
    expect(statSync(script).mode & 0o777).toBe(0o755);
  });

  it('refuses a path inside .git, and leaves git config as it was', async () => {
    const gitConfig = path.join(project.root, '.git/config');
    const before = readFileSync(gitConfig, 'utf8');
    for (const inGit of ['.git/config', '.git/info/attributes', 'x/../.git/hooks/pre-commit']) {
      project.write('contentgov.config.json', JSON.stringify({ links: { external: true, timeout: 2, retries: 0, cache: { path: inGit } } }));
      const result = await runCliAsync(['lint', '--format', 'json', '--allow-private-hosts'], project.root);
      expect(result.exitCode, inGit).toBe(2);
      expect(result.stderr, inGit).toContain('is inside .git');
    }
    expect(readFileSync(gitConfig, 'utf8')).toBe(before);
    execFileSync('git', ['status', '--porcelain'], { cwd: project.root });
  });

  it('still writes a new cache file, and replaces its own', async () => {
    project.write('contentgov.config.json', JSON.stringify({ links: { external: true, timeout: 2, retries: 0, cache: { path: 'cache/links.json' } } }));
    project.write('content/a.md', seedDocument({}, `[x](${server.origin}/missing?own-cache)\n`));
    for (let run = 0; run < 2; run++) {
      const result = await runCliAsync(['lint', '--format', 'json', '--allow-private-hosts'], project.root);
      expect(result.stderr).toBe('');
      expect(Object.keys(JSON.parse(readFileSync(path.join(project.root, 'cache/links.json'), 'utf8')).entries)).toEqual([`${server.origin}/missing?own-cache`]);
    }
  });
});
