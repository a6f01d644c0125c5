/**
 * JSON, SARIF and JUnit are written in chunks (one document, finding or result each), so that a
 * report of 100,000 pages is never a second time in memory as one string. The chunks joined are
 * byte for byte what the formats always wrote: JSON against JSON.stringify itself, SARIF against
 * the canonical form of its own value and the results an earlier build wrote, JUnit against the
 * file an earlier build wrote (tests/fixtures/report-stream/).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeJsonText } from '../src/report/escape.js';
import { FORMATTERS } from '../src/report/formatter.js';
import { jsonChunks, LazyArray } from '../src/report/json.js';
import { RULES } from '../src/rules/index.js';
import type { DocumentEntry, Finding, Report } from '../src/report/types.js';
import { REPO_ROOT } from './helpers/project.js';

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
