import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertValidReport } from './helpers/report-schema.js';
import { closedPort, startSloppyServer, startTestServer, type TestServer } from './helpers/http-server.js';
import { runCliAsync, seedDocument, tempProject, type JsonReport, type TempProject } from './helpers/project.js';

let server: TestServer;
let project: TempProject;
let deadPort: number;

const LINKS_CONFIG = { timeout: 1, retries: 2, retryDelay: 20, maxRetryAfter: 2, perHostConcurrency: 2, cache: { enabled: false } };

async function lintExternal(extraArgs: string[] = []) {
  const result = await runCliAsync(['lint', '--format', 'json', '--external', ...extraArgs], project.root);
  const report = JSON.parse(result.stdout) as JsonReport;
  assertValidReport(report);
  return { ...result, report };
}

const messagesByUrl = (report: JsonReport) =>
  Object.fromEntries(report.findings.filter((finding) => finding.ruleId.startsWith('link-')).map((finding) => [/"([^"]+)"/.exec(finding.message)![1], `${finding.severity} ${finding.ruleId} ${finding.message}`]));

beforeAll(async () => {
  server = await startTestServer();
  deadPort = await closedPort();
  project = tempProject();
  project.write('contentgov.config.json', JSON.stringify({ links: LINKS_CONFIG }));
});
afterAll(async () => {
  await server.close();
  project.cleanup();
});

describe('external links against a real server on 127.0.0.1', () => {
  let report: JsonReport;
  let exitCode: number;

  beforeAll(async () => {
    const paths = ['ok', 'missing', 'gone', 'linkedin', 'cloudflare', 'moved', 'loop-a', 'rate-limited', 'always-429', 'flaky', 'down', 'no-head', 'large', 'slow'];
    const body = paths.map((name) => `- [${name}](${server.origin}/${name})`).join('\n');
    project.write('content/a.md', seedDocument({}, `# A\n\n${body}\n- [dead](http://127.0.0.1:${deadPort}/)\n`));
    // The same URLs again in a second document: each is still requested once.
    project.write('content/b.md', seedDocument({}, `# B\n\n[ok](${server.origin}/ok) <${server.origin}/missing> ${server.origin}/flaky\n`));
    ({ report, exitCode } = await lintExternal(['--allow-private-hosts']));
  });

  it('gives each URL its verdict, with status and redirect chain', () => {
    const byUrl = messagesByUrl(report);
    const origin = server.origin;
    expect(byUrl[`${origin}/ok`]).toBeUndefined();
    expect(byUrl[`${origin}/moved`]).toBeUndefined();
    expect(byUrl[`${origin}/no-head`]).toBeUndefined();
    expect(byUrl[`${origin}/large`]).toBeUndefined();
    expect(byUrl[`${origin}/flaky`]).toBeUndefined();
    expect(byUrl[`${origin}/rate-limited`]).toBeUndefined();
    expect(byUrl[`${origin}/missing`]).toBe(`error link-external-broken broken external link: "${origin}/missing" (HTTP 404)`);
    expect(byUrl[`${origin}/gone`]).toBe(`error link-external-broken broken external link: "${origin}/gone" (HTTP 410)`);
    expect(byUrl[`${origin}/down`]).toBe(`error link-external-broken broken external link: "${origin}/down" (HTTP 503)`);
    expect(byUrl[`${origin}/loop-a`]).toBe(`error link-external-broken broken external link: "${origin}/loop-a" (HTTP 302, redirect loop via ${origin}/loop-b → ${origin}/loop-a)`);
    expect(byUrl[`${origin}/linkedin`]).toMatch(/^warning link-external-unverified .*999/);
    expect(byUrl[`${origin}/cloudflare`]).toMatch(/^warning link-external-unverified .*Cloudflare/);
    expect(byUrl[`${origin}/always-429`]).toMatch(/^warning link-external-unverified .*429/);
    expect(byUrl[`${origin}/slow`]).toBe(`warning link-external-timeout external link timed out: "${origin}/slow" (no answer within 1 s)`);
    expect(byUrl[`http://127.0.0.1:${deadPort}/`]).toBe(`error link-external-broken broken external link: "http://127.0.0.1:${deadPort}/" (ECONNREFUSED)`);
    expect(exitCode).toBe(1);
  });

  it('requests each unique URL once (plus retries and fallbacks), HEAD then GET', () => {
    expect(server.hits.get('/ok')).toBe(2); // itself, and as the target of /moved
    expect(server.hits.get('/missing')).toBe(1); // a 404 to HEAD is final
    expect(server.hits.get('/no-head')).toBe(2); // HEAD 405, GET 200
    expect(server.hits.get('/large')).toBe(2); // HEAD 405, GET 200 with its body cut short
    expect(server.hits.get('/flaky')).toBe(2); // 503, retried, 200
    expect(server.hits.get('/rate-limited')).toBe(2); // 429 with Retry-After: 1, then 200
    expect(server.hits.get('/down')).toBe(3); // 1 + 2 retries
    expect(server.hits.get('/always-429')).toBe(3);
  });

  it('counts links in the summary', () => {
    expect(report.links).toEqual({ total: 18, checked: 18, broken: 10, skipped: 0, cached: 0 });
  });
});

describe('private and metadata addresses', () => {
  it('are reported and never requested without --allow-private-hosts', async () => {
    const before = server.hits.get('/ok') ?? 0;
    project.write('content/a.md', seedDocument({}, `[loopback](${server.origin}/ok) [localhost](http://localhost:${server.port}/ok) [metadata](http://169.254.169.254/latest/meta-data/) [mapped](http://[::ffff:127.0.0.1]:${server.port}/ok)\n`));
    project.write('content/b.md', seedDocument());
    const { report, exitCode } = await lintExternal();
    expect(server.hits.get('/ok') ?? 0).toBe(before);
    expect(report.findings.map((finding) => `${finding.severity} ${finding.ruleId}`)).toEqual(Array(4).fill('warning link-private-host'));
    expect(exitCode).toBe(0);
  });

  it('are not opened by links.allowPrivateHosts in a config, which a pull request could set: a warning names the flag', async () => {
    const before = server.hits.get('/ok') ?? 0;
    project.write('contentgov.config.json', JSON.stringify({ links: { ...LINKS_CONFIG, allowPrivateHosts: true } }));
    project.write('content/a.md', seedDocument({}, `[loopback](${server.origin}/ok)\n`));
    try {
      const result = await runCliAsync(['lint', '--format', 'json', '--external'], project.root);
      expect(server.hits.get('/ok') ?? 0).toBe(before);
      expect(JSON.parse(result.stdout).findings.map((finding: { ruleId: string }) => finding.ruleId)).toEqual(['link-private-host']);
      expect(result.stderr).toBe('contentgov: warning: links.allowPrivateHosts in the config is not followed: a pull request could set it to make CI request its private network; pass --allow-private-hosts in the command instead\n');
    } finally {
      project.write('contentgov.config.json', JSON.stringify({ links: LINKS_CONFIG }));
    }
  });
});

describe('per-host limit, remap and exclude', () => {
  it('never has more requests in flight to one host than the limit', async () => {
    const body = Array.from({ length: 10 }, (_, index) => `[held ${index}](${server.origin}/held/${index})`).join('\n');
    project.write('content/a.md', seedDocument({}, `${body}\n`));
    const { exitCode } = await lintExternal(['--allow-private-hosts']);
    expect(exitCode).toBe(0);
    expect(server.maxInFlight).toBeGreaterThanOrEqual(1);
    expect(server.maxInFlight).toBeLessThanOrEqual(LINKS_CONFIG.perHostConcurrency);
  });

  it('never has more requests in flight in all than links.concurrency, each URL requested once', async () => {
    // Four hosts (one per port) holding each request 100 ms; 3 in all and 2 per host allowed.
    const inFlight = { now: 0, max: 0, maxPerHost: 0 };
    const requested: string[] = [];
    const servers: Server[] = [];
    for (let index = 0; index < 4; index++) {
      let hostInFlight = 0;
      const held = createServer((request, response) => {
        requested.push(`${index}${request.url}`);
        inFlight.max = Math.max(inFlight.max, ++inFlight.now);
        inFlight.maxPerHost = Math.max(inFlight.maxPerHost, ++hostInFlight);
        setTimeout(() => {
          inFlight.now--;
          hostInFlight--;
          response.writeHead(200).end();
        }, 100);
      });
      await new Promise<void>((resolve) => held.listen(0, '127.0.0.1', resolve));
      servers.push(held);
    }
    try {
      project.write('contentgov.config.json', JSON.stringify({ links: { ...LINKS_CONFIG, concurrency: 3 } }));
      const links = servers.flatMap((held, index) => Array.from({ length: 4 }, (_, page) => `[${index}.${page}](http://127.0.0.1:${(held.address() as AddressInfo).port}/${page})`));
      project.write('content/a.md', seedDocument({}, `${links.join('\n')}\n`));
      const { report, exitCode } = await lintExternal(['--allow-private-hosts']);
      expect(exitCode).toBe(0);
      expect(report.links).toMatchObject({ checked: 16, broken: 0 });
      expect(requested.sort()).toEqual(Array.from({ length: 16 }, (_, index) => `${Math.floor(index / 4)}/${index % 4}`));
      expect(inFlight.max).toBe(3);
      expect(inFlight.maxPerHost).toBeLessThanOrEqual(LINKS_CONFIG.perHostConcurrency);
    } finally {
      project.write('contentgov.config.json', JSON.stringify({ links: LINKS_CONFIG }));
      await Promise.all(servers.map((held) => new Promise((resolve) => held.close(resolve))));
    }
  });

  it('remaps URLs to a local server and skips excluded ones', async () => {
    project.write('contentgov.config.json', JSON.stringify({ links: { ...LINKS_CONFIG, remap: [{ pattern: '^https://www\\.example\\.org/', replacement: `${server.origin}/` }], exclude: ['^https://skip\\.example/'] } }));
    project.write('content/a.md', seedDocument({}, '[page](https://www.example.org/missing) [skipped](https://skip.example/x)\n'));
    const { report } = await lintExternal(['--allow-private-hosts']);
    expect(report.findings.map((finding) => finding.message)).toEqual([`broken external link: "https://www.example.org/missing" (HTTP 404)`]);
    expect(report.links).toMatchObject({ total: 2, skipped: 1 });
    project.write('contentgov.config.json', JSON.stringify({ links: LINKS_CONFIG }));
  });
});

describe('connections', () => {
  it('are kept alive across HEAD requests', async () => {
    const body = Array.from({ length: 12 }, (_, index) => `[ok ${index}](${server.origin}/ok?reuse=${index})`).join('\n');
    project.write('content/a.md', seedDocument({}, `${body}\n`));
    const before = server.connections;
    const { report } = await lintExternal(['--allow-private-hosts']);
    expect(report.findings).toEqual([]);
    expect(server.connections - before).toBeLessThanOrEqual(LINKS_CONFIG.perHostConcurrency);
  });

  it('survive a server that sends a body after its answer to HEAD', async () => {
    const sloppy = await startSloppyServer();
    try {
      const body = Array.from({ length: 12 }, (_, index) => `[page ${index}](${sloppy.origin}/page/${index})`).join('\n');
      project.write('content/a.md', seedDocument({}, `${body}\n`));
      const { report, exitCode } = await lintExternal(['--allow-private-hosts']);
      expect(report.findings).toEqual([]);
      expect(report.links).toMatchObject({ checked: 12, broken: 0 });
      expect(exitCode).toBe(0);
      expect(sloppy.requests()).toBeGreaterThanOrEqual(12);
    } finally {
      await sloppy.close();
    }
  });
});

describe('the progress bar', () => {
  const urls = Array.from({ length: 60 }, (_, index) => `${index}`);
  beforeAll(() => project.write('content/a.md', seedDocument({}, `${urls.map((index) => `[${index}](${server.origin}/ok?progress=${index})`).join('\n')}\n`)));

  it('shows on a pipe and in CI with --progress, redrawn at most every 100 ms and cleared at the end', async () => {
    const started = performance.now();
    const { stderr, exitCode } = await runCliAsync(['lint', '--format', 'json', '--external', '--allow-private-hosts', '--progress'], project.root, { CI: 'true' });
    const elapsed = performance.now() - started;
    expect(exitCode).toBe(0);
    const redraws = stderr.split('\r\u001b[2K').filter((part) => part.startsWith('['));
    expect(redraws.at(-1)).toMatch(/^\[#{24}\] 60\/60 URLs, 0 failing, \d+\/s$/);
    // One redraw per 100 ms of the run (plus the first and the last), not one per URL.
    expect(redraws.length).toBeLessThanOrEqual(2 + Math.ceil(elapsed / 100));
    expect(redraws.length).toBeLessThan(urls.length);
    expect(stderr.endsWith('\r\u001b[2K')).toBe(true);
  });

  it('is not shown when stderr is not a terminal, nor with --no-progress', async () => {
    for (const extra of [[], ['--no-progress']]) {
      const { stderr, exitCode } = await runCliAsync(['lint', '--format', 'json', '--external', '--allow-private-hosts', ...extra], project.root);
      expect(exitCode).toBe(0);
      expect(stderr).toBe('');
    }
  });
});

describe('the results cache', () => {
  it('answers from the cache on the next run, skips errors, and survives a corrupt file', async () => {
    const cacheFile = path.join(project.root, '.contentgov-cache/links.json');
    project.write('contentgov.config.json', JSON.stringify({ links: { ...LINKS_CONFIG, cache: { enabled: true, ttl: '1 day' } } }));
    project.write('content/a.md', seedDocument({}, `[ok](${server.origin}/ok?cache) [missing](${server.origin}/missing?cache) [down](${server.origin}/down?cache)\n`));
    const first = await lintExternal(['--allow-private-hosts']);
    expect(first.report.links).toMatchObject({ cached: 0 });
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8'));
    expect(Object.keys(cached.entries).sort()).toEqual([`${server.origin}/missing?cache`, `${server.origin}/ok?cache`]);
    const hitsBefore = server.hits.get('/down')!;
    const second = await lintExternal(['--allow-private-hosts']);
    expect(second.report.links).toMatchObject({ cached: 2 });
    expect(second.report.findings.map((finding) => finding.ruleId).sort()).toEqual(['link-external-broken', 'link-external-broken']);
    expect(server.hits.get('/down')).toBe(hitsBefore + 3); // 5xx is never cached
    writeFileSync(cacheFile, '{ not json');
    const third = await lintExternal(['--allow-private-hosts']);
    expect(third.stderr).toContain("contentgov: warning: ignoring the link cache .contentgov-cache/links.json: it is not a valid cache file; it is left as it is, and this run's results are not saved");
    expect(third.report.links).toMatchObject({ cached: 0 });
    expect(readFileSync(cacheFile, 'utf8')).toBe('{ not json');
    // Once it is removed, a run saves its results again; a change of the config in force invalidates them.
    rmSync(cacheFile);
    await lintExternal(['--allow-private-hosts']);
    expect((await lintExternal(['--allow-private-hosts'])).report.links).toMatchObject({ cached: 2 });
    project.write('contentgov.config.json', JSON.stringify({ links: { ...LINKS_CONFIG, timeout: 2, cache: { enabled: true, ttl: '1 day' } } }));
    expect((await lintExternal(['--allow-private-hosts'])).report.links).toMatchObject({ cached: 0 });
  });
});

describe('links.hosts "unverified" with the cache on', () => {
  it('turns a broken link into a warning on a cached run as on the first', async () => {
    project.write('contentgov.config.json', JSON.stringify({ links: { ...LINKS_CONFIG, hosts: { '127.0.0.1': 'unverified' }, cache: { enabled: true, ttl: '1 day' } } }));
    project.write('content/a.md', seedDocument({}, `[missing](${server.origin}/missing?unverified-host)\n`));
    const first = await lintExternal(['--allow-private-hosts']);
    const second = await lintExternal(['--allow-private-hosts']);
    expect(second.report.links).toMatchObject({ cached: 1 });
    for (const run of [first, second]) {
      expect(run.exitCode).toBe(0);
      expect(run.report.findings.map((finding) => `${finding.severity} ${finding.ruleId}`)).toEqual(['warning link-external-unverified']);
    }
  });
});

describe('the order checks start in', () => {
  it('is round robin over hosts, and linear however unequal the hosts', async () => {
    const { roundRobinByHost } = await import('../src/links/external/feeder.js');
    expect(roundRobinByHost(['https://a.org/1', 'https://a.org/2', 'https://a.org/3', 'http://b.org:8080/1', 'https://c.org/1', 'https://c.org/2', 'mailto:x@y.org'])).toEqual([
      'https://a.org/1', 'http://b.org:8080/1', 'https://c.org/1', 'mailto:x@y.org', 'https://a.org/2', 'https://c.org/2', 'https://a.org/3',
    ]);
    // One host with 50,000 URLs and 50,000 hosts with one each: 2.5 billion steps when quadratic.
    const skewed = [...Array.from({ length: 50_000 }, (_, index) => `https://big.example/${index}`), ...Array.from({ length: 50_000 }, (_, index) => `https://host${index}.example/`)];
    const started = performance.now();
    const order = roundRobinByHost(skewed);
    expect(performance.now() - started).toBeLessThan(5_000); // a hang guard: about 50 ms now
    expect(order.length).toBe(skewed.length);
    expect(new Set(order).size).toBe(skewed.length);
    expect(order.slice(0, 2)).toEqual(['https://big.example/0', 'https://host0.example/']);
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', async () => {
    const { retryAfter } = await import('../src/links/external/checker.js');
    const now = Date.UTC(2026, 0, 15, 12, 0, 0);
    expect(retryAfter('3', now)).toBe(3000);
    expect(retryAfter('Thu, 15 Jan 2026 12:00:05 GMT', now)).toBe(5000);
    expect(retryAfter('Thu, 15 Jan 2026 11:00:00 GMT', now)).toBe(0);
    expect(retryAfter('soon', now)).toBeUndefined();
    expect(retryAfter(undefined, now)).toBeUndefined();
  });
});
