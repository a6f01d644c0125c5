import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProject } from '../src/config/load.js';
import { RULE_IDS } from '../src/rules/index.js';
import { lintJson, seedDocument, tempProject, type TempProject } from './helpers/project.js';

let project: TempProject;
afterEach(() => project?.cleanup());

const writeConfig = (config: unknown, file = 'contentgov.config.json') => project.write(file, JSON.stringify(config, null, 2));
const rules = (report: { findings: { ruleId: string; field?: string; severity: string }[] }) => report.findings.map((finding) => `${finding.severity} ${finding.ruleId} ${finding.field ?? ''}`.trim());

describe('project config', () => {
  it('is found upward from the working directory and sets the content root', () => {
    project = tempProject();
    writeConfig({ root: 'docs' });
    project.write('docs/a.md', seedDocument({ status: 'published' }));
    project.write('content/ignored.md', 'no frontmatter');
    mkdirSync(path.join(project.root, 'docs/deep/er'), { recursive: true });
    const result = project.run(['lint', '--format', 'json', '--as-of', '2026-01-15'], { cwd: path.join(project.root, 'docs/deep/er') });
    const report = JSON.parse(result.stdout);
    expect(report.documents.map((document: { file: string }) => document.file)).toEqual(['docs/a.md']);
    expect(result.exitCode).toBe(1);
  });

  it('--config names a file elsewhere', () => {
    project = tempProject();
    project.write('content/a.md', seedDocument({ status: 'published' }));
    project.write('site/pages/a.md', seedDocument({ status: 'published' }));
    // Its paths are relative to it, not to the working directory; its folder is the project.
    writeConfig({ root: 'pages', fields: { status: { values: ['active', 'published'] } } }, 'site/strict.json');
    expect(lintJson(project).exitCode).toBe(1);
    const { exitCode, report } = lintJson(project, ['--config', 'site/strict.json']);
    expect(report.documents.map((document) => document.file)).toEqual(['pages/a.md']);
    expect(rules(report)).toEqual([]);
    expect(exitCode).toBe(0);
    // A root outside the config's folder is refused, not read.
    writeConfig({ root: '../content' }, 'site/outside.json');
    expect(project.run(['lint', '--config', 'site/outside.json'])).toMatchObject({ exitCode: 2, stderr: 'contentgov: the content root ../content/ leads out of the project folder; nothing there is read\n' });
  });

  it('reads a content root whose name starts with two dots: ..docs is inside the project, not above it', () => {
    project = tempProject();
    project.write('..docs/a.md', seedDocument());
    writeConfig({ root: '..docs' });
    const { exitCode, report, stderr } = lintJson(project);
    expect(stderr).toBe('');
    expect(report.documents.map((document) => document.file)).toEqual(['..docs/a.md']);
    expect(exitCode).toBe(0);
  });

  it('changes vocabularies, makes fields optional, removes and adds fields of every type', () => {
    project = tempProject();
    writeConfig({
      fields: {
        cancerTypes: { values: ['skin', 'prostate', 'lung'] },
        citation: { required: false },
        version: null,
        owner: { type: 'string', pattern: '^[a-z-]+$' },
        canonical: { type: 'url', required: false },
        publishedOn: { type: 'date' },
        tier: { type: 'enum', values: ['gold', 'silver'] },
        reviewers: { type: 'list', values: ['ana', 'bo'] },
        sensitive: { type: 'boolean' },
        readingMinutes: { type: 'number' },
        retention: { type: 'duration' },
      },
    });
    const extra = { owner: 'skin-team', publishedOn: '2024-02-29', tier: 'gold', reviewers: '[ana]', sensitive: 'false', readingMinutes: '4', retention: 'P1Y' };
    project.write('content/good.md', seedDocument({ citation: undefined, version: undefined, ...extra }));
    project.write(
      'content/bad.md',
      seedDocument({ version: undefined, cancerTypes: '[skin, liver]', owner: 'Skin Team', canonical: '/x', publishedOn: '2023-02-29', tier: 'bronze', reviewers: '[ana, cy]', sensitive: "'no'", readingMinutes: 'four', retention: 'forever' }),
    );
    const { report } = lintJson(project);
    expect(report.findings.filter((finding) => finding.file === 'content/good.md')).toEqual([]);
    expect(rules(report).sort()).toEqual(
      ['cancerTypes', 'canonical', 'owner', 'publishedOn', 'readingMinutes', 'retention', 'reviewers', 'sensitive', 'tier'].map((field) => `error metadata-schema ${field}`),
    );
    expect(report.findings.find((finding) => finding.field === 'cancerTypes')!.message).toBe(
      '"cancerTypes" must be a non-empty list of values from: skin, prostate, lung; item 2 is "liver"',
    );
  });

  it('applies a url field\'s pattern and a duration field\'s values (they were accepted and silently did nothing)', () => {
    project = tempProject();
    writeConfig({ fields: { url: { pattern: '^https://www\\.cancer\\.gov/' }, reviewFrequency: { values: ['monthly', 'quarterly'] } } });
    project.write('content/good.md', seedDocument({ url: 'https://www.cancer.gov/good', reviewFrequency: 'quarterly' }));
    project.write('content/bad.md', seedDocument({ url: 'https://www.cancer.example.org/bad', reviewFrequency: 'annual' }));
    const { report } = lintJson(project);
    expect(report.findings.map((finding) => `${finding.file} ${finding.message}`).sort()).toEqual([
      'content/bad.md "reviewFrequency" must be one of monthly, quarterly; got "annual"',
      'content/bad.md "url" must be an absolute http(s) URL matching /^https://www\\.cancer\\.gov//; got "https://www.cancer.example.org/bad"',
    ]);
  });

  it("describes another team's corpus: no default fields, other names, unknown fields allowed, rule severities", () => {
    project = tempProject();
    writeConfig({
      root: 'pages',
      defaultFields: false,
      allowUnknownFields: true,
      fields: { heading: { type: 'string' }, last_reviewed_on: { type: 'date' }, review_in: { type: 'duration' } },
      rules: { 'metadata-schema': 'warning' },
      review: { dateField: 'last_reviewed_on', frequencyField: 'review_in' },
    });
    project.write('pages/a.md', '---\nheading: Hello\nlast_reviewed_on: 2025-12-01\nreview_in: 6 months\nanything: goes\n---\n');
    project.write('pages/b.md', "---\nheading: ' '\nlast_reviewed_on: 2025-12-01\nreview_in: 6 months\n---\n");
    const { exitCode, report } = lintJson(project);
    expect(rules(report)).toEqual(['warning metadata-schema heading']);
    expect(exitCode).toBe(0);
  });

  it('turns a rule off, from config or from --rule', () => {
    project = tempProject();
    project.write('content/a.md', seedDocument({ extra: 'x' }));
    expect(rules(lintJson(project).report)).toEqual(['warning metadata-unknown-field extra']);
    expect(rules(lintJson(project, ['--rule', 'metadata-unknown-field=error']).report)).toEqual(['error metadata-unknown-field extra']);
    writeConfig({ rules: { 'metadata-unknown-field': 'off' } });
    expect(rules(lintJson(project).report)).toEqual([]);
    expect(rules(lintJson(project, ['--rule', 'metadata-unknown-field=warning']).report)).toEqual(['warning metadata-unknown-field extra']);
    // "warn", as ESLint writes it, in the config and on the command line.
    writeConfig({ rules: { 'metadata-unknown-field': 'warn' } });
    expect(rules(lintJson(project).report)).toEqual(['warning metadata-unknown-field extra']);
    expect(rules(lintJson(project, ['--rule', 'metadata-unknown-field=warn']).report)).toEqual(['warning metadata-unknown-field extra']);
  });

  it.each([
    [{ colour: true }, 'contentgov.config.json: colour: unknown key'],
    [{ root: 5 }, 'contentgov.config.json: root: '],
    [{ fields: { title: { type: 'text' } } }, 'contentgov.config.json: fields.title.type: '],
    [{ fields: { title: { pattern: '([' } } }, 'contentgov.config.json: fields.title.pattern: is not a regular expression contentgov can run (missing closing ]'],
    [{ fields: { steward: { required: true } } }, 'contentgov.config.json: fields.steward.type: a new field needs a type'],
    [{ rules: { 'no-such-rule': 'error' } }, 'contentgov.config.json: rules.no-such-rule: no such rule'],
    [{ rules: { 'metadata-schema': 'fatal' } }, 'contentgov.config.json: rules.metadata-schema: '],
    [{ review: { frequencies: { fortnightly: 'every other week' } } }, 'contentgov.config.json: review.frequencies.fortnightly: is not a duration'],
    [{ links: { timeout: 15000 } }, 'contentgov.config.json: links.timeout: is at most 600 seconds: write a number of seconds, such as 15 (15000, read as milliseconds elsewhere, would be over 4 hours)'],
    [{ links: { timeout: '3 fortnights' } }, 'contentgov.config.json: links.timeout: is not a span of time'],
    [{ links: { timeout: 0 } }, 'contentgov.config.json: links.timeout: must be more than 0'],
    [{ links: { retryDelay: -1 } }, 'contentgov.config.json: links.retryDelay: must be 0 or more'],
    [{ links: { maxRetryAfter: -5 } }, 'contentgov.config.json: links.maxRetryAfter: must be 0 or more'],
    [{ fields: { lastReviewed: { pattern: '^2026-' } } }, 'contentgov.config.json: fields.lastReviewed.pattern: a pattern applies to string, url, list, string-or-list fields, not to a date field'],
    [{ fields: { url: { values: ['https://x.org/'] } } }, 'contentgov.config.json: fields.url.values: values apply to string, enum, list, string-or-list, duration fields, not to a url field'],
    [{ fields: { hidden: { type: 'boolean', values: ['yes'] } } }, 'contentgov.config.json: fields.hidden.values: values apply to'],
    [{ fields: { reviewFrequency: { values: ['montly'] } } }, 'contentgov.config.json: fields.reviewFrequency.values: "montly" is not a known frequency or a duration of at most 100 years'],
  ])('a bad config %j exits 2 naming the key', (config, expected) => {
    project = tempProject();
    project.write('content/a.md', seedDocument());
    writeConfig(config);
    const result = project.run(['lint']);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`contentgov: ${expected}`);
  });

  it('reads the link timings as numbers in their units or as spans of time: "15 s" is 15 seconds, "1 s" of retryDelay 1000 ms', () => {
    project = tempProject();
    const links = (settings: Record<string, unknown>) => {
      writeConfig({ links: settings });
      const { timeout, retryDelay, maxRetryAfter } = loadProject({ cwd: project.root, ruleIds: RULE_IDS }).config.links;
      return { timeout, retryDelay, maxRetryAfter };
    };
    expect(links({})).toEqual({ timeout: 15, retryDelay: 1000, maxRetryAfter: 60 });
    expect(links({ timeout: '3 s', retryDelay: '1 s', maxRetryAfter: '2 min' })).toEqual({ timeout: 3, retryDelay: 1000, maxRetryAfter: 120 });
    expect(links({ timeout: 'PT1M', retryDelay: 250, maxRetryAfter: 0 })).toEqual({ timeout: 60, retryDelay: 250, maxRetryAfter: 0 });
    expect(links({ timeout: '1500 ms', retryDelay: '500 ms', maxRetryAfter: '0 s' })).toEqual({ timeout: 1.5, retryDelay: 500, maxRetryAfter: 0 });
  });

  it('invalid JSON exits 2 with one line', () => {
    project = tempProject();
    project.write('contentgov.config.json', '{ "root": "content", }');
    const result = project.run(['lint']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^contentgov: contentgov\.config\.json is not valid JSON: .+\n$/);
  });
});
