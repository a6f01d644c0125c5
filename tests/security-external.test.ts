/**
 * External checking on hostile content: bounded in time, never requesting a special-purpose
 * address or a non-web scheme, with a results cache that may have been planted.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specialPurposeBlock } from '../src/links/external/address.js';
import { parseTimeSpan } from '../src/schema/time-span.js';
import { startSilentServer, startTestServer, type TestServer } from './helpers/http-server.js';
import { parseReport, runCliAsync, seedDocument, tempProject, type JsonReport, type TempProject } from './helpers/project.js';

const NO_CACHE = { cache: { enabled: false } };

let server: TestServer;
let project: TempProject;

beforeAll(async () => {
  server = await startTestServer();
  project = tempProject();
});
afterAll(async () => {
  await server.close();
  project.cleanup();
});

/** Runs lint --external on one document holding `links`, with `links` config; returns the report, stderr and wall time. */
async function lintLinks(links: string[], config: Record<string, unknown>, args: string[] = []) {
  project.write('contentgov.config.json', JSON.stringify({ links: config }));
  project.write('content/a.md', seedDocument({}, `# A\n\n${links.map((url, index) => `- [link ${index}](${url})`).join('\n')}\n`));
  const started = Date.now();
  const result = await runCliAsync(['lint', '--format', 'json', '--external', ...args], project.root);
  const milliseconds = Date.now() - started;
  return { ...result, report: parseReport(result), milliseconds };
}

const outcomes = (report: JsonReport) => report.findings.map((finding) => `${finding.ruleId} ${finding.message}`);

describe('special-purpose addresses (IANA registries)', () => {
  // [address, the block refusing it (undefined: an ordinary address)], at the edges of each block.
  const table: [string, string | undefined][] = [
    ['0.0.0.0', '0.0.0.0/8'], ['0.255.255.255', '0.0.0.0/8'], ['1.0.0.0', undefined],
    ['9.255.255.255', undefined], ['10.0.0.0', '10.0.0.0/8'], ['10.255.255.255', '10.0.0.0/8'], ['11.0.0.0', undefined],
    ['100.63.255.255', undefined], ['100.64.0.0', '100.64.0.0/10'], ['100.127.255.255', '100.64.0.0/10'], ['100.128.0.0', undefined],
    ['100.100.100.199', '100.64.0.0/10'], ['100.100.100.200', '100.100.100.200/32'], ['168.63.129.15', undefined], ['168.63.129.16', '168.63.129.16/32'], ['168.63.129.17', undefined],
    ['126.255.255.255', undefined], ['127.0.0.0', '127.0.0.0/8'], ['127.255.255.255', '127.0.0.0/8'], ['128.0.0.0', undefined],
    ['169.253.255.255', undefined], ['169.254.0.0', '169.254.0.0/16'], ['169.254.169.254', '169.254.0.0/16'], ['169.255.0.0', undefined],
    ['172.15.255.255', undefined], ['172.16.0.0', '172.16.0.0/12'], ['172.31.255.255', '172.16.0.0/12'], ['172.32.0.0', undefined],
    ['191.255.255.255', undefined], ['192.0.0.0', '192.0.0.0/24'], ['192.0.0.255', '192.0.0.0/24'], ['192.0.1.0', undefined],
    ['192.0.2.0', '192.0.2.0/24'], ['192.0.2.255', '192.0.2.0/24'], ['192.0.3.0', undefined],
    ['192.31.195.255', undefined], ['192.31.196.0', '192.31.196.0/24'], ['192.31.196.255', '192.31.196.0/24'], ['192.31.197.0', undefined],
    ['192.52.193.0', '192.52.193.0/24'], ['192.52.193.255', '192.52.193.0/24'],
    ['192.88.98.255', undefined], ['192.88.99.0', '192.88.99.0/24'], ['192.88.99.255', '192.88.99.0/24'], ['192.88.100.0', undefined],
    ['192.167.255.255', undefined], ['192.168.0.0', '192.168.0.0/16'], ['192.168.255.255', '192.168.0.0/16'], ['192.169.0.0', undefined],
    ['192.175.48.0', '192.175.48.0/24'], ['192.175.48.255', '192.175.48.0/24'],
    ['198.17.255.255', undefined], ['198.18.0.0', '198.18.0.0/15'], ['198.19.255.255', '198.18.0.0/15'], ['198.20.0.0', undefined],
    ['198.51.99.255', undefined], ['198.51.100.0', '198.51.100.0/24'], ['198.51.100.255', '198.51.100.0/24'], ['198.51.101.0', undefined],
    ['203.0.112.255', undefined], ['203.0.113.0', '203.0.113.0/24'], ['203.0.113.255', '203.0.113.0/24'], ['203.0.114.0', undefined],
    ['223.255.255.255', undefined], ['224.0.0.0', '224.0.0.0/4'], ['239.255.255.255', '224.0.0.0/4'], ['240.0.0.0', '240.0.0.0/4'], ['255.255.255.255', '240.0.0.0/4'],
    ['8.8.8.8', undefined], ['1.1.1.1', undefined],
    ['::', '::/128'], ['::1', '::1/128'], ['::2', '::/96'], ['::ffff:ffff', '::/96'], ['::1:0:0', undefined],
    ['::ffff:0:0', '0.0.0.0/8'], ['::ffff:127.0.0.1', '127.0.0.0/8'], ['::ffff:7f00:1', '127.0.0.0/8'], ['::ffff:198.18.0.1', '198.18.0.0/15'], ['::ffff:8.8.8.8', undefined],
    ['::ffff:0:0:0', '::ffff:0:0:0/96'], ['::ffff:0:ffff:ffff', '::ffff:0:0:0/96'], ['::fffe:ffff:ffff:ffff', undefined],
    ['64:ff9b::', '64:ff9b::/96'], ['64:ff9b::ffff:ffff', '64:ff9b::/96'], ['64:ff9b::1:0:0', undefined],
    ['64:ff9b:1::', '64:ff9b:1::/48'], ['64:ff9b:1:ffff:ffff:ffff:ffff:ffff', '64:ff9b:1::/48'], ['64:ff9b:2::', undefined],
    ['100::', '100::/64'], ['100::ffff:ffff:ffff:ffff', '100::/64'], ['100:0:0:1::', '100:0:0:1::/64'], ['100:0:0:2::', undefined],
    ['2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff', undefined], ['2001::', '2001::/23'], ['2001:1::1', '2001::/23'], ['2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff', '2001::/23'], ['2001:200::', undefined],
    ['2001:db7:ffff:ffff:ffff:ffff:ffff:ffff', undefined], ['2001:db8::', '2001:db8::/32'], ['2001:db8:ffff:ffff:ffff:ffff:ffff:ffff', '2001:db8::/32'], ['2001:db9::', undefined],
    ['2001:ffff:ffff:ffff:ffff:ffff:ffff:ffff', undefined], ['2002::', '2002::/16'], ['2002:c0a8:101::1', '2002::/16'], ['2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '2002::/16'], ['2003::', undefined],
    ['2620:4f:7fff:ffff:ffff:ffff:ffff:ffff', undefined], ['2620:4f:8000::', '2620:4f:8000::/48'], ['2620:4f:8000:ffff:ffff:ffff:ffff:ffff', '2620:4f:8000::/48'], ['2620:4f:8001::', undefined],
    ['3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff', undefined], ['3fff::', '3fff::/20'], ['3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff', '3fff::/20'], ['3fff:1000::', undefined],
    ['5eff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', undefined], ['5f00::', '5f00::/16'], ['5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '5f00::/16'], ['5f01::', undefined],
    ['fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', undefined], ['fc00::', 'fc00::/7'], ['fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'fc00::/7'],
    ['fe80::', 'fe80::/10'], ['febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'fe80::/10'], ['fec0::', 'fec0::/10'], ['feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'fec0::/10'],
    ['ff00::', 'ff00::/8'], ['ff02::1', 'ff00::/8'], ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'ff00::/8'],
    ['2606:4700:4700::1111', undefined], ['2a00:1450:4001::200e', undefined],
  ];

  it.each(table)('%s is refused by %s', (address, block) => {
    expect(specialPurposeBlock(address)?.split(' ')[0]).toBe(block);
  });

  it('opens loopback, private and shared blocks to --allow-private-hosts, and no other: never link-local or a cloud\'s metadata address', () => {
    const opened = ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '100.64.0.1', '100.100.100.201', '::1', 'fd00::1', 'fd00:ec2::253', '::ffff:127.0.0.1'];
    const stillRefused = ['0.0.0.0', '198.18.0.1', '192.0.0.1', '192.0.2.1', '224.0.0.1', '255.255.255.255', '::', '::127.0.0.1', '::ffff:0:7f00:1', '64:ff9b::7f00:1', '2002:7f00:1::', '2001::1', 'fec0::1', 'ff02::1'];
    const metadata = ['169.254.169.254', '169.254.0.1', '::ffff:169.254.169.254', 'fe80::1', 'fd00:ec2::254', '100.100.100.200', '168.63.129.16'];
    expect(metadata.filter((address) => specialPurposeBlock(address, true) === undefined)).toEqual([]);
    expect(opened.filter((address) => specialPurposeBlock(address, true) !== undefined)).toEqual([]);
    expect(stillRefused.filter((address) => specialPurposeBlock(address, true) === undefined)).toEqual([]);
  });

  it('refuses what is not an IP address', () => {
    expect(specialPurposeBlock('example.org')).toBe('not an IP address');
  });

  it('are never connected to, even with --allow-private-hosts', async () => {
    const port = server.port;
    // 0.0.0.0 reaches the loopback server on Linux, and the IPv6 wrappings of 127.0.0.1 might
    // elsewhere: none may get a request. The others would hang until the timeout if connected.
    const special = [
      `http://0.0.0.0:${port}/special/zero`,
      `http://[::]:${port}/special/unspecified`,
      `http://[::127.0.0.1]:${port}/special/compatible`,
      `http://[::ffff:0:7f00:1]:${port}/special/translated`,
      `http://[64:ff9b::7f00:1]:${port}/special/nat64`,
      `http://[2002:7f00:1::1]:${port}/special/6to4`,
      `http://198.18.0.1:${port}/special/benchmarking`,
      'http://192.0.2.1/special/documentation',
      'http://192.0.0.8/special/ietf',
      'http://224.0.0.1/special/multicast',
      'http://255.255.255.255/special/broadcast',
      'http://[ff02::1]/special/multicast6',
      'http://[fec0::1]/special/site-local',
    ];
    const { report, milliseconds } = await lintLinks([...special, `${server.origin}/ok?control`], { timeout: 30, ...NO_CACHE }, ['--allow-private-hosts']);
    const byUrl = new Map(report.findings.map((finding) => [/"([^"]+)"/.exec(finding.message)![1], finding]));
    for (const url of special) expect(byUrl.get(url)?.ruleId, url).toBe('link-private-host');
    expect(byUrl.get('http://0.0.0.0:' + port + '/special/zero')?.message).toContain('in 0.0.0.0/8');
    expect(byUrl.get(`http://198.18.0.1:${port}/special/benchmarking`)?.message).toContain('198.18.0.0/15 (benchmarking)');
    expect(report.findings).toHaveLength(special.length);
    expect([...server.hits.keys()].filter((key) => key.startsWith('/special'))).toEqual([]);
    expect(server.hits.get('/ok')).toBeGreaterThanOrEqual(1);
    expect(milliseconds).toBeLessThan(25_000); // hang guard: a connection attempt would wait 30 s
  });
});

describe('redirects', () => {
  it('to anything but http(s) are broken links, never followed', async () => {
    const links = ['to-file', 'to-ftp', 'to-javascript'].map((route) => `${server.origin}/${route}`);
    const { report, exitCode } = await lintLinks(links, NO_CACHE, ['--allow-private-hosts']);
    expect(outcomes(report)).toEqual([
      `link-external-broken broken external link: "${server.origin}/to-file" (HTTP 302, redirect to a non-web scheme via file:///etc/passwd)`,
      `link-external-broken broken external link: "${server.origin}/to-ftp" (HTTP 301, redirect to a non-web scheme via ftp://files.example.invalid/pub/x)`,
      `link-external-broken broken external link: "${server.origin}/to-javascript" (HTTP 307, redirect to a non-web scheme via javascript:alert(document.domain))`,
    ]);
    expect(exitCode).toBe(1);
  });
});

describe('time', () => {
  it('parses spans of time', () => {
    const span = (text: string) => parseTimeSpan(text);
    expect(['10 minutes', '90 s', '1 h 30 min', '2 minutes and 10 seconds', 'PT10M', 'pt1m30s', '1.5 s', '24 hours', '500 ms', '2 milliseconds', '1 min 5 ms'].map(span)).toEqual([
      600_000, 90_000, 5_400_000, 130_000, 600_000, 90_000, 1500, 86_400_000, 500, 2, 60_005,
    ]);
    expect(['', '0 s', 'PT', '10', 'ten minutes', '25 hours', '1 day', '10 minutes and', 'P1D', '5 mss'].map(span)).toEqual(Array(10).fill(undefined));
    // Zero, where a setting allows it (no wait before a retry).
    expect(['0 s', '0 ms', 'PT0S'].map((text) => parseTimeSpan(text, { zero: true }))).toEqual([0, 0, 0]);
  });

  it('a host that never answers costs two timeouts, not one per link', async () => {
    const silent = await startSilentServer();
    try {
      const links = Array.from({ length: 200 }, (_, index) => `${silent.origin}/page/${index}`);
      const { report, milliseconds, exitCode } = await lintLinks(links, { timeout: 1, ...NO_CACHE }, ['--allow-private-hosts']);
      expect(report.findings.map((finding) => finding.ruleId)).toEqual(Array(200).fill('link-external-timeout'));
      // The 4 requests in flight (perHostConcurrency), and one more started between the first and second timeouts.
      expect(report.findings.filter((finding) => finding.message.includes('no answer within 1 s')).length).toBeLessThanOrEqual(5);
      expect(report.findings.at(-1)!.message).toContain(`not requested: ${new URL(silent.origin).host} let 2 requests time out at 1 s earlier in this run`);
      expect(silent.requests()).toBeLessThanOrEqual(5);
      expect(exitCode).toBe(0);
      expect(milliseconds).toBeLessThan(20_000); // hang guard: one timeout per link took 50 s
    } finally {
      await silent.close();
    }
  });

  it('the run budget ends every check, and what was not answered is unverified', async () => {
    const silent = await startSilentServer();
    try {
      const links = Array.from({ length: 20 }, (_, index) => `${silent.origin}/page/${index}`);
      const { report, stderr, milliseconds, exitCode } = await lintLinks(links, { timeout: 60, ...NO_CACHE }, ['--allow-private-hosts', '--external-budget', '2 s']);
      expect(new Set(outcomes(report).map((line) => line.replace(/"[^"]+"/, '"URL"')))).toEqual(new Set([`link-external-unverified unverified external link: "URL" (not checked: the run's budget of 2 s ran out)`]));
      expect(report.findings).toHaveLength(20);
      expect(stderr).toContain('contentgov: warning: the external link budget of 2 s ran out: 20 external links were not checked\n');
      expect(exitCode).toBe(0);
      expect(milliseconds).toBeLessThan(30_000); // hang guard: the 60 s timeout would take minutes
    } finally {
      await silent.close();
    }
  });

  it('links.budget in the config, and a budget that is not a span of time', async () => {
    const silent = await startSilentServer();
    try {
      const { report } = await lintLinks([`${silent.origin}/x`], { timeout: 60, budget: 'PT1S', ...NO_CACHE }, ['--allow-private-hosts']);
      expect(outcomes(report)).toEqual([`link-external-unverified unverified external link: "${silent.origin}/x" (not checked: the run's budget of PT1S ran out)`]);
    } finally {
      await silent.close();
    }
    project.write('contentgov.config.json', JSON.stringify({ links: { budget: 'forever' } }));
    const badConfig = await runCliAsync(['lint', '--external'], project.root);
    expect(badConfig.exitCode).toBe(2);
    expect(badConfig.stderr).toContain('budget');
    project.write('contentgov.config.json', '{}');
    const badFlag = await runCliAsync(['lint', '--external', '--external-budget', 'soon'], project.root);
    expect(badFlag.exitCode).toBe(2);
    expect(badFlag.stderr).toContain('--external-budget');
  });

  it('Retry-After: 999999 is not waited for', async () => {
    const links = Array.from({ length: 8 }, (_, index) => `${server.origin}/come-back-in-11-days?${index}`);
    const { report, milliseconds } = await lintLinks(links, NO_CACHE, ['--allow-private-hosts']);
    expect(new Set(outcomes(report).map((line) => line.replace(/"[^"]+"/, '"URL"')))).toEqual(
      new Set(['link-external-unverified unverified external link: "URL" (rate limited (429), asked to wait 999999 s, longer than links.maxRetryAfter (60 s))']),
    );
    expect(report.findings).toHaveLength(8);
    expect(server.hits.get('/come-back-in-11-days')).toBe(8);
    expect(milliseconds).toBeLessThan(30_000); // hang guard: 120 s per URL before
  });

  it('a URL gets at most links.timeout × (retries + 1) + links.maxRetryAfter, waits included', async () => {
    // 0.2 s × 11 + 1 s = 3.2 s: three waits of Retry-After: 1, not ten.
    const { report } = await lintLinks([`${server.origin}/busy`], { timeout: 0.2, retries: 10, maxRetryAfter: 1, ...NO_CACHE }, ['--allow-private-hosts']);
    expect(outcomes(report)).toEqual([`link-external-unverified unverified external link: "${server.origin}/busy" (rate limited (429) after every retry)`]);
    expect(server.hits.get('/busy')).toBe(4);
  });

  it('redirect hops come out of the same allowance', async () => {
    // 1 s in all: the fourth 300 ms hop gets what is left, and does not make it.
    const { report } = await lintLinks([`${server.origin}/relay/0`], { timeout: 1, retries: 0, maxRetryAfter: 0, maxRedirects: 50, ...NO_CACHE }, ['--allow-private-hosts']);
    expect(outcomes(report)).toEqual([expect.stringMatching(/^link-external-timeout external link timed out: "[^"]+\/relay\/0" \(gave up after the URL's 1 s \(links\.timeout × \(retries \+ 1\) \+ links\.maxRetryAfter\) via /)]);
    expect(server.hits.get('/relay/5')).toBeUndefined();
  });
});

describe('no network', () => {
  // Names with a 64-character label under the reserved .invalid TLD (RFC 2606, RFC 6761): the
  // resolver refuses them before sending any query, so the lookups fail as without a network.
  const host = (letter: string) => `${letter.repeat(64)}.invalid`;

  it('says so once, and the links are unverified rather than broken', async () => {
    const links = [`https://${host('a')}/one`, `https://${host('a')}/two`, `http://${host('b')}/`, `https://${host('c')}/page`];
    const { report, stderr, exitCode } = await lintLinks(links, NO_CACHE);
    expect(outcomes(report).map((line) => line.replace(/"[^"]+"/, '"URL"'))).toEqual(Array(4).fill('link-external-unverified unverified external link: "URL" (not checked: no network (no host name could be looked up))'));
    expect(stderr.match(/no network/g)).toHaveLength(1);
    expect(stderr).toContain('contentgov: warning: no network: 4 external links could not be checked\n');
    expect(exitCode).toBe(0);
  });

  it('but a host that is not found while others are is a broken link', async () => {
    const { report, stderr } = await lintLinks([`https://${host('a')}/one`, `http://localhost:${server.port}/ok?resolved`], NO_CACHE, ['--allow-private-hosts']);
    expect(outcomes(report)).toEqual([`link-external-broken broken external link: "https://${host('a')}/one" (host ${host('a')} not found)`]);
    expect(stderr).not.toContain('no network');
  });
});

describe('the results cache', () => {
  const config = { cache: { enabled: true, ttl: '1 day' } };
  const cacheFile = () => path.join(project.root, '.contentgov-cache/links.json');

  it('drops malformed entries with one warning, and clamps a checkedAt in the future to now', async () => {
    rmSync(path.join(project.root, '.contentgov-cache'), { recursive: true, force: true });
    const links = [`${server.origin}/ok?cache-a`, `${server.origin}/missing?cache-b`];
    await lintLinks(links, config, ['--allow-private-hosts']);
    const cache = JSON.parse(readFileSync(cacheFile(), 'utf8'));
    expect(Object.keys(cache.entries)).toHaveLength(2);
    cache.entries[`${server.origin}/missing?cache-b`] = { outcome: 'external-ok', redirects: [], checkedAt: 9e15 };
    cache.entries['https://planted.example/1'] = { outcome: 'external-ok', redirects: 'x', checkedAt: 1 };
    cache.entries['https://planted.example/2'] = { outcome: 'bogus', redirects: [], checkedAt: 1 };
    cache.entries['https://planted.example/3'] = { outcome: 'external-ok', redirects: [], detail: { toString: 'x' }, checkedAt: Date.now() };
    cache.entries['https://planted.example/4'] = null;
    writeFileSync(cacheFile(), JSON.stringify(cache));
    const before = Date.now();
    const { report, stderr } = await lintLinks(links, config, ['--allow-private-hosts']);
    expect(stderr.match(/warning/g)).toHaveLength(1);
    expect(stderr).toContain('contentgov: warning: dropped 4 malformed entries from the link cache .contentgov-cache/links.json\n');
    expect(report.links).toMatchObject({ cached: 2 });
    const saved = JSON.parse(readFileSync(cacheFile(), 'utf8'));
    expect(Object.keys(saved.entries).sort()).toEqual(links.sort());
    expect(saved.entries[`${server.origin}/missing?cache-b`].checkedAt).toBeLessThanOrEqual(Date.now());
    expect(saved.entries[`${server.origin}/missing?cache-b`].checkedAt).toBeGreaterThanOrEqual(before);
  });

  it('is ignored (not read, not written) when git tracks it: a pull request cannot vouch for its own dead links', async () => {
    const own = tempProject();
    try {
      const dead = `${server.origin}/missing?committed`;
      own.write('contentgov.config.json', JSON.stringify({ links: config }));
      own.write('content/a.md', seedDocument({}, `[dead](${dead})\n`));
      const lint = async () => parseReport(await runCliAsync(['lint', '--format', 'json', '--external', '--allow-private-hosts'], own.root));
      expect(outcomes(await lint())).toEqual([expect.stringMatching(/^link-external-broken /)]);
      // The PR's cache says the dead link answered yesterday: untracked, it is believed (what the ttl allows).
      const file = path.join(own.root, '.contentgov-cache/links.json');
      const planted = JSON.parse(readFileSync(file, 'utf8'));
      planted.entries[dead] = { outcome: 'external-ok', redirects: [], checkedAt: Date.now() };
      writeFileSync(file, JSON.stringify(planted));
      expect(outcomes(await lint())).toEqual([]);
      execFileSync('git', ['init', '-q'], { cwd: own.root });
      execFileSync('git', ['add', '.contentgov-cache/links.json'], { cwd: own.root });
      const tracked = await runCliAsync(['lint', '--format', 'json', '--external', '--allow-private-hosts'], own.root);
      expect(tracked.stderr).toBe('contentgov: warning: ignoring the link cache .contentgov-cache/links.json: git tracks it, so a pull request could vouch for its own links; keep it out of version control\n');
      expect(outcomes(parseReport(tracked))).toEqual([expect.stringMatching(/^link-external-broken /)]);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(planted);
    } finally {
      own.cleanup();
    }
  });

  it('stays inside the project root', async () => {
    for (const outside of ['../outside.json', '/tmp/contentgov-outside.json', 'cache/../../outside.json']) {
      project.write('contentgov.config.json', JSON.stringify({ links: { cache: { path: outside } } }));
      const result = await runCliAsync(['lint', '--external'], project.root);
      expect(result.exitCode, outside).toBe(2);
      expect(result.stderr).toContain('links.cache.path');
    }
  });

  it('is not read or written through a symlink that leaves the root; an in-root symlink is kept', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'contentgov-outside-'));
    try {
      writeFileSync(path.join(outside, 'links.json'), '{"secret": true}');
      rmSync(path.join(project.root, '.contentgov-cache'), { recursive: true, force: true });
      symlinkSync(outside, path.join(project.root, '.contentgov-cache'));
      const links = [`${server.origin}/ok?symlink`];
      project.write('content/a.md', seedDocument({}, `[a](${links[0]})\n`));
      project.write('contentgov.config.json', JSON.stringify({ links: config }));
      const result = await runCliAsync(['lint', '--external', '--allow-private-hosts'], project.root);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('links.cache.path .contentgov-cache/links.json leads outside the project root');
      expect(readFileSync(path.join(outside, 'links.json'), 'utf8')).toBe('{"secret": true}');

      rmSync(path.join(project.root, '.contentgov-cache'));
      mkdirSync(path.join(project.root, '.contentgov-cache'));
      project.write('store/links.json', '{}');
      symlinkSync('../store/links.json', cacheFile());
      const inRoot = await lintLinks(links, config, ['--allow-private-hosts']);
      expect(inRoot.exitCode).toBe(0);
      expect(lstatSync(cacheFile()).isSymbolicLink()).toBe(true);
      expect(existsSync(path.join(project.root, 'store/links.json'))).toBe(true);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
