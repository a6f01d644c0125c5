/**
 * A config and an environment written by someone else: patterns that would backtrack for hours,
 * keys that are Object.prototype's names, review intervals and clocks past any calendar, and the
 * config file itself (where it is, whether it exists, which bytes it is).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonErrorOffset } from '../src/corpus/json.js';
import { expectRefusedConfig } from './helpers/config.js';
import { startTestServer } from './helpers/http-server.js';
import { CLI, lintJson, runCliAsync, seedDocument, tempProject, type TempProject } from './helpers/project.js';

let project: TempProject;
afterEach(() => project?.cleanup());

const writeConfig = (config: unknown, file = 'contentgov.config.json') => project.write(file, JSON.stringify(config, null, 2));
const findingsOf = (report: { findings: { ruleId: string; file: string; line: number; column: number; message: string }[] }) =>
  report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId} ${finding.message}`);

function expectConfigError(args: string[], expected: string, options: { env?: NodeJS.ProcessEnv } = {}) {
  const result = project.run(args, options);
  expect(result.stdout).toBe('');
  expect(result.stderr).toBe(`contentgov: ${expected}\n`);
  expect(result.exitCode).toBe(2);
}

describe('user regular expressions run in linear time (RE2)', () => {
  it('^(a+)+$ against a 40-character value answers at once, and matches as before', () => {
    project = tempProject();
    writeConfig({ fields: { owner: { type: 'string', pattern: '^(a+)+$' } }, links: { exclude: ['^(a+)+$'] } });
    project.write('content/evil.md', seedDocument({ owner: `${'a'.repeat(40)}!` }));
    project.write('content/good.md', seedDocument({ owner: 'a'.repeat(40) }));
    // A hang guard, not a benchmark: a backtracking engine needs about 2^40 steps here (hours);
    // the run takes well under a second, so 20 s is a margin of more than ten times.
    const started = performance.now();
    const child = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', '--as-of', '2026-01-15', '--no-links'], { cwd: project.root, encoding: 'utf8', timeout: 20_000 });
    expect(child.signal).toBeNull();
    expect(performance.now() - started).toBeLessThan(20_000);
    const report = JSON.parse(child.stdout);
    expect(findingsOf(report)).toEqual([`content/evil.md:19:1 metadata-schema "owner" must be text matching /^(a+)+$/; got "${'a'.repeat(40)}!"`]);
    expect(child.status).toBe(1);
  });

  it('links.exclude ^…(a+)+$ against a 40-character URL tail answers at once: the near miss is requested, the match skipped', async () => {
    project = tempProject();
    const server = await startTestServer();
    try {
      const run = 'a'.repeat(40);
      writeConfig({ links: { exclude: ['^http://127\\.0\\.0\\.1:\\d+/ok\\?(a+)+$'], retries: 0, cache: { enabled: false } } });
      project.write('content/a.md', seedDocument({}, `# A\n\n[near miss](${server.origin}/ok?${run}!) and [match](${server.origin}/ok?${run}).\n`));
      const started = performance.now();
      const result = await runCliAsync(['lint', '--format', 'json', '--as-of', '2026-01-15', '--external', '--allow-private-hosts'], project.root);
      // Hang guard: a backtracking engine needs about 2^40 steps for the near miss; 20 s is over ten times a slow run.
      expect(performance.now() - started).toBeLessThan(20_000);
      expect(JSON.parse(result.stdout).links).toMatchObject({ total: 2, skipped: 1, broken: 0 });
      expect(server.hits.get('/ok')).toBe(1);
      expect(result.exitCode).toBe(0);
    } finally {
      await server.close();
    }
  });

  it.each([
    [{ fields: { owner: { type: 'string', pattern: '^(a)\\1$' } } }, 'fields.owner.pattern: is not a regular expression contentgov can run (invalid escape sequence: `\\1`); patterns use RE2 syntax, without lookaround or backreferences'],
    [{ fields: { title: { pattern: '^(?!Draft)' } } }, 'fields.title.pattern: is not a regular expression contentgov can run (invalid or unsupported Perl syntax: `(?!`); patterns use RE2 syntax, without lookaround or backreferences'],
    [{ links: { exclude: ['^https://ok/', '(?<=x)y'] } }, 'links.exclude[1]: is not a regular expression contentgov can run'],
    [{ overrides: [{ files: ['content/**'], fields: { owner: { type: 'string', pattern: '(a)\\1' } } }] }, 'overrides[0].fields.owner.pattern: is not a regular expression contentgov can run'],
  ])('a pattern RE2 cannot compile, %j, exits 2 naming its path', (config, expected) => {
    project = tempProject();
    expectRefusedConfig(project, config, expected);
  });
});

describe("keys named after Object.prototype's properties", () => {
  it.each([
    ['{"fields":{"__proto__":{"type":"string"}}}', 'fields.__proto__'],
    ['{"rules":{"__proto__":{"metadata-schema":"off"}}}', 'rules.__proto__'],
    ['{"review":{"frequencies":{"__proto__":"P1D"}}}', 'review.frequencies.__proto__'],
    ['{"overrides":[{"files":["**"],"rules":{"__proto__":"off"}}]}', 'overrides[0].rules.__proto__'],
  ])('%s is a config error naming %s', (text, at) => {
    project = tempProject();
    project.write('content/a.md', seedDocument());
    project.write('contentgov.config.json', text);
    expectConfigError(['lint'], `contentgov.config.json: ${at}: "__proto__" is not allowed as a key`);
  });

  it('fields named constructor and toString are real fields, found and located', () => {
    project = tempProject();
    writeConfig({ fields: { constructor: { type: 'string' }, toString: { type: 'enum', values: ['yes'] }, hasOwnProperty: { type: 'number', required: false } } });
    project.write('content/good.md', seedDocument({ constructor: 'Ana', toString: 'yes', hasOwnProperty: '3' }));
    project.write('content/bad.md', seedDocument({ toString: 'no' }));
    project.write('content/odd.md', seedDocument({ constructor: 'Ana', toString: 'yes', valueOf: 'x' }));
    const { report, exitCode } = lintJson(project, ['--no-links']);
    expect(findingsOf(report)).toEqual([
      'content/bad.md:1:1 metadata-schema required field "constructor" is missing',
      'content/bad.md:19:1 metadata-schema "toString" must be one of yes; got "no"',
      'content/odd.md:21:1 metadata-unknown-field unknown field "valueOf"',
    ]);
    expect(exitCode).toBe(1);
  });

  it('a rule named constructor is no rule', () => {
    project = tempProject();
    project.write('content/a.md', seedDocument());
    writeConfig({ rules: { constructor: 'off' } });
    expectConfigError(['lint'], 'contentgov.config.json: rules.constructor: no such rule (see contentgov explain --list)');
  });
});

describe('review intervals past any calendar', () => {
  it.each([
    ['300000 years', '300000 years'],
    ['P999999999Y', 'P999999999Y'],
    ['P100Y1D', 'P100Y1D'],
    ['400 nines of days', `P${'9'.repeat(400)}D`],
  ])('reviewFrequency %s is one review-unknown error (the schema error without that rule), never a date', (_label, frequency) => {
    project = tempProject();
    project.write('content/a.md', seedDocument({ reviewFrequency: `'${frequency}'` }));
    const { report, exitCode } = lintJson(project, ['--no-links']);
    const shown = frequency.length > 57 ? `${frequency.slice(0, 56)}...` : `${frequency}"`;
    expect(findingsOf(report)).toEqual([
      `content/a.md:10:1 review-unknown review cannot be judged: the frequency "${shown} is not a known frequency or a duration of at most 100 years: write one of monthly, quarterly, semiannual, annual, biennial, or a duration such as P90D or 6 months`,
    ]);
    expect(findingsOf(lintJson(project, ['--no-links', '--rule', 'review-unknown=off']).report)).toEqual([
      `content/a.md:10:1 metadata-schema "reviewFrequency" must be one of monthly, quarterly, semiannual, annual, biennial, or a duration of at most 100 years such as P90D or 6 months; got "${shown}`,
    ]);
    expect(report.documents[0]).toMatchObject({ reviewStatus: 'unknown' });
    expect(report.documents[0]).not.toHaveProperty('nextReviewDue');
    expect(exitCode).toBe(1);
  });

  it('100 years is still a duration', () => {
    project = tempProject();
    project.write('content/a.md', seedDocument({ reviewFrequency: 'P100Y' }));
    const { report, exitCode } = lintJson(project, ['--no-links']);
    expect(findingsOf(report)).toEqual([]);
    expect(report.documents[0]).toMatchObject({ reviewStatus: 'current', nextReviewDue: '2125-12-30' });
    expect(exitCode).toBe(0);
  });

  it.each([
    [{ review: { frequencies: { forever: '300000 years' } } }, 'review.frequencies.forever: is not a duration of at most 100 years'],
    [{ review: { defaultFrequency: 'P999999999Y' } }, 'review.defaultFrequency: is not a named frequency or a duration of at most 100 years'],
    [{ links: { cache: { ttl: '300000 years' } } }, 'links.cache.ttl: is not a duration of at most 100 years'],
  ])('in the config, %j exits 2', (config, expected) => {
    project = tempProject();
    expectRefusedConfig(project, config, expected);
  });

  it('a SOURCE_DATE_EPOCH after the year 9999 is a one-line error, exit 2, in lint and overdue', () => {
    project = tempProject();
    project.write('content/a.md', seedDocument());
    for (const command of ['lint', 'overdue']) {
      expectConfigError([command], 'SOURCE_DATE_EPOCH=99999999999999999999… is after the year 9999; give seconds since 1970-01-01', { env: { SOURCE_DATE_EPOCH: '9'.repeat(400) } });
      expectConfigError([command], 'SOURCE_DATE_EPOCH=253402300800 is after the year 9999; give seconds since 1970-01-01', { env: { SOURCE_DATE_EPOCH: '253402300800' } });
    }
    const last = project.run(['lint', '--format', 'json', '--no-links'], { env: { SOURCE_DATE_EPOCH: '253402300799' } });
    expect(JSON.parse(last.stdout)).toMatchObject({ asOf: '2026-01-15', generatedAt: '9999-12-31T23:59:59.000Z' });
  });

  it('SOURCE_DATE_EPOCH stamps the report but never sets the day reviews are judged on; a malformed one, or CONTENTGOV_AS_OF, is a one-line error', () => {
    project = tempProject();
    project.write('content/a.md', seedDocument());
    const lastCommit = { SOURCE_DATE_EPOCH: String(Date.UTC(2020, 0, 1) / 1000), CONTENTGOV_AS_OF: '' };
    for (const command of ['lint', 'overdue']) {
      const before = new Date().toISOString().slice(0, 10);
      const report = JSON.parse(project.run([command, '--format', 'json'], { env: lastCommit }).stdout);
      const after = new Date().toISOString().slice(0, 10);
      // Judged as of today (the run may straddle midnight), stamped with the given time.
      expect([before, after]).toContain(report.asOf);
      expect(report.generatedAt).toBe('2020-01-01T00:00:00.000Z');
      expect(JSON.parse(project.run([command, '--format', 'json', '--as-of', '2025-06-01'], { env: lastCommit }).stdout)).toMatchObject({ asOf: '2025-06-01', generatedAt: '2020-01-01T00:00:00.000Z' });
      expectConfigError([command], 'SOURCE_DATE_EPOCH=abc is not a whole number of seconds since 1970-01-01', { env: { SOURCE_DATE_EPOCH: 'abc' } });
      expectConfigError([command], 'CONTENTGOV_AS_OF=2026-02-30 is not a real calendar date YYYY-MM-DD', { env: { CONTENTGOV_AS_OF: '2026-02-30' } });
    }
  });
});

describe('the config file', () => {
  it('with -c from another folder, root, ignore and overrides are relative to the config file', () => {
    project = tempProject();
    project.write('site/docs/a.md', seedDocument({ status: 'published' }));
    project.write('site/docs/drafts/b.md', 'no frontmatter at all');
    project.write('docs/c.md', 'not the corpus: the working directory is not the config folder');
    writeConfig({ root: 'docs', ignore: ['docs/drafts/**'], overrides: [{ files: ['docs/*.md'], fields: { status: { values: ['published'] } } }] }, 'site/cfg.json');
    const { report, exitCode } = lintJson(project, ['-c', 'site/cfg.json', '--no-links']);
    expect(report.documents.map((document) => document.file)).toEqual(['docs/a.md']);
    expect(findingsOf(report)).toEqual([]);
    expect(exitCode).toBe(0);
    // The same run from inside the folder, the config found upward, judges the same.
    project.write('site/contentgov.config.json', readFileSync(path.join(project.root, 'site/cfg.json')));
    const inside = project.run(['lint', '--format', 'json', '--as-of', '2026-01-15', '--no-links'], { cwd: path.join(project.root, 'site') });
    expect(JSON.parse(inside.stdout).documents.map((document: { file: string }) => document.file)).toEqual(['docs/a.md']);
  });

  it('-c nope.json is one line naming the file, exit 2, in every command that reads a config', () => {
    project = tempProject();
    project.write('content/a.md', seedDocument());
    for (const args of [['lint'], ['overdue'], ['schema'], ['review', 'content/a.md'], ['new', 'content/b.md', '--title', 'B']]) {
      expectConfigError([...args, '-c', 'nope.json'], 'cannot read config nope.json: no such file');
    }
    project.write('folder/.keep', '');
    expectConfigError(['lint', '-c', 'folder'], 'cannot read config folder: it is a folder, not a regular file');
  });

  it('a JSON error is located exactly as V8 locates it, and at the token V8 names where it gives no position', () => {
    // Every one-character edit of a config: where V8 gives a position, the locator must give the same; where V8 only
    // quotes the text ("Unexpected token 'S', ..."), the locator must point at that very character.
    const valid = JSON.stringify({ root: 'content', a: [1, -2.5e3, true, false, null, { b: 'x\n\u00e9A' }], c: {}, d: [] }, null, 2);
    let positioned = 0;
    let quoted = 0;
    for (let at = 0; at <= valid.length; at++) {
      for (const char of ['"', '{', '}', '[', ']', ',', ':', '-', '0', '1', 'e', '.', 't', 'x', '\\', ' ', '\u0001', 'u']) {
        for (const text of [valid.slice(0, at) + char + valid.slice(at + 1), valid.slice(0, at) + char + valid.slice(at), valid.slice(0, at) + valid.slice(at + 1), valid.slice(0, at)]) {
          let message: string;
          try {
            JSON.parse(text);
            expect(jsonErrorOffset(text), text).toBeUndefined();
            continue;
          } catch (error) {
            message = (error as Error).message;
          }
          const position = / at position (\d+)/.exec(message)?.[1];
          const token = /^Unexpected token '(.)'/su.exec(message)?.[1];
          if (position !== undefined) positioned++;
          else quoted++;
          if (position !== undefined) expect(jsonErrorOffset(text), text).toBe(Number(position));
          else if (token !== undefined) expect(text[jsonErrorOffset(text)!], text).toBe(token);
          else expect([message, jsonErrorOffset(text)]).toEqual(['Unexpected end of JSON input', text.length]);
        }
      }
    }
    expect(positioned).toBeGreaterThan(1000);
    expect(quoted).toBeGreaterThan(1000);
  });

  it('configHash is the sha256 of the config file bytes, as sha256sum prints it', () => {
    project = tempProject();
    project.write('content/a.md', seedDocument());
    // Key order, spacing and a trailing newline are part of the bytes an auditor hashes.
    const bytes = Buffer.from('{\n  "rules":   { "metadata-unknown-field": "error" },\n  "root": "content"\n}\n');
    project.write('contentgov.config.json', bytes);
    const expected = createHash('sha256').update(bytes).digest('hex');
    expect(lintJson(project, ['--no-links']).report.configHash).toBe(expected);
    const overdue = project.run(['overdue', '--all', '--as-of', '2026-01-15']);
    expect(overdue.stdout).toContain(`Config sha256: ${expected}\n`);
    const csv = project.run(['overdue', '--all', '--as-of', '2026-01-15', '--format', 'csv']);
    expect(csv.stdout.split('\n')[1]).toContain(`,${expected},`);
  });

  it('with no config file, configHash is the sha256 of no bytes and the audit facts say so', () => {
    project = tempProject();
    project.write('content/a.md', seedDocument());
    const empty = createHash('sha256').update(Buffer.alloc(0)).digest('hex');
    expect(lintJson(project, ['--no-links']).report.configHash).toBe(empty);
    expect(project.run(['overdue', '--all', '--as-of', '2026-01-15']).stdout).toContain(`Config sha256: ${empty} (no config file: the built-in defaults)\n`);
  });
});
