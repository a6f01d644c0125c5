import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMarkdown } from '../src/report/markdown.js';
import { escapeData, escapeProperty } from '../src/report/github.js';
import type { Report } from '../src/report/types.js';
import { assertValidReport } from './helpers/report-schema.js';
import { REPO_ROOT, seedDocument, tempProject, type TempProject } from './helpers/project.js';

let project: TempProject;
const AS_OF = ['--as-of', '2026-01-15'];
// The official SARIF schema is draft-04, which ajv reads through ajv-draft-04 (a CommonJS module).
const AjvDraft04 = createRequire(import.meta.url)('ajv-draft-04') as typeof Ajv;

beforeAll(() => {
  project = tempProject();
  project.write('content/clean.md', seedDocument());
  project.write('content/bad, name.md', seedDocument({ status: 'published', extra: 'x' }, '# Bad\n\n[gone](nope.md) <script>&"\n'));
  project.write('content/warn.md', seedDocument({ other: 'y' }));
});
afterAll(() => project.cleanup());

describe('formats for CI', () => {
  it('writes several formats in one run, each atomically, and they agree with the JSON report', () => {
    const result = project.run(['lint', ...AS_OF, '--format', 'json', '--output', 'sarif:out/contentgov.sarif', '--output', 'junit:out/junit.xml', '--output', 'markdown:out/summary.md', '--report', 'out/report.json']);
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    assertValidReport(report);
    expect(readFileSync(path.join(project.root, 'out/report.json'), 'utf8')).toBe(result.stdout);

    const sarif = JSON.parse(readFileSync(path.join(project.root, 'out/contentgov.sarif'), 'utf8'));
    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats.default(ajv);
    const validateSarif = ajv.compile(JSON.parse(readFileSync(path.join(REPO_ROOT, 'tests/fixtures/sarif-schema-2.1.0.json'), 'utf8')));
    expect(validateSarif(sarif), ajv.errorsText(validateSarif.errors)).toBe(true);
    const run = sarif.runs[0];
    expect(run.results).toHaveLength(report.findings.length);
    const missing = run.results.find((result: { ruleId: string }) => result.ruleId === 'link-missing-file');
    expect(missing).toMatchObject({ level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'content/bad,%20name.md' }, region: { startLine: 24, startColumn: 1 } } }] });
    expect(run.tool.driver.rules[missing.ruleIndex].id).toBe('link-missing-file');
    expect(run.tool.driver.rules[missing.ruleIndex].help.text).toContain('Fix:');

    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(path.join(project.root, 'out/junit.xml'), 'utf8'));
    const suite = junit.testsuites.testsuite;
    expect(suite).toMatchObject({ tests: '3', failures: '1' });
    const cases = suite.testcase as { name: string; failure?: { message: string; '#text': string }; 'system-out'?: string }[];
    expect(cases.map((testcase) => testcase.name)).toEqual(['content/bad, name.md', 'content/clean.md', 'content/warn.md']);
    expect(cases[0]!.failure!['#text']).toContain('broken link: "nope.md"');
    expect(cases[2]!['system-out']).toContain('unknown field "other"');

    expect(readFileSync(path.join(project.root, 'out/summary.md'), 'utf8')).toContain('## ❌ contentgov: 2 errors, 2 warnings');
  });

  it('github: workflow commands with GitHub escaping', () => {
    const { stdout } = project.run(['lint', ...AS_OF, '--format', 'github']);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('::error file=content/bad%2C name.md,line=13,col=1,title=contentgov metadata-schema::"status" must be one of active, draft, archived, retired; got "published"');
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
  });

  it('markdown: stays under the limit with an "… and N more" tail', () => {
    const report = JSON.parse(project.run(['lint', ...AS_OF, '--format', 'json']).stdout) as Report;
    const many = { ...report, findings: Array.from({ length: 2000 }, (_, index) => ({ ...report.findings[0]!, line: index + 1, message: `problem number ${index} | with a pipe` })) };
    const text = formatMarkdown(many);
    expect(text.length).toBeLessThan(65_536);
    expect(text).toMatch(/… and \d+ more findings/);
    expect(text).toContain('problem number 0 \\| with a pipe');
  });

  it('markdown: names the commit by 12 digits, keeping -dirty', () => {
    const report = JSON.parse(project.run(['lint', ...AS_OF, '--format', 'json']).stdout) as Report;
    const commit = '0123456789abcdef0123456789abcdef01234567';
    expect(formatMarkdown({ ...report, commit })).toContain(' · commit `0123456789ab` ');
    expect(formatMarkdown({ ...report, commit: `${commit}-dirty` })).toContain(' · commit `0123456789ab-dirty` ');
  });

  it('appends the summary to $GITHUB_STEP_SUMMARY in GitHub Actions', () => {
    const summaryFile = path.join(project.root, 'step-summary.md');
    writeFileSync(summaryFile, 'earlier step\n');
    project.run(['lint', ...AS_OF], { env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summaryFile } });
    const text = readFileSync(summaryFile, 'utf8');
    expect(text.startsWith('earlier step\n## ❌ contentgov')).toBe(true);
  });

  it('a $GITHUB_STEP_SUMMARY that cannot be written is a one-line warning; the lint verdict stands', () => {
    const summaryFile = path.join(project.root, 'no-such-folder', 'step-summary.md');
    const expected = project.run(['lint', ...AS_OF, '--format', 'json']);
    const run = project.run(['lint', ...AS_OF, '--format', 'json'], { env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summaryFile } });
    expect(run.stderr).toBe(`contentgov: warning: job summary not written: cannot append to $GITHUB_STEP_SUMMARY (${summaryFile}): ENOENT\n`);
    expect(run.exitCode).toBe(expected.exitCode);
    expect(run.stdout).toBe(expected.stdout);
  });

  it('--quiet lists errors only, and keeps the true counts; markdown says how many warnings it left out', () => {
    const report = JSON.parse(project.run(['lint', ...AS_OF, '--format', 'json', '--quiet']).stdout) as Report;
    const whole = JSON.parse(project.run(['lint', ...AS_OF, '--format', 'json']).stdout) as Report;
    expect(report.findings).toEqual(whole.findings.filter((finding) => finding.severity === 'error'));
    expect(report.summary).toEqual(whole.summary);
    expect(report.summary.errors).toBe(2);
    expect(report.summary.warnings).toBeGreaterThan(0);
    const markdown = project.run(['lint', ...AS_OF, '--format', 'markdown', '--quiet']).stdout;
    expect(markdown).toMatch(/^## ❌ contentgov: 2 errors, [1-9]\d* warnings?\n/);
    expect(markdown).toMatch(/\n[1-9]\d* warnings? (is|are) not listed \(--quiet\)\.\n/);
  });

  it('the union of the shards is the full run', () => {
    for (let index = 0; index < 5; index++) project.write(`content/more/doc-${index}.md`, seedDocument({ status: index % 2 ? 'x' : 'active' }, `[next](doc-${index + 1}.md)\n`));
    const full = JSON.parse(project.run(['lint', ...AS_OF, '--format', 'json']).stdout) as Report;
    const shards = [1, 2, 3].map((index) => JSON.parse(project.run(['lint', ...AS_OF, '--format', 'json', '--shard', `${index}/3`]).stdout) as Report);
    shards.forEach(assertValidReport);
    const union = shards.flatMap((shard) => shard.findings).sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : a.file < b.file ? -1 : 1));
    expect(union).toEqual(full.findings);
    expect(shards.flatMap((shard) => shard.documents.map((document) => document.file)).sort()).toEqual(full.documents.map((document) => document.file));
    expect(project.run(['lint', '--shard', '4/3']).exitCode).toBe(2);
  });
});
