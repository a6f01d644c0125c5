/**
 * Linear time on hostile input: each case is a small file a pull request could add, which took
 * from 9 s to over a minute before the scanners were made linear. The built CLI runs on it with a
 * hang guard about ten times what it takes now (the CLI's start-up dominates: ~0.5 s), and the
 * test checks what the run found, so it cannot pass by crashing or by skipping the file.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { githubSlug } from '../src/links/slug.js';
import { InlineScans } from '../src/links/extract.js';
import { isMailto } from '../src/links/check.js';
import { csvCell } from '../src/report/overdue/csv.js';
import { oneLine } from '../src/report/overdue/table.js';
import { parseTimeSpan } from '../src/schema/time-span.js';
import { closestField } from '../src/schema/document.js';
import { typedAnchor, typedLinkPath } from '../src/lsp/features.js';
import { CLI, seedDocument, tempProject, type JsonReport, type TempProject } from './helpers/project.js';

/** Each file below lints in about 0.5 s (wall, on a loaded 2-core machine); before the fix, in 9 to 60+ s. */
const HANG_GUARD_MS = 10_000;

let project: TempProject | undefined;
afterEach(() => {
  project?.cleanup();
  project = undefined;
});

interface Run {
  exitCode: number | null;
  report: JsonReport;
  milliseconds: number;
  stderr: string;
}

/** Lints one document (or the given files) with the built CLI, killed at the hang guard. */
function lintWithGuard(files: Record<string, string>, guard = HANG_GUARD_MS, extraArgs: string[] = []): Run {
  project?.cleanup();
  project = tempProject('contentgov-linear-');
  for (const [name, text] of Object.entries(files)) project.write(name, text);
  const started = performance.now();
  const child = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', '--as-of', '2026-01-15', ...extraArgs], {
    cwd: project.root,
    encoding: 'utf8',
    timeout: guard,
    maxBuffer: 512 * 1024 * 1024,
  });
  const milliseconds = performance.now() - started;
  expect(child.signal, `killed after ${guard} ms: the run did not finish`).toBeNull();
  return { exitCode: child.status, report: JSON.parse(child.stdout) as JsonReport, milliseconds, stderr: child.stderr };
}

const SENTINEL = '[sentinel](#nowhere)';

/** A valid document whose body is `hostile` followed by one broken anchor link. */
function documentWith(hostile: string): Record<string, string> {
  return { 'contentgov.config.json': '{}', 'content/doc.md': seedDocument({}, `${hostile}\n\n${SENTINEL}\n`) };
}

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

function rules(report: JsonReport): string[] {
  return report.findings.map((finding) => finding.ruleId);
}

describe('the link scanner is linear on hostile lines', () => {
  it.each([
    ["'[' * 100,000 (30 s before)", '['.repeat(100_000)],
    ["'[a](' * 50,000 (45 s before)", '[a]('.repeat(50_000)],
    ["'<a ' * 150,000 (each tag start read to the end of the line)", '<a '.repeat(150_000)],
    ["'<!---->' and '`a`' * 60,000 (the line copied once per span)", `${'<!---->'.repeat(60_000)}\n\n${'`a`'.repeat(60_000)}`],
  ])('%s', (_name, hostile) => {
    const files = documentWith(hostile);
    const { exitCode, report, milliseconds } = lintWithGuard(files);
    expect(milliseconds).toBeLessThan(HANG_GUARD_MS);
    expect(exitCode).toBe(1);
    expect(report.links).toMatchObject({ total: 1 });
    expect(report.findings).toEqual([expect.objectContaining({ ruleId: 'link-missing-anchor', line: lineOf(files['content/doc.md']!, SENTINEL), column: 1 })]);
  });

  it('links nested 25,000 deep: each found, inner first, without recursion', () => {
    const files = { ...documentWith(`${'['.repeat(25_000)}a${'](#x)'.repeat(25_000)}`), 'contentgov.config.json': JSON.stringify({ limits: { findingsPerRule: 30_000 } }) };
    const { exitCode, report, milliseconds } = lintWithGuard(files);
    expect(milliseconds).toBeLessThan(HANG_GUARD_MS);
    expect(exitCode).toBe(1);
    expect(report.links).toMatchObject({ total: 25_001 });
    expect(rules(report).filter((rule) => rule === 'link-missing-anchor')).toHaveLength(25_001);
  });

  it("a bare URL followed by 80,000 ')' (over 60 s before), and by 100,000 '.' then a letter (9 s)", () => {
    const { exitCode, report, milliseconds } = lintWithGuard(
      documentWith(`https://example.com/page${')'.repeat(80_000)}\n\nhttps://example.com/${'.'.repeat(100_000)}x`),
    );
    expect(milliseconds).toBeLessThan(HANG_GUARD_MS);
    expect(exitCode).toBe(1);
    // The two URLs are external (not requested in this run) and the sentinel is broken.
    expect(report.links).toMatchObject({ total: 3, skipped: 2 });
    expect(rules(report)).toEqual(['link-missing-anchor']);
  });
});

describe("pages under 64 KB that micromark reads in quadratic time keep the scanner's answer", () => {
  it('nested emphasis in a heading (58 s before), www. with underscores (42 s), 31,000 lazy lines in a list item (13 s), unmatched closers and label runs: each page checked', () => {
    const hostile: Record<string, string> = {
      emphasis: `# ${'*_'.repeat(16_000)}x${'_*'.repeat(16_000)}`,
      www: `A&amp;B\n\n${'www.a_'.repeat(10_500)}`,
      lazy: `A&amp;B\n\n- a\n${'a\n'.repeat(31_000)}`,
      closers: `A&amp;B\n\n${'a* '.repeat(21_000)}`,
      labels: `A&amp;B\n\n${'[a]'.repeat(20_000)}`,
      brackets: `${'['.repeat(30_000)}${'](x)'.repeat(7_500)}`,
    };
    const files: Record<string, string> = { 'contentgov.config.json': '{}' };
    for (const [name, body] of Object.entries(hostile)) {
      expect(body.length).toBeLessThan(64 * 1024);
      files[`content/${name}.md`] = seedDocument({}, `${body}\n\n${SENTINEL}\n`);
    }
    const { exitCode, report, milliseconds } = lintWithGuard(files);
    expect(milliseconds).toBeLessThan(HANG_GUARD_MS);
    expect(exitCode).toBe(1);
    // Each page's sentinel, found after its hostile body: every page was checked to its end.
    const sentinels = report.findings.filter((finding) => finding.ruleId === 'link-missing-anchor' && finding.message.includes('#nowhere'));
    expect(sentinels.map((finding) => finding.file).sort()).toEqual(Object.keys(hostile).map((name) => `content/${name}.md`).sort());
  });
});

describe('bare URLs among brackets are read in linear time', () => {
  it("a line of 30,000 '[ https://example.com/x ' and 30,000 'WWW.' (each bare URL in a bracket left open, or in capitals)", () => {
    const { exitCode, report, milliseconds } = lintWithGuard(documentWith(`${'[ https://example.com/x '.repeat(30_000)}\n\n${'WWW.'.repeat(30_000)}`));
    expect(milliseconds).toBeLessThan(HANG_GUARD_MS);
    expect(exitCode).toBe(1);
    expect(rules(report)).toEqual(['link-missing-anchor']);
  });
});

describe('headings are read and slugged in linear time', () => {
  it("'# a' + 100,000 spaces + 'x' (28 s before) still defines its anchor", () => {
    const slug = `a${'-'.repeat(100_000)}x`;
    const { exitCode, report, milliseconds } = lintWithGuard(documentWith(`# a${' '.repeat(100_000)}x\n\n[to the heading](#${slug})`));
    expect(milliseconds).toBeLessThan(HANG_GUARD_MS);
    expect(exitCode).toBe(1);
    expect(report.links).toMatchObject({ total: 2 });
    expect(report.findings).toEqual([expect.objectContaining({ ruleId: 'link-missing-anchor', message: expect.stringContaining('"#nowhere"') })]);
  });

  it('headings of 50,000 [, [a](, <, <a, {# and _emphasis_ openers', () => {
    const headings = ['['.repeat(50_000), '[a]('.repeat(50_000), '<'.repeat(50_000), '<a '.repeat(50_000), '{#'.repeat(50_000), ' _a'.repeat(50_000), ' __a_'.repeat(50_000)];
    const { exitCode, report, milliseconds } = lintWithGuard(documentWith(headings.map((heading) => `# ${heading}`).join('\n\n')));
    expect(milliseconds).toBeLessThan(HANG_GUARD_MS);
    expect(exitCode).toBe(1);
    expect(report.links).toMatchObject({ total: 1 });
    expect(rules(report)).toEqual(['link-missing-anchor']);
  });
});

describe('frontmatter-too-large', () => {
  const keys = (count: number) => Array.from({ length: count }, (_, index) => `k${index}: ${index}`);

  it('a 40,000-key block (26 s before) is over 256 KB: one finding, not parsed; the body is still checked', () => {
    const text = `---\n${keys(40_000).join('\n')}\n---\n\n${SENTINEL}\n`;
    const { exitCode, report, milliseconds } = lintWithGuard({ 'contentgov.config.json': '{}', 'content/doc.md': text });
    expect(milliseconds).toBeLessThan(HANG_GUARD_MS);
    expect(exitCode).toBe(1);
    const bytes = Buffer.byteLength(`${keys(40_000).join('\n')}\n`);
    expect(report.findings).toEqual([
      expect.objectContaining({
        ruleId: 'frontmatter-too-large',
        line: 1,
        column: 1,
        message: `the frontmatter is ${bytes} bytes, over the limit of 262144 (limits.frontmatterBytes); it is not read`,
      }),
      expect.objectContaining({ ruleId: 'link-missing-anchor', line: 40_004 }),
    ]);
  });

  it('lint --fix leaves a block over the limits alone instead of parsing it (11 s before)', () => {
    const text = `---\n${keys(40_000).join('\n')}\n---\n\n${SENTINEL}\n`;
    const { exitCode, report, milliseconds } = lintWithGuard({ 'contentgov.config.json': '{}', 'content/doc.md': text }, HANG_GUARD_MS, ['--fix']);
    expect(milliseconds).toBeLessThan(HANG_GUARD_MS);
    expect(exitCode).toBe(1);
    expect(rules(report)).toEqual(['frontmatter-too-large', 'link-missing-anchor']);
    expect(readFileSync(path.join(project!.root, 'content/doc.md'), 'utf8')).toBe(text);
  });

  it.each([
    ['20,000 keys in 250 KB', `${keys(20_000).join('\n')}\n`, { line: 2002, column: 1 }],
    ['a flow mapping of 18,000 keys', `{${keys(18_000).join(', ')}}\n`, { line: 2, column: 2 + keys(2_000).join(', ').length + 2 }],
    ['17,000 nested keys', `outer:\n${keys(17_000).map((key) => `  ${key}`).join('\n')}\n`, { line: 2002, column: 3 }],
  ])('%s: counted without a parse, stopped at key 2,001', (_name, yamlText, position) => {
    expect(Buffer.byteLength(yamlText)).toBeLessThan(262_144);
    const { exitCode, report, milliseconds } = lintWithGuard({ 'contentgov.config.json': '{}', 'content/doc.md': `---\n${yamlText}---\nbody\n` });
    expect(milliseconds).toBeLessThan(HANG_GUARD_MS);
    expect(exitCode).toBe(1);
    expect(report.findings).toEqual([
      expect.objectContaining({ ruleId: 'frontmatter-too-large', ...position, message: 'the frontmatter has more than 2000 keys (limits.frontmatterKeys): key 2001 is here; it is not read' }),
    ]);
  });

  it('the limits come from the config; a document within them is read as usual', () => {
    const within = seedDocument({}, 'Body.\n');
    const over = seedDocument({ extra: 'one key more' }, `${SENTINEL}\n`);
    const files = { 'content/over.md': over, 'content/within.md': within };
    const config = (limits: object) => JSON.stringify({ allowUnknownFields: true, limits });
    const found = (run: Run) => run.report.findings.map(({ ruleId, file, line }) => `${ruleId} ${file}:${line}`);

    // The seed has 14 keys; the 15th of over.md is `extra`.
    const keys = lintWithGuard({ ...files, 'contentgov.config.json': config({ frontmatterKeys: 14 }) });
    expect(found(keys)).toEqual([`frontmatter-too-large content/over.md:${lineOf(over, 'extra:')}`, `link-missing-anchor content/over.md:${lineOf(over, SENTINEL)}`]);
    const bytes = lintWithGuard({ ...files, 'contentgov.config.json': config({ frontmatterBytes: Buffer.byteLength(within.split('---\n')[1]!) }) });
    expect(found(bytes)).toEqual(['frontmatter-too-large content/over.md:1', `link-missing-anchor content/over.md:${lineOf(over, SENTINEL)}`]);
    const defaults = lintWithGuard({ ...files, 'contentgov.config.json': config({}) });
    expect(found(defaults)).toEqual([`link-missing-anchor content/over.md:${lineOf(over, SENTINEL)}`]);
  });

  it('a limit below 1 is a config error', () => {
    project?.cleanup();
    project = tempProject('contentgov-linear-');
    project.write('contentgov.config.json', JSON.stringify({ limits: { frontmatterKeys: 0 } }));
    project.write('content/doc.md', seedDocument());
    const result = project.run(['lint', '--as-of', '2026-01-15']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('limits.frontmatterKeys');
  });
});

describe('a document with 200,000 findings', () => {
  it('ends with exit 1 and its reports written (a stack overflow before): 1,000 listed and one that counts the rest', () => {
    // ~1 s of CPU, ~4 s wall on a loaded 2-core machine.
    const guard = 60_000;
    const { exitCode, report, milliseconds } = lintWithGuard(
      { 'contentgov.config.json': '{}', 'content/doc.md': seedDocument({}, '[a](#x)\n'.repeat(200_000)) },
      guard,
      ['--report', 'report.json'],
    );
    expect(milliseconds).toBeLessThan(guard);
    expect(exitCode).toBe(1);
    expect(report.findings).toHaveLength(1_001);
    expect(report.findings.at(-1)).toMatchObject({ ruleId: 'link-missing-anchor', line: 21 + 1_000, column: 1, message: '… and 199000 more link-missing-anchor findings in this document (not listed: limits.findingsPerRule is 1000)' });
    const written = JSON.parse(readFileSync(path.join(project!.root, 'report.json'), 'utf8')) as JsonReport;
    expect(written.summary).toMatchObject({ documents: 1, errors: 1_001 });
    expect(new Set(rules(written))).toEqual(new Set(['link-missing-anchor']));
  });

  it("an 8 MB line of '[a](#x) ' (a million findings) writes its SARIF report (RangeError in formatSarif, exit 2, before)", () => {
    const guard = 60_000;
    const { exitCode, report, milliseconds } = lintWithGuard({ 'contentgov.config.json': '{}', 'content/doc.md': seedDocument({}, '[a](#x) '.repeat(1_000_000)) }, guard, ['-o', 'sarif:contentgov.sarif']);
    expect(milliseconds).toBeLessThan(guard);
    expect(exitCode).toBe(1);
    expect(report.findings).toHaveLength(1_001);
    const sarif = JSON.parse(readFileSync(path.join(project!.root, 'contentgov.sarif'), 'utf8')) as { runs: { results: { message: { text: string } }[] }[] };
    expect(sarif.runs[0]!.results).toHaveLength(1_001);
    expect(sarif.runs[0]!.results.at(-1)!.message.text).toContain('and 999000 more link-missing-anchor findings');
  });

  it('lists the same findings when link findings are capped before they are made as when a suppression keeps them all to the end', () => {
    // Inline, reference and autolink links of four outcomes, several to a line, lines shuffled.
    const next = random(7);
    const lines: string[] = [];
    const definitions: string[] = [];
    for (let index = 0; index < 600; index++) {
      const kind = Math.floor(next() * 4);
      const link = [`[a](#x-${index})`, `[b](nope-${index}.md)`, `[c][ref-${index}]`, `<javascript:alert(${index})>`][kind]!;
      if (kind === 2) definitions.push(`[ref-${index}]: gone-${index}.md`);
      lines.push(next() < 0.3 ? `${link} and ${link.replace('[', '[again ')}` : link);
    }
    const body = `${lines.sort(() => next() - 0.5).join('\n\n')}\n\n${definitions.join('\n')}\n`;
    const findingsWith = (config: object) => {
      const { report } = lintWithGuard({ 'contentgov.config.json': JSON.stringify({ limits: { findingsPerRule: 7 }, ...config }), 'content/doc.md': seedDocument({}, body) });
      return report.findings.filter((finding) => finding.file === 'content/doc.md');
    };
    const early = findingsWith({});
    // A config suppression that matches the page keeps every finding until suppressions are applied.
    const late = findingsWith({ suppressions: [{ rule: 'review-overdue', files: 'content/doc.md', reason: 'keeps the findings to the end' }] });
    expect(early).toEqual(late);
    expect(early.filter((finding) => finding.message.startsWith('… and')).map((finding) => finding.ruleId).sort()).toEqual(['link-missing-anchor', 'link-missing-file', 'link-unsafe-scheme']);
  });

  it('limits.findingsPerRule sets the cap per rule and per document; other rules and documents are counted apart', () => {
    const broken = (count: number) => '[a](#x)\n'.repeat(count);
    const { exitCode, report, milliseconds } = lintWithGuard({
      'contentgov.config.json': JSON.stringify({ limits: { findingsPerRule: 2 } }),
      'content/a.md': seedDocument({}, `${broken(3)}\n[b](missing.md)\n`),
      'content/b.md': seedDocument({}, broken(2)),
    });
    expect(milliseconds).toBeLessThan(HANG_GUARD_MS);
    expect(exitCode).toBe(1);
    expect(report.findings.map((finding) => [finding.file, finding.ruleId, finding.line, finding.message])).toEqual([
      ['content/a.md', 'link-missing-anchor', 21, expect.stringContaining('#x')],
      ['content/a.md', 'link-missing-anchor', 22, expect.stringContaining('#x')],
      ['content/a.md', 'link-missing-anchor', 23, '… and 1 more link-missing-anchor finding in this document (not listed: limits.findingsPerRule is 2)'],
      ['content/a.md', 'link-missing-file', 25, expect.stringContaining('missing.md')],
      ['content/b.md', 'link-missing-anchor', 21, expect.stringContaining('#x')],
      ['content/b.md', 'link-missing-anchor', 22, expect.stringContaining('#x')],
    ]);
  });
});

describe('suppressions are linear in comments and findings', () => {
  it('20,000 next-line comments over 20,000 broken links (11 s before), and a line of unclosed directives', () => {
    const suppressed = '<!-- contentgov-disable-next-line link-missing-anchor -- generated -->\n[a](#x)\n'.repeat(20_000);
    // An unclosed comment hides the rest of the page from the link scanner: the sentinel comes first.
    const body = `${suppressed}\n${SENTINEL}\n\n${'<!-- contentgov-disable-file '.repeat(20_000)}\n`;
    const { exitCode, report, milliseconds } = lintWithGuard({ 'contentgov.config.json': '{}', 'content/doc.md': seedDocument({}, body) });
    expect(milliseconds).toBeLessThan(HANG_GUARD_MS);
    expect(exitCode).toBe(1);
    expect(report.suppressions).toHaveLength(20_000);
    expect(rules(report)).toEqual(['link-missing-anchor']);
  });
});

/** A seeded generator (Park and Miller's), so a failure is the same on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 48_271) % 2_147_483_647) / 2_147_483_647;
}

function randomText(next: () => number, pieces: readonly string[], count: number): string {
  let text = '';
  for (let index = 0; index < count; index++) text += pieces[Math.floor(next() * pieces.length)];
  return text;
}

describe('the linear scans equal what they replace', () => {
  it('the inline scanner answers the same from its tables as by plain scans', () => {
    const pieces = ['[', ']', '(', ')', '\\', ' ', '\t', 'a', '<', '>', '"', "'", '!', '\u00a0', 'x y'];
    const next = random(9);
    for (let round = 0; round < 3_000; round++) {
      const text = randomText(next, pieces, 1 + Math.floor(next() * 40));
      const plain = new InlineScans(text, Number.POSITIVE_INFINITY);
      const tables = new InlineScans(text, 0);
      const escaped = (index: number) => {
        let backslashes = 0;
        while (text[index - 1 - backslashes] === '\\') backslashes++;
        return backslashes % 2 === 1;
      };
      for (let from = 0; from <= text.length; from++) {
        const limit = from + Math.floor(next() * (text.length - from + 1));
        for (const character of [0x5b, 0x29, 0x3e, 0x22]) expect(tables.next(character, from, limit), `${JSON.stringify(text)} next ${character} ${from} ${limit}`).toBe(plain.next(character, from, limit));
        if (!escaped(from)) expect(tables.destinationEnd(from, limit), `${JSON.stringify(text)} destinationEnd ${from} ${limit}`).toBe(plain.destinationEnd(from, limit));
        if (text[from] === '[' && !escaped(from)) expect(tables.matchingBracket(from, text.length)).toBe(plain.matchingBracket(from, text.length));
        const close = text.indexOf(')', from);
        if (close !== -1) expect(tables.isBlankOrTitle(from, close), `${JSON.stringify(text)} title ${from}`).toBe(plain.isBlankOrTitle(from, close));
      }
    }
  });

  /** The expressions the slugger used, quadratic on long headings but the reference on short ones. */
  function referenceSlug(heading: string): string {
    if (/^[A-Za-z0-9 -]*$/.test(heading)) return heading.trim().toLowerCase().replace(/ /g, '-');
    return heading
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/!?\[([^\]]*)\]\[[^\]]*\]/g, '$1')
      .replace(/<[^>]+>/g, '')
      .replace(/(^|[^\p{L}\p{N}_\\])(_{1,3})(?=\S)(.+?)(?<=[^\s\\])\2(?![\p{L}\p{N}_])/gu, '$1$3')
      .replace(/\\([!-/:-@[-`{-~])/g, '$1')
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
      .replace(/ /g, '-');
  }

  it('heading slugs equal the reference expressions', () => {
    const pieces = ['_', '_', '__', '___', '____', 'a', 'B', ' ', ' ', '\\', '[', ']', '(', ')', '!', '<', '>', '<a>', '*', 'é', '😀', '\u2028', '\r', '1', '-', '.', '\t', '\u00a0', '][', '](', 'x_y', '`', '{', '}'];
    const next = random(3);
    for (let round = 0; round < 40_000; round++) {
      const heading = randomText(next, pieces, 1 + Math.floor(next() * 24));
      expect(githubSlug(heading), JSON.stringify(heading)).toBe(referenceSlug(heading));
    }
  });
});

describe('link targets that climb or descend 100,000 levels', () => {
  it.each([
    ["'../' * 100,000 (14 s before; 200,000: 79 s)", `../`.repeat(100_000), 'link-outside-root'],
    ["'sub/' * 100,000 (a stack overflow before)", 'sub/'.repeat(100_000), 'link-missing-file'],
    ["'x.md/' * 100,000 (a stack overflow before)", 'x.md/'.repeat(100_000), 'link-missing-file'],
  ])('%s', (_name, climb, ruleId) => {
    const { exitCode, report, milliseconds } = lintWithGuard(documentWith(`[a](${climb}x.md)`));
    expect(milliseconds).toBeLessThan(HANG_GUARD_MS);
    expect(exitCode).toBe(1);
    expect(rules(report).sort()).toEqual([ruleId, 'link-missing-anchor'].sort());
  });
});

describe('expressions that ran from each character to the end of a run', () => {
  it("the overdue table's title of 'a' + 80,000 spaces + 'b' (21 s before)", () => {
    project = tempProject('contentgov-linear-');
    project.write('contentgov.config.json', '{}');
    project.write('content/doc.md', seedDocument({ title: `'a${' '.repeat(80_000)}b'`, lastReviewed: "'2020-01-01'" }));
    const started = performance.now();
    const child = spawnSync(process.execPath, [CLI, 'overdue', '--as-of', '2026-01-15'], { cwd: project.root, encoding: 'utf8', timeout: HANG_GUARD_MS, env: { ...process.env, NO_COLOR: '1' } });
    expect(child.signal).toBeNull();
    expect(performance.now() - started).toBeLessThan(HANG_GUARD_MS);
    expect(child.stdout).toMatch(/content\/doc\.md │ a +… │ NCI/);
    expect(child.stdout).toContain('1 overdue');
  });

  it("a 'mailto:a@' + 100,000 dots link (29 s before) is link-malformed", () => {
    const { exitCode, report, milliseconds } = lintWithGuard(documentWith(`[m](mailto:a@${'.'.repeat(100_000)}@)`));
    expect(milliseconds).toBeLessThan(HANG_GUARD_MS);
    expect(exitCode).toBe(1);
    expect(rules(report).sort()).toEqual(['link-malformed', 'link-missing-anchor']);
  });

  it("a CSV cell of 200,000 '; ' pairs and 200,000 spaces after a semicolon, and a time setting of 200,000 parts", () => {
    const started = performance.now();
    const cell = csvCell(`x${';"'.repeat(200_000)};${' '.repeat(200_000)}=1`);
    expect(cell.endsWith(`;${' '.repeat(200_000)}'=1"`)).toBe(true);
    expect(parseTimeSpan('1 ms '.repeat(200_000))).toBe(200_000);
    expect(parseTimeSpan(`${'1 '.repeat(200_000)}`)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(HANG_GUARD_MS);
  });

  it('the linear forms equal the expressions they replace', () => {
    const oldOneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ');
    const oldMailto = /^mailto:[^@\s?]+@[^@\s?]+\.[^@\s?]+(?:\?.*)?$/i;
    const alphabet = ['a', '.', '@', '?', ' ', '\n', '\r', '\t', '\u00a0', '\u2028', 'b'];
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let sample = 0; sample < 20_000; sample++) {
      let text = '';
      for (let length = next() % 12; length > 0; length--) text += alphabet[next() % alphabet.length];
      expect(oneLine(text)).toBe(oldOneLine(text));
      for (const raw of [`mailto:${text}`, `MAILTO:a@${text}`, `mailto:x@${text}?q`]) expect(isMailto(raw), JSON.stringify(raw)).toBe(oldMailto.test(raw));
    }
  });

  it("the editor's anchor completion: a line of 100,000 '](' in linear time, and the same groups as its expression", () => {
    const oldAnchor = /\]\(<?([^)\s#<>]*)#([^)\s#<>]*)$/;
    const started = performance.now();
    expect(typedAnchor(`${'](x'.repeat(100_000)}#a b`)).toBeUndefined();
    expect(typedAnchor(`${'](x'.repeat(100_000)}#ab`)).toEqual({ path: `x${'](x'.repeat(99_999)}`, fragment: 'ab' });
    expect(performance.now() - started).toBeLessThan(1_000);
    for (const text of completionLines(5)) {
      const expected = oldAnchor.exec(text);
      expect(typedAnchor(text), JSON.stringify(text)).toEqual(expected ? { path: expected[1], fragment: expected[2] } : undefined);
    }
  });
});

/** 50,000 lines of up to 9 of the characters link completion reads, the same for a seed. */
function* completionLines(seed: number): Generator<string> {
  const alphabet = [']', '(', '<', '>', '#', ')', ' ', 'a', '/'];
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31);
  for (let sample = 0; sample < 50_000; sample++) {
    let text = '';
    for (let length = next() % 10; length > 0; length--) text += alphabet[next() % alphabet.length];
    yield text;
  }
}

describe("the editor's path completion", () => {
  it("a line of 100,000 '](' then ')' in linear time (over a minute before), and the same group as its expression", () => {
    const oldPath = /\]\(<?([^)\s#<>]*)$/;
    const started = performance.now();
    expect(typedLinkPath(`${']('.repeat(100_000)})`)).toBeUndefined();
    expect(typedLinkPath(`${']('.repeat(100_000)} `)).toBeUndefined();
    expect(typedLinkPath(`a ${']('.repeat(100_000)}`)).toBe(']('.repeat(99_999));
    expect(performance.now() - started).toBeLessThan(1_000);
    for (const text of completionLines(7)) expect(typedLinkPath(text), JSON.stringify(text)).toBe(oldPath.exec(text)?.[1]);
  });
});

describe('did-you-mean is linear in the names it is asked about', () => {
  it("a directive naming 'x y ' * 100,000 (13 s before): each unknown name once", () => {
    const { exitCode, report, milliseconds } = lintWithGuard(documentWith(`<!-- contentgov-disable-file ${'x y '.repeat(100_000)} -- r -->`));
    expect(milliseconds).toBeLessThan(HANG_GUARD_MS);
    expect(exitCode).toBe(1);
    expect(report.findings).toEqual([
      expect.objectContaining({ ruleId: 'suppression-invalid', message: 'this suppression of x, y names no such rule: x, y' }),
      expect.objectContaining({ ruleId: 'link-missing-anchor' }),
    ]);
  });

  it('a 4 MB unknown rule name (22 s before), and 31 unknown names listed as 10 and 21 more', () => {
    const name = 'q'.repeat(4_000_000);
    const names = Array.from({ length: 30 }, (_, index) => `no-rule-${index}`);
    const { exitCode, report, milliseconds } = lintWithGuard(documentWith(`<!-- contentgov-disable-file ${name} -- r -->\n\n<!-- contentgov-disable-file ${names.join(' ')} link-mising-anchor -- r -->`));
    expect(milliseconds).toBeLessThan(HANG_GUARD_MS);
    expect(exitCode).toBe(1);
    expect(report.findings.map((finding) => finding.message)).toEqual([
      `this suppression of ${name} names no such rule: ${name}`,
      `this suppression of ${names.slice(0, 10).join(', ')} and 21 more names no such rule: ${names.slice(0, 10).join(', ')} and 21 more`,
      expect.stringContaining('#nowhere'),
    ]);
  });

  it('5 documents of 1,970 unknown 120-character keys: a finding each, without a distance computed for each pair', () => {
    const keys = (document: number) => Array.from({ length: 1970 }, (_, index) => `k${document}_${String(index).padStart(4, '0')}${'abcdefghij'.repeat(12).slice(index % 10, index % 10 + 114)}: v`).join('\n');
    const files: Record<string, string> = { 'contentgov.config.json': JSON.stringify({ limits: { findingsPerRule: 2_000 } }) };
    for (let document = 0; document < 5; document++) files[`content/doc${document}.md`] = `---\n${keys(document)}\n---\n\n# T\n`;
    const { exitCode, report, milliseconds } = lintWithGuard(files);
    expect(milliseconds).toBeLessThan(HANG_GUARD_MS);
    expect(exitCode).toBe(1);
    expect(rules(report).filter((rule) => rule === 'metadata-unknown-field')).toHaveLength(5 * 1970);
  });

  it('the banded distance returns what the full table returned', () => {
    const reference = (unknownField: string, knownFields: readonly string[]): string | undefined => {
      const distanceOf = (a: string, b: string) => {
        let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
        for (let i = 1; i <= a.length; i++) {
          const current = [i];
          for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
          previous = current;
        }
        return previous[b.length]!;
      };
      let best: { name: string; distance: number } | undefined;
      for (const known of knownFields) {
        const distance = distanceOf(unknownField.toLowerCase(), known.toLowerCase());
        if (distance <= Math.max(1, Math.floor(known.length / 4)) && (!best || distance < best.distance)) best = { name: known, distance };
      }
      return best?.name;
    };
    let seed = 11;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    const word = (max: number) => Array.from({ length: next() % max }, () => 'abAB-'[next() % 5]).join('');
    for (let sample = 0; sample < 5_000; sample++) {
      const known = Array.from({ length: 1 + (next() % 6) }, () => word(14));
      const unknown = next() % 3 === 0 ? known[0]!.slice(1) + word(3) : word(14);
      expect(closestField(unknown, known), JSON.stringify([unknown, known])).toBe(reference(unknown, known));
    }
  });
});

describe('config globs with many wildcards in a segment are refused at load', () => {
  const hostileNames = Object.fromEntries([1, 2, 3].map((index) => [`content/${index}${'-'.repeat(100)}x.md`, seedDocument()]));

  it.each([
    ['ignore', { ignore: ['**/*-*-*-*-*-*-draft.md'] }, 'ignore[0]: "**/*-*-*-*-*-*-draft.md" has 6 wildcards in the path segment "*-*-*-*-*-*-draft.md"'],
    ['overrides[].files', { overrides: [{ files: ['content/*-*-*.md'], rules: {} }] }, 'overrides[0].files[0]: "content/*-*-*.md" has 3 wildcards'],
    ['suppressions[].files', { suppressions: [{ rule: 'link-missing-anchor', files: '**/!(a)*-*.md', reason: 'r' }] }, 'suppressions[0].files: "**/!(a)*-*.md" has 3 wildcards'],
    ['links.ignorePaths', { links: { ignorePaths: ['/api/+(a|aa)'] } }, 'links.ignorePaths[0]: "/api/+(a|aa)" uses an extglob repeater'],
  ])('%s: exit 2 naming the path (ignore took 35-79 s on three files named with 100 dashes before)', (_name, config, message) => {
    project = tempProject('contentgov-linear-');
    project.write('contentgov.config.json', JSON.stringify(config));
    for (const [name, text] of Object.entries(hostileNames)) project.write(name, text);
    const child = spawnSync(process.execPath, [CLI, 'lint', '--as-of', '2026-01-15'], { cwd: project.root, encoding: 'utf8', timeout: HANG_GUARD_MS });
    expect(child.signal).toBeNull();
    expect(child.status).toBe(2);
    expect(child.stderr).toContain(`contentgov.config.json: ${message}`);
    expect(child.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('two wildcards a segment still match, on the same hostile names, in the time of a small run', () => {
    const { exitCode, report, milliseconds } = lintWithGuard({ ...hostileNames, 'contentgov.config.json': JSON.stringify({ ignore: ['**/*-*-x.md', 'content/**/2*'] }), 'content/kept.md': seedDocument({}, `${SENTINEL}\n`) });
    expect(milliseconds).toBeLessThan(HANG_GUARD_MS);
    expect(exitCode).toBe(1);
    expect(report.summary).toMatchObject({ documents: 1 });
    expect(rules(report)).toEqual(['link-missing-anchor']);
  });
});

describe('many patterns on many pages: a page is matched only against the patterns that can match it', () => {
  /** About twenty times what each run takes now (1.4-1.7 s alone), ten in a loaded full run; before the index they took 48 s to over 300 s. */
  const GUARD_MS = 30_000;
  /** Page n at c/s<n % 20>/p<n>.md, overdue on the day the runs judge. */
  const pages = () => Object.fromEntries(Array.from({ length: 2_000 }, (_, page) => [`c/s${page % 20}/p${page}.md`, seedDocument({ lastReviewed: "'2025-06-01'" })]));
  const expectedByPage = (value: (page: number) => string) => Object.fromEntries(Array.from({ length: 2_000 }, (_, page) => [`c/s${page % 20}/p${page}.md`, value(page)]));

  function runWithGuard(files: Record<string, string>, args: string[]): { stdout: string; stderr: string; milliseconds: number } {
    project?.cleanup();
    project = tempProject('contentgov-linear-');
    for (const [name, text] of Object.entries(files)) project.write(name, text);
    const started = performance.now();
    const child = spawnSync(process.execPath, [CLI, ...args, '--as-of', '2026-01-15', '--format', 'json'], { cwd: project.root, encoding: 'utf8', timeout: GUARD_MS, maxBuffer: 512 * 1024 * 1024 });
    const milliseconds = performance.now() - started;
    expect(child.signal, `killed after ${GUARD_MS} ms: the run did not finish`).toBeNull();
    return { stdout: child.stdout, stderr: child.stderr, milliseconds };
  }

  it("overdue with a CODEOWNERS of 100,000 lines (2.5 MB) on 2,000 pages: each page its own line's owner", () => {
    // Anchored, under a wildcard folder all share, at any depth, and a name with a wildcard; after a line for everything.
    const shapes = [(n: number) => `/c/s${n % 20}/p${n}.md`, (n: number) => `/c/*/p${n}.md`, (n: number) => `p${n}.md`, (n: number) => `*p${n}.md`];
    const codeowners = ['* @everyone', ...Array.from({ length: 100_000 }, (_, n) => `${shapes[n % 4]!(n)} @o${n}`)].join('\n');
    const { stdout, stderr, milliseconds } = runWithGuard({ ...pages(), 'contentgov.config.json': JSON.stringify({ root: 'c' }), CODEOWNERS: codeowners }, ['overdue']);
    expect(milliseconds).toBeLessThan(GUARD_MS);
    expect(stderr).toBe('');
    const rows = (JSON.parse(stdout) as { overdue: { rows: { file: string; owner: string }[] } }).overdue.rows;
    expect(Object.fromEntries(rows.map((row) => [row.file, row.owner]))).toEqual(expectedByPage((page) => `@o${page}`));
  });

  it('lint with 16,000 config suppressions (under the 1 MB config limit) on 2,000 pages: each page silenced by its own entry', () => {
    const shapes = [(n: number) => `c/s${n % 20}/p${n}.md`, (n: number) => `c/*/p${n}.md`, (n: number) => `**/p${n}.md`, (n: number) => `**/*p${n}.md`];
    const config = JSON.stringify({ root: 'c', suppressions: Array.from({ length: 16_000 }, (_, n) => ({ rule: 'review-overdue', files: shapes[n % 4]!(n), reason: 'r' })) });
    expect(config.length).toBeLessThan(1024 * 1024);
    const { stdout, milliseconds } = runWithGuard({ ...pages(), 'contentgov.config.json': config }, ['lint']);
    expect(milliseconds).toBeLessThan(GUARD_MS);
    const report = JSON.parse(stdout) as JsonReport & { suppressions: { file: string; kind: string }[] };
    expect(Object.fromEntries(report.suppressions.map((record) => [record.file, record.kind]))).toEqual(expectedByPage(() => 'config'));
    // The 14,000 entries no page matched, and nothing else.
    expect(report.findings.map((finding) => `${finding.file} ${finding.ruleId}`)).toEqual(Array.from({ length: 14_000 }, () => 'contentgov.config.json suppression-unused'));
  });

  it('lint with 58,000 ignore globs (under the 1 MB config limit) on 2,000 pages: the pages they name left out, the rest checked', () => {
    const shapes = [(n: number) => `c/s${n % 20}/p${n}.md`, (n: number) => `c/*/p${n}.md`, (n: number) => `**/p${n}.md`, (n: number) => `**/*p${n}.md`];
    const config = JSON.stringify({ root: 'c', ignore: Array.from({ length: 58_000 }, (_, k) => shapes[k % 4]!(k + 1_000)) });
    expect(config.length).toBeLessThan(1024 * 1024);
    const { stdout, milliseconds } = runWithGuard({ ...pages(), 'contentgov.config.json': config }, ['lint']);
    expect(milliseconds).toBeLessThan(GUARD_MS);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.documents.map((document) => document.file).sort()).toEqual(Object.keys(pages()).slice(0, 1_000).sort());
  });

  it('lint with 40,000 links.ignorePaths globs on 20,000 distinct site links: those they name skipped, the rest checked', () => {
    const shapes = [(n: number) => `/s${(n % 100) % 30}/l${n}`, (n: number) => `/*/l${n}`, (n: number) => `/**/l${n}`];
    const ignorePaths = Array.from({ length: 40_000 }, (_, k) => shapes[k % 3]!(k + 10_000));
    // Link n on page n / 100; those from 10,000 on are ignored.
    const linked = Object.fromEntries(
      Array.from({ length: 200 }, (_, page) => [`c/p${page}.md`, seedDocument({}, Array.from({ length: 100 }, (_, at) => `[x](/s${at % 30}/l${page * 100 + at})`).join('\n'))]),
    );
    const config = JSON.stringify({ root: 'c', links: { routes: [{ url: '/:path', file: 'c/:path.md' }], ignorePaths } });
    const { stdout, milliseconds } = runWithGuard({ ...linked, 'contentgov.config.json': config }, ['lint']);
    expect(milliseconds).toBeLessThan(GUARD_MS);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.links).toMatchObject({ total: 20_000, skipped: 10_000, broken: 10_000 });
    expect(new Set(report.findings.map((finding) => `${finding.ruleId} ${Number(/^c\/p(\d+)\.md$/.exec(finding.file)![1]) < 100}`))).toEqual(new Set(['link-missing-file true']));
  });
});
