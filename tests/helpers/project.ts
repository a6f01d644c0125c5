/** Real temporary projects and the built CLI run as a child process: no mocks. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertValidReport } from './report-schema.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(REPO_ROOT, 'bin/contentgov.js');
export const SEED = path.resolve(REPO_ROOT, 'content/en/treatment/cryosurgery.md');

export interface TempProject {
  root: string;
  write(relativePath: string, contents: string | Buffer): string;
  run(args: string[], options?: { env?: NodeJS.ProcessEnv; cwd?: string }): CliResult;
  cleanup(): void;
}

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs without --as-of judge 2026-01-15 (CONTENTGOV_AS_OF), so no test depends on today. */
export const DEFAULT_TEST_DAY = '2026-01-15';

/** The environment every CLI run of the tests gets: no colour, CI or step-summary settings of the shell, and the test day. */
export function childEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const baseEnv = { ...process.env };
  for (const name of ['FORCE_COLOR', 'NO_COLOR', 'CI', 'GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY', 'SOURCE_DATE_EPOCH', 'CONTENTGOV_AS_OF']) delete baseEnv[name];
  return { ...baseEnv, CONTENTGOV_AS_OF: DEFAULT_TEST_DAY, ...env };
}

export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliResult {
  const child = spawnSync(process.execPath, [CLI, ...args], { cwd, env: childEnv(env), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { exitCode: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
}

/** For tests whose own process must keep serving (an HTTP server the CLI requests). */
export function runCliAsync(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: childEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (code) => resolve({ exitCode: code ?? -1, stdout, stderr }));
  });
}

export function tempProject(prefix = 'contentgov-'): TempProject {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  return {
    root,
    write(relativePath, contents) {
      const target = path.join(root, relativePath);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, contents);
      return target;
    },
    run: (args, options = {}) => runCli(args, options.cwd ?? root, options.env),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** A project whose content root is its own folder, with pages of no particular schema, these links settings and files (and these ignored too). */
export function linksProject(links: Record<string, unknown>, files: Record<string, string>, ignore: string[] = []): TempProject {
  const project = tempProject('contentgov-links-');
  project.write('contentgov.config.json', JSON.stringify({ root: '.', defaultFields: false, allowUnknownFields: true, rules: { 'review-unknown': 'off' }, ignore: ['contentgov.config.json', ...ignore], links }));
  for (const [file, text] of Object.entries(files)) project.write(file, text);
  return project;
}

/** A page of no particular schema: its title as frontmatter and heading, then the body (on line 6 when there is no more frontmatter). */
export function titledPage(title: string, body = '', frontmatter = ''): string {
  return `---\ntitle: ${title}\n${frontmatter}---\n# ${title}\n\n${body}\n`;
}

/** A valid document shaped like the seed; `fields` replaces or (with undefined) removes keys. */
export function seedDocument(fields: Record<string, string | undefined> = {}, body = '# Title\n\nBody text.\n'): string {
  const defaults: Record<string, string> = {
    audienceLevel: 'patient',
    cancerTypes: '\n- skin\n- prostate',
    citation: 'NCI, 2025',
    language: 'en',
    lastReviewed: "'2025-12-30'",
    license: 'public_domain',
    reviewFrequency: 'quarterly',
    source: 'NCI',
    sourceType: '02_nci_core',
    status: 'active',
    tags: '\n- treatment',
    title: 'Cryosurgery to Treat Cancer - NCI',
    url: 'https://www.cancer.gov/about-cancer/treatment/types/surgery/cryosurgery',
    version: 'v1',
  };
  const merged: Record<string, string | undefined> = { ...defaults, ...fields };
  const lines = Object.entries(merged)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${key}:${value.startsWith('\n') ? '' : ' '}${value}`);
  return `---\n${lines.join('\n')}\n---\n\n${body}`;
}

export interface JsonReport {
  schemaVersion: number;
  tool: { name: string; version: string };
  generatedAt: string;
  asOf: string;
  summary: Record<string, number>;
  documents: Record<string, unknown>[];
  findings: { ruleId: string; severity: string; file: string; line: number; column: number; message: string; field?: string }[];
  [key: string]: unknown;
}

/** A report's link findings, each as `file:line:column rule message`. */
export function linkFindings(report: JsonReport): string[] {
  return report.findings.filter((finding) => finding.ruleId.startsWith('link-')).map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId} ${finding.message}`);
}

/** Runs `lint --format json` with a fixed day and returns the parsed report and exit code. */
export function lintJson(project: TempProject, args: string[] = [], env: NodeJS.ProcessEnv = {}): { exitCode: number; report: JsonReport; stderr: string } {
  const result = project.run(['lint', '--format', 'json', '--as-of', '2026-01-15', ...args], { env });
  return { exitCode: result.exitCode, report: parseReport(result), stderr: result.stderr };
}

/** The JSON report a run printed, validated against the report schema. */
export function parseReport(result: CliResult): JsonReport {
  let report: JsonReport;
  try {
    report = JSON.parse(result.stdout) as JsonReport;
  } catch {
    throw new Error(`lint printed no JSON (exit ${result.exitCode}): ${result.stderr}`);
  }
  assertValidReport(report);
  return report;
}
