/**
 * JSON, SARIF and JUnit are written in chunks (one document, finding or result each), so that a
 * report of 100,000 pages is never a second time in memory as one string. The chunks joined are
 * byte for byte what the formats always wrote: JSON against JSON.stringify itself, SARIF against
 * the canonical form of its own value and the results an earlier build wrote, JUnit against the
 * file an earlier build wrote (tests/fixtures/report-stream/).
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeJsonText } from '../src/report/escape.js';
import { FORMATTERS } from '../src/report/formatter.js';
import { jsonChunks, LazyArray } from '../src/report/json.js';
import { RULES } from '../src/rules/index.js';
import type { DocumentEntry, Finding, Report } from '../src/report/types.js';
import { childEnv, CLI, REPO_ROOT, seedDocument, tempProject, type TempProject } from './helpers/project.js';

const GOLDEN = path.join(REPO_ROOT, 'tests/fixtures/report-stream');

/** Text every format must escape or drop: controls, separators, bidi, workflow commands, XML-invalid characters, markup. */
const HOSTILE = [
  'plain',
  'ctrl \u0000\u0007\u001b[2J\u007f\u0085\u009b end',
  'tab\tnew\nline\rreturn',
  'line\u2028para\u2029',
  'bidi \u202e\u2066\u2069\u061c\u200e\u200f',
  ':: starts a command',
  '  ::warning file=x::y',
  'legacy ##[error]x and #\u200d#\u200d[y',
  'xml-invalid \ufffe\uffff lone \ud800 and \udc00',
  'markup &<>"\' & &amp;',
  'emoji 😀 and 𝄞 (pairs)',
  'quote " and backslash \\ and slash /',
  'a #1?x%41 y:z',
];

/** A seeded generator (Park and Miller's), so the report is the same on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 48_271) % 2_147_483_647) / 2_147_483_647;
}

/** 150 documents (some in folders, some not, some with hostile names), 0 to 5 findings each, every optional field both present and absent. */
export function generatedReport(): Report {
  const next = random(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const ruleIds = ['link-missing-file', 'link-missing-anchor', 'metadata-schema', 'metadata-unknown-field', 'review-overdue', 'no-such-rule'];
  const documents: DocumentEntry[] = [];
  const findings: Finding[] = [];
  for (let index = 0; index < 150; index++) {
    const name = index % 3 === 0 ? `${pick(HOSTILE)} ${index}.md` : `doc-${index}.md`;
    const file = index % 4 === 0 ? name : `content/${index % 5 === 0 ? pick(HOSTILE) : 'treatment'}/${name}`;
    const own: Finding[] = Array.from({ length: Math.floor(next() * 6) }, (_, position) => ({
      ruleId: pick(ruleIds),
      severity: next() < 0.6 ? 'error' : 'warning',
      file,
      line: 1 + position * 3,
      column: 1 + Math.floor(next() * 40),
      message: `${pick(HOSTILE)}: ${pick(HOSTILE)}`,
      ...(next() < 0.3 ? { field: pick(HOSTILE) } : {}),
    }));
    findings.push(...own);
    const errors = own.filter((finding) => finding.severity === 'error').length;
    documents.push({
      file,
      // Present but undefined: JSON leaves the key out.
      title: next() < 0.2 ? undefined : pick(HOSTILE),
      ...(next() < 0.5 ? { url: `https://example.org/${index}` } : {}),
      language: 'en',
      reviewStatus: pick(['current', 'due-soon', 'overdue', 'exempt', 'unknown'] as const),
      ...(next() < 0.5 ? { lastReviewed: '2025-01-01', nextReviewDue: '2025-07-01', daysOverdue: index } : { daysOverdue: undefined }),
      errors,
      warnings: own.length - errors,
    });
  }
  return {
    schemaVersion: 1,
    tool: { name: 'contentgov', version: '0.0.0-test' },
    generatedAt: '2026-01-15T00:00:00.123Z',
    asOf: '2026-01-15',
    configHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    commit: '0123456789abcdef0123456789abcdef01234567',
    summary: {
      documents: documents.length,
      read: documents.length,
      skipped: {},
      errors: findings.filter((finding) => finding.severity === 'error').length,
      warnings: findings.filter((finding) => finding.severity === 'warning').length,
      passed: documents.filter((document) => document.errors === 0).length,
      current: 1,
      dueSoon: 2,
      overdue: 3,
      unknown: 4,
      exempt: 5,
      exemptByStatus: { [HOSTILE[3]!]: 5 },
    },
    documents,
    findings,
    links: { total: 10, checked: 8, broken: 1, skipped: 2, cached: 0 },
    suppressions: [{ file: 'a.md', line: 3, column: 1, ruleId: 'link-missing-file', message: HOSTILE[7]!, kind: 'comment', reason: HOSTILE[4]! }],
    changes: { baseRef: 'main', base: 'abc', changed: HOSTILE.map((text, index) => `${text}-${index}.md`), deleted: [] },
  };
}

const text = (chunks: string | Iterable<string>) => (typeof chunks === 'string' ? chunks : [...chunks].join(''));

describe('JSON, SARIF and JUnit are the same bytes as before', () => {
  const report = generatedReport();

  it('JSON is JSON.stringify with two spaces, escaped by escapeJsonText, and a newline', () => {
    const json = text(FORMATTERS.json(report, { color: false }));
    expect(json).toBe(`${escapeJsonText(JSON.stringify(report, null, 2))}\n`);
    // The escaping did happen (the test report holds what it escapes).
    expect(json).toContain('\\u2028');
    expect(json).toContain('##\\u005B');
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it("SARIF is the canonical JSON of its own value, and its results are those an earlier build wrote", () => {
    const sarif = text(FORMATTERS.sarif(report));
    const value = JSON.parse(sarif) as { runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number }[]; properties: unknown; automationDetails: unknown }[] };
    expect(sarif).toBe(`${escapeJsonText(JSON.stringify(value, null, 2))}\n`);
    const run = value.runs[0]!;
    const rules = run.tool.driver.rules.map((rule) => rule.id);
    expect(rules).toEqual(RULES.map((rule) => rule.id));
    // Rule indexes move as rules are added: each is checked against its rule, the rest against the file.
    const results = run.results.map(({ ruleIndex, ...rest }) => {
      expect(ruleIndex).toBe(rules.indexOf(rest.ruleId));
      return rest;
    });
    expect(results).toEqual(JSON.parse(readFileSync(path.join(GOLDEN, 'sarif-results.json'), 'utf8')));
    expect(results).toHaveLength(report.findings.length);
    expect(run.automationDetails).toEqual({ id: 'contentgov/2026-01-15' });
    expect(run.properties).toEqual({ asOf: '2026-01-15', configHash: report.configHash, commit: report.commit });
  });

  it('JUnit is the file an earlier build wrote', () => {
    expect(text(FORMATTERS.junit(report))).toBe(readFileSync(path.join(GOLDEN, 'junit.xml'), 'utf8'));
  });
});

describe('the three formats are made in chunks', () => {
  const report = generatedReport();
  // A chunk is one document entry, finding, result or test case (the largest here: a test case of five findings).
  const CHUNK_BOUND = 3_000;

  it.each([
    ['json', report.documents.length + report.findings.length],
    ['sarif', report.findings.length],
    ['junit', report.documents.length],
  ] as const)('%s: at least one chunk per item, none longer than one item', (format, items) => {
    const made = FORMATTERS[format](report, { color: false });
    // Not a string (which would iterate by character).
    expect(typeof made).not.toBe('string');
    const chunks = [...made];
    expect(chunks.length).toBeGreaterThanOrEqual(items);
    expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThan(CHUNK_BOUND);
    expect(chunks.join('').length).toBeGreaterThan(20 * CHUNK_BOUND);
  });

  it('SARIF results are made as they are written, not collected first', () => {
    let made = 0;
    function* counted() {
      for (const finding of report.findings) {
        made++;
        yield finding;
      }
    }
    const chunks = jsonChunks({ before: 'x', results: new LazyArray(counted()), after: 'y' })[Symbol.iterator]();
    for (let index = 0; index < 4; index++) chunks.next();
    expect(made).toBeLessThan(5);
    const rest = [...chunks];
    expect(made).toBe(report.findings.length);
    expect(rest.at(-1)).toBe('\n');
  });
});

/** Random values of every kind JSON.stringify writes or leaves out, nested, with hostile strings as keys and values. */
function randomValue(next: () => number, depth: number): unknown {
  const kind = Math.floor(next() * (depth > 3 ? 8 : 11));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  switch (kind) {
    case 0:
      return pick(HOSTILE);
    case 1:
      return pick([0, -0, 1, -7.5, 1e21, 5e-7, Number.MAX_SAFE_INTEGER, Number.NaN, Number.POSITIVE_INFINITY]);
    case 2:
      return pick([true, false, null]);
    case 3:
      return pick([undefined, () => 1, Symbol('s')]);
    case 4:
      return new Date(Date.UTC(2026, 0, 15));
    case 5:
      return pick(['', '#', '[', '#\u200d#', '\u2028']);
    case 6:
      return pick([[], {}, Object.create(null) as object, new Map([[1, 2]])]);
    case 7:
      return `${pick(HOSTILE)}${pick(HOSTILE)}`;
    case 8:
    case 9: {
      // Arrays short and long (past the size written whole), some with holes.
      const array = Array.from({ length: Math.floor(next() * (next() < 0.3 ? 150 : 6)) }, () => randomValue(next, depth + 1));
      if (array.length > 2 && next() < 0.3) delete array[1];
      return array;
    }
    default: {
      const object: Record<string, unknown> = next() < 0.2 ? (Object.create(null) as Record<string, unknown>) : {};
      const size = Math.floor(next() * (next() < 0.3 ? 100 : 6));
      for (let index = 0; index < size; index++) object[pick([...HOSTILE, '2', '10', '-1', '##', `key${index}`])] = randomValue(next, depth + 1);
      return object;
    }
  }
}

describe('jsonChunks is JSON.stringify', () => {
  it('on 400 random values of every kind, nested and large', () => {
    const next = random(11);
    let split = 0;
    for (let round = 0; round < 400; round++) {
      const value = { value: randomValue(next, 0), [pick(next)]: randomValue(next, 1) };
      const chunks = [...jsonChunks(value)];
      expect(chunks.join('')).toBe(`${escapeJsonText(JSON.stringify(value, null, 2))}\n`);
      if (chunks.length > 3) split++;
    }
    // Many of them were written in parts, not as one chunk.
    expect(split).toBeGreaterThan(50);
  });

  it('a lazy array is written as the array of its items, empty or not', () => {
    const items = Array.from({ length: 100 }, (_, index) => ({ index, text: HOSTILE[index % HOSTILE.length] }));
    expect([...jsonChunks({ a: new LazyArray(items), b: new LazyArray([]), c: [new LazyArray([1, [2]])] })].join('')).toBe(`${escapeJsonText(JSON.stringify({ a: items, b: [], c: [[1, [2]]] }, null, 2))}\n`);
  });
});

function pick(next: () => number): string {
  return HOSTILE[Math.floor(next() * HOSTILE.length)]!;
}

describe('the built CLI writes large reports in chunks', () => {
  let project: TempProject;
  const DOCUMENTS = 800;
  const LINKS = 25;
  const AS_OF = ['--as-of', '2026-01-15'];
  const read = (file: string) => readFileSync(path.join(project.root, file), 'utf8');

  beforeAll(() => {
    project = tempProject('contentgov-stream-');
    project.write('contentgov.config.json', '{}');
    // Every page has an error per broken link and a warning: a report of several megabytes.
    for (let index = 0; index < DOCUMENTS; index++) {
      project.write(`content/${index % 7}/page ${index} \u2028.md`, seedDocument({ stray: `"##[x] \\u202E ${index}"` }, `${'[gone](missing.md)\n'.repeat(LINKS)}`));
    }
  });
  afterAll(() => project.cleanup());

  /** Runs the CLI with stdout a pipe the test reads only after a pause, so that the CLI finds it full. */
  function runPiped(args: string[]): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [CLI, ...args], { cwd: project.root, env: childEnv() });
      const stdout: Buffer[] = [];
      let stderr = '';
      child.stdout.pause();
      setTimeout(() => child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk)).resume(), 1_000);
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('close', (exitCode) => resolve({ exitCode, stdout: Buffer.concat(stdout).toString('utf8'), stderr }));
    });
  }

  it('JSON to a pipe arrives whole and parses, with exit 1; the -o files are the bytes stdout gets in each format', async () => {
    const json = await runPiped(['lint', ...AS_OF, '--format', 'json', '-o', 'out/r.json', '-o', 'out/r.sarif', '-o', 'out/r.xml']);
    expect(json.stderr).toBe('');
    expect(json.exitCode).toBe(1);
    expect(json.stdout.length).toBeGreaterThan(4_000_000);
    const report = JSON.parse(json.stdout) as Report;
    expect(report.documents).toHaveLength(DOCUMENTS);
    expect(report.findings).toHaveLength(DOCUMENTS * (LINKS + 1));
    expect(read('out/r.json')).toBe(json.stdout);
    expect(readdirSync(path.join(project.root, 'out')).sort()).toEqual(['r.json', 'r.sarif', 'r.xml']);
    for (const [format, file] of [['sarif', 'out/r.sarif'], ['junit', 'out/r.xml']] as const) {
      const printed = await runPiped(['lint', ...AS_OF, '--format', format]);
      expect(printed.exitCode).toBe(1);
      expect(printed.stdout.length).toBeGreaterThan(2_000_000);
      expect(read(file)).toBe(printed.stdout);
    }
  });

  it('a write that fails midway (the file size limit) leaves the old report at the name and no temp file: exit 2, one line', () => {
    project.write('limited/r.json', 'the previous report\n');
    project.write('limited/r.xml', 'the previous junit\n');
    // ulimit -f: the kernel refuses writes past 64 blocks (32 or 64 KB) with EFBIG; Node ignores SIGXFSZ.
    for (const output of ['limited/r.json', 'limited/r.xml']) {
      const child = spawnSync('sh', ['-c', 'ulimit -f 64 && exec "$@"', 'sh', process.execPath, CLI, 'lint', ...AS_OF, '--format', 'json', '-o', output], {
        cwd: project.root,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        env: childEnv(),
      });
      expect(child.stderr).toBe(`contentgov: cannot write ${path.join(project.root, output)} (EFBIG)\n`);
      expect(child.status).toBe(2);
      expect(child.stdout).toBe('');
    }
    expect(readdirSync(path.join(project.root, 'limited')).sort()).toEqual(['r.json', 'r.xml']);
    expect(read('limited/r.json')).toBe('the previous report\n');
    expect(read('limited/r.xml')).toBe('the previous junit\n');
  });

  it('a reader that goes away (EPIPE) ends the run with one line and exit 2, not a stack trace', async () => {
    const result = await new Promise<{ exitCode: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'lint', ...AS_OF, '--format', 'json'], { cwd: project.root, env: childEnv() });
      let stderr = '';
      child.stdout.once('data', () => child.stdout.destroy());
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('close', (exitCode) => resolve({ exitCode, stderr }));
    });
    expect(result.stderr).toBe('contentgov: cannot write the report to stdout (EPIPE)\n');
    expect(result.exitCode).toBe(2);
  });
});
