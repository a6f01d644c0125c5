import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell } from '../src/report/overdue/csv.js';
import { launchChromium } from './helpers/chromium.js';
import { assertValidReport } from './helpers/report-schema.js';
import { seedDocument, tempProject, type TempProject } from './helpers/project.js';

const AS_OF = '2026-01-15';
const COLUMN_LABELS = ['Source type', 'Source', 'Frequency', 'Title', 'Owner', 'Last reviewed'];
let project: TempProject;
const overdue = (args: string[], env: NodeJS.ProcessEnv = {}) => project.run(['overdue', '--as-of', AS_OF, ...args], { env });
const overdueJson = (args: string[] = []) => {
  const result = overdue(['--format', 'json', ...args]);
  const report = JSON.parse(result.stdout);
  assertValidReport(report);
  return { exitCode: result.exitCode, report };
};

beforeAll(() => {
  project = tempProject();
  project.write('contentgov.config.json', JSON.stringify({ fields: { owner: { type: 'string', required: false } } }));
  const docs: Record<string, Record<string, string>> = {
    'en/a-very-late.md': { lastReviewed: '2024-06-01', owner: 'skin-team', title: '"Cryosurgery, \\"cold\\" therapy"' },
    'en/b-late.md': { lastReviewed: '2025-09-01', owner: 'skin-team', source: 'NIH' },
    'en/c-soon.md': { lastReviewed: '2025-10-20', owner: 'lung-team', title: "'=HYPERLINK(\"http://evil.example\",\"click\")'" },
    'es/d-current.md': { lastReviewed: '2025-12-01', language: 'es', owner: 'es-team' },
    'es/e-draft.md': { lastReviewed: '2019-01-01', status: 'draft', language: 'es' },
    'en/f-unknown.md': { lastReviewed: '2025-02-30' },
    'en/g-multiline.md': { lastReviewed: '2025-03-01', title: '"Line one\\nline two"', sourceType: '03_nih_extra' },
  };
  for (const [file, fields] of Object.entries(docs)) project.write(`content/${file}`, seedDocument(fields));
});
afterAll(() => project.cleanup());

describe('overdue: selection', () => {
  it('lists overdue, then unknown, then due-soon documents, most overdue first, with the auditor facts', () => {
    const { exitCode, report } = overdueJson();
    expect(exitCode).toBe(0);
    expect(report.overdue.rows.map((row: { file: string; reviewStatus: string }) => [row.file, row.reviewStatus])).toEqual([
      ['content/en/a-very-late.md', 'overdue'],
      ['content/en/g-multiline.md', 'overdue'],
      ['content/en/b-late.md', 'overdue'],
      ['content/en/f-unknown.md', 'unknown'],
      ['content/en/c-soon.md', 'due-soon'],
    ]);
    expect(report.overdue.totals).toEqual({ judged: 6, listed: 5, overdue: 3, dueSoon: 1, current: 1, exempt: 1, unknown: 1, unowned: 2, exemptByStatus: { draft: 1 } });
    expect(report).toMatchObject({ asOf: AS_OF, tool: { name: 'contentgov' }, configHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(report.overdue.overdueByMonth).toEqual([
      { month: '2024-09', count: 1 },
      { month: '2025-06', count: 1 },
      { month: '2025-12', count: 1 },
    ]);
  });

  it('--all lists every judged document; filters narrow it', () => {
    expect(overdueJson(['--all']).report.overdue.rows).toHaveLength(6);
    const files = (args: string[]) => overdueJson(args).report.overdue.rows.map((row: { file: string }) => row.file);
    expect(files(['--all', '--language', 'es'])).toEqual(['content/es/d-current.md']);
    expect(files(['--source', 'NIH'])).toEqual(['content/en/b-late.md']);
    expect(files(['--source-type', '03_nih_extra'])).toEqual(['content/en/g-multiline.md']);
    expect(files(['--within', '90', '--language', 'es'])).toEqual(['content/es/d-current.md']);
    expect(files(['--within', '0'])).toEqual(['content/en/a-very-late.md', 'content/en/g-multiline.md', 'content/en/b-late.md', 'content/en/f-unknown.md']);
  });

  it('--group-by a field gives subtotals', () => {
    const { report } = overdueJson(['--group-by', 'owner']);
    expect(report.overdue.groups).toEqual([
      { group: 'skin-team', listed: 2, overdue: 2, dueSoon: 0, unknown: 0 },
      { group: '(unowned)', listed: 2, overdue: 1, dueSoon: 0, unknown: 1 },
      { group: 'lung-team', listed: 1, overdue: 0, dueSoon: 1, unknown: 0 },
    ]);
    expect(overdueJson(['--group-by', 'folder']).report.overdue.groups.map((group: { group: string }) => group.group)).toEqual(['content/en']);
  });

  it('--fail-on sets the exit code', () => {
    expect(overdue(['--fail-on', 'overdue']).exitCode).toBe(1);
    expect(overdue(['--fail-on', 'due-soon', '--source', 'NIH']).exitCode).toBe(1);
    expect(overdue(['--fail-on', 'overdue', '--language', 'es']).exitCode).toBe(0);
    expect(overdue(['--fail-on', 'sometimes']).exitCode).toBe(2);
  });

  it('--compare lists what changed since an earlier report', () => {
    const previousFile = path.join(project.root, 'previous.json');
    expect(project.run(['overdue', '--format', 'json', '--output', previousFile, '--as-of', '2025-10-01']).exitCode).toBe(0);
    const { report } = overdueJson(['--compare', previousFile]);
    expect(report.overdue.comparison).toMatchObject({
      previousAsOf: '2025-10-01',
      becameOverdue: [{ file: 'content/en/b-late.md' }],
      reviewed: [],
      added: [],
      removed: [],
    });
    const edited = JSON.parse(readFileSync(previousFile, 'utf8'));
    edited.documents = edited.documents.filter((document: { file: string }) => document.file !== 'content/en/c-soon.md');
    edited.documents.push({ file: 'content/en/gone.md', title: 'Gone', reviewStatus: 'current' });
    edited.documents.find((document: { file: string }) => document.file === 'content/es/d-current.md').lastReviewed = '2025-01-01';
    writeFileSync(previousFile, JSON.stringify(edited));
    expect(overdueJson(['--compare', previousFile]).report.overdue.comparison).toMatchObject({
      reviewed: [{ file: 'content/es/d-current.md' }],
      added: [{ file: 'content/en/c-soon.md' }],
      removed: [{ file: 'content/en/gone.md', title: 'Gone' }],
    });
  });

  it('a bad --compare file is a one-line usage error', () => {
    project.write('not-a-report.json', '{"hello": 1}');
    const result = overdue(['--compare', 'not-a-report.json']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^contentgov: --compare .*not-a-report\.json: not a contentgov JSON report \(schemaVersion: .+\)\n$/);
  });

  it('is the same in any time zone', () => {
    const args = ['--format', 'json', '--all', '--group-by', 'owner'];
    expect(overdue(args, { TZ: 'Pacific/Kiritimati' }).stdout).toBe(overdue(args, { TZ: 'America/Los_Angeles' }).stdout);
  });

  it('counts days the same in a zone that skipped one: due dates and custom date formats on Kiritimati (no 1994-12-31) and Apia (no 2011-12-30)', () => {
    const own = tempProject();
    try {
      own.write('contentgov.config.json', JSON.stringify({ review: { dateFormats: ['dd/MM/yyyy'] } }));
      const pages: Record<string, [string, string]> = { a: ['1994-12-30', 'P1D'], b: ["'31/12/1994'", 'P1D'], c: ['2011-12-29', 'P2D'], d: ['1994-11-30', 'P1M'] };
      for (const [name, [lastReviewed, reviewFrequency]] of Object.entries(pages)) own.write(`content/${name}.md`, seedDocument({ lastReviewed, reviewFrequency }));
      const due = (tz: string, asOf: string) => {
        const result = own.run(['overdue', '--all', '--as-of', asOf, '--format', 'json'], { env: { TZ: tz } });
        expect(result.exitCode).toBe(0);
        return result.stdout;
      };
      const utc = JSON.parse(due('UTC', '2012-01-02')) as { overdue: { rows: { file: string; nextReviewDue: string }[] } };
      expect(Object.fromEntries(utc.overdue.rows.map((row) => [row.file, row.nextReviewDue]))).toEqual({ 'content/a.md': '1994-12-31', 'content/b.md': '1995-01-01', 'content/c.md': '2011-12-31', 'content/d.md': '1994-12-30' });
      for (const asOf of ['1995-01-01', '2012-01-02']) {
        expect(due('Pacific/Kiritimati', asOf)).toBe(due('UTC', asOf));
        expect(due('Pacific/Apia', asOf)).toBe(due('UTC', asOf));
      }
    } finally {
      own.cleanup();
    }
  });
});

describe('overdue: filters and pages whose metadata cannot be read', () => {
  it('says why a page has no metadata: no block, an empty file, or the block\'s first YAML error, with its line', () => {
    const own = tempProject();
    try {
      own.write('content/bad.md', '---\ntitle: "unclosed\n---\n# Bad\n');
      own.write('content/none.md', '# No frontmatter\n');
      own.write('content/empty.md', '');
      const report = JSON.parse(own.run(['overdue', '--as-of', AS_OF, '--format', 'json']).stdout);
      expect(Object.fromEntries(report.overdue.rows.map((row: { file: string; unknownReason: string }) => [row.file, row.unknownReason]))).toEqual({
        'content/bad.md': 'no readable frontmatter: line 3: YAML syntax error: Missing closing "quote',
        'content/empty.md': 'no readable frontmatter: the file is empty',
        'content/none.md': 'no readable frontmatter: the file does not start with a YAML frontmatter block opened by ---',
      });
    } finally {
      own.cleanup();
    }
  });

  it('keeps such a page under --language, --source and --source-type: it may be any of them, and --fail-on overdue fails on it', () => {
    const own = tempProject();
    try {
      own.write('content/es/bien.md', seedDocument({ language: 'es', lastReviewed: '2025-12-01' }));
      own.write('content/es/roto.md', '---\ntitle: "sin cerrar\nlanguage: es\n---\n# Roto\n');
      own.write('content/en/late.md', seedDocument({ lastReviewed: '2024-01-01' }));
      for (const filter of [['--language', 'es'], ['--source', 'NCI'], ['--source-type', '02_nci_core']]) {
        const result = own.run(['overdue', '--as-of', AS_OF, '--format', 'json', '--fail-on', 'overdue', ...filter]);
        const rows = JSON.parse(result.stdout).overdue.rows.map((row: { file: string; reviewStatus: string }) => `${row.file} ${row.reviewStatus}`);
        expect(rows, filter.join(' ')).toContain('content/es/roto.md unknown');
        expect(result.exitCode, filter.join(' ')).toBe(1);
      }
      // A page whose metadata was read, and is of another language, is still left out.
      const spanish = JSON.parse(own.run(['overdue', '--as-of', AS_OF, '--format', 'json', '--all', '--language', 'es']).stdout).overdue.rows.map((row: { file: string }) => row.file);
      expect(spanish).toEqual(['content/es/roto.md', 'content/es/bien.md']);
    } finally {
      own.cleanup();
    }
  });
});

describe('overdue: formats', () => {
  it('table: a readable table with the audit facts and totals', () => {
    const { stdout, exitCode } = overdue([]);
    expect(exitCode).toBe(0);
    expect(stdout).toContain(`As of: ${AS_OF}`);
    expect(stdout).toMatch(/│ content\/en\/a-very-late\.md +│/);
    expect(stdout).toContain('judged 6 = 1 current + 1 due soon + 3 overdue + 1 unknown; exempt 1 (by status: draft 1)');
    expect(stdout).toContain('Cannot be judged:\n  content/en/f-unknown.md: the review date "2025-02-30" is not a real calendar date');
    expect(stdout).not.toContain('\u001b[');
  });

  it('counts the days of --within as every output counts days', () => {
    expect(overdue(['--within', '1']).stdout).toContain('\nListed: overdue, unknown (cannot be judged), or due within 1 day\n');
    expect(overdue(['--within', '7']).stdout).toContain('\nListed: overdue, unknown (cannot be judged), or due within 7 days\n');
  });

  it('table: fits COLUMNS, leaving out the fewest columns it must and saying which', () => {
    const tableLines = (stdout: string) => stdout.split('\n').filter((line) => /^[┌│├└]/.test(line));
    const wide = overdue([], { COLUMNS: '250' }).stdout;
    expect(wide).not.toContain('Not shown');
    expect(tableLines(wide)[1]).toMatch(/│ Source type +│/);
    for (const width of [120, 100, 80]) {
      const { stdout } = overdue([], { COLUMNS: String(width) });
      const lines = tableLines(stdout);
      expect(Math.max(...lines.map((line) => line.length)), String(width)).toBeLessThanOrEqual(width);
      expect(lines[1], String(width)).toMatch(/^│ File +│.*│ Due +│ Days +│ Status +│$/);
      // Each column left out is named; the first to go is the source type.
      const shown = COLUMN_LABELS.filter((label) => lines[1]!.includes(`│ ${label} `));
      const left = COLUMN_LABELS.filter((label) => !shown.includes(label));
      if (left.length > 0) expect(stdout, String(width)).toContain(`\nNot shown, to fit ${width} columns: ${left.join(', ')}.\nEvery column: --format csv.\n`);
      else expect(stdout).not.toContain('Not shown');
      if (left.length > 0) expect(left[0]).toBe('Source type');
    }
    expect(overdue([], { COLUMNS: '80' }).stdout).toContain('Not shown, to fit 80 columns');
  });

  it('table: a group heading wider than COLUMNS is cut to fit, its counts kept, and leaves out no more columns than the rows need', () => {
    const own = tempProject();
    try {
      const citation = `${'Editorial Board of a very long name '.repeat(6)}(2025)`;
      own.write('content/a.md', seedDocument({ lastReviewed: "'2025-01-01'", citation }));
      own.write('content/b.md', seedDocument({ lastReviewed: "'2025-02-01'", citation: 'NCI' }));
      const tableLines = (stdout: string) => stdout.split('\n').filter((line) => /^[┌│├└]/.test(line));
      for (const width of [160, 120, 100]) {
        const env = { COLUMNS: String(width) };
        const plain = tableLines(own.run(['overdue', '--as-of', AS_OF, '--all'], { env }).stdout);
        const grouped = tableLines(own.run(['overdue', '--as-of', AS_OF, '--all', '--group-by', 'citation'], { env }).stdout);
        expect(Math.max(...grouped.map((line) => line.length)), String(width)).toBeLessThanOrEqual(width);
        // The same columns as without the headings.
        const labels = (header: string) => header.split('│').map((cell) => cell.trim()).filter(Boolean);
        expect(labels(grouped[1]!), String(width)).toEqual(labels(plain[1]!));
        expect(grouped.find((line) => line.includes('Editorial Board')), String(width)).toMatch(/… — 1 overdue, 0 due soon, 0 unknown +│$/);
      }
    } finally {
      own.cleanup();
    }
  });

  it('html: a group whose raw value a column does not show gets its own column (a frequency the config defaults)', () => {
    const own = tempProject();
    try {
      own.write('contentgov.config.json', JSON.stringify({ review: { defaultFrequency: 'annual' }, fields: { reviewFrequency: { required: false } } }));
      own.write('content/a.md', seedDocument({ reviewFrequency: undefined, lastReviewed: '2024-01-01' }));
      const html = own.run(['overdue', '--as-of', AS_OF, '--format', 'html', '--group-by', 'reviewFrequency']).stdout;
      expect(html).toContain('<button type="button">Frequency</button>');
      expect(html).toContain('<button type="button">reviewFrequency</button>');
      expect(html).toMatch(/<td>annual<\/td>.*<td>\(none\)<\/td>/s);
    } finally {
      own.cleanup();
    }
  });

  it('csv: RFC 4180 that a CSV parser reads back, with formulas neutralised', () => {
    const csvFile = path.join(project.root, 'out/overdue.csv');
    expect(overdue(['--format', 'csv', '--all', '--output', csvFile]).exitCode).toBe(0);
    expect(readdirSync(path.dirname(csvFile))).toEqual(['overdue.csv']);
    const text = readFileSync(csvFile, 'utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    const records: Record<string, string>[] = parseCsv(text, { columns: true });
    expect(records).toHaveLength(6);
    const byFile = new Map(records.map((record) => [record.file, record]));
    expect(byFile.get('content/en/a-very-late.md')!.title).toBe('Cryosurgery, "cold" therapy');
    // One record per line: a line break in a title is shown escaped, as in every text output.
    expect(byFile.get('content/en/g-multiline.md')!.title).toBe('Line one\\nline two');
    expect(byFile.get('content/en/c-soon.md')!.title).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(byFile.get('content/en/a-very-late.md')).toMatchObject({ reviewStatus: 'overdue', nextReviewDue: '2024-09-01', daysOverdue: '501', asOf: AS_OF });
    expect(Object.values(byFile.get('content/en/c-soon.md')!).some((cell) => /^[=+\-@]/.test(cell))).toBe(false);
  });

  it('csv: a formula character after a semicolon is neutralised too, as a spreadsheet that splits at semicolons would start a cell there', () => {
    const hostile = "x;=cmd|' /C calc'!A0";
    const line = ['a', hostile, 'b'].map(csvCell).join(',');
    expect(line).toBe(`a,"x;'=cmd|' /C calc'!A0",b`);
    for (const delimiter of [',', ';']) {
      const cells = (parseCsv(line, { delimiter, relax_quotes: true }) as string[][])[0]!;
      expect(cells.some((cell) => /^[=+\-@]/.test(cell)), delimiter).toBe(false);
    }
  });

  it('markdown: a table with escaped cells', () => {
    const { stdout } = overdue(['--format', 'markdown', '--group-by', 'owner']);
    expect(stdout).toContain('# Overdue review report');
    expect(stdout).toContain('## owner: skin-team (2 overdue, 0 due soon, 0 unknown)');
    expect(stdout).toContain('| content/en/g-multiline.md | Line one\\\\nline two |');
  });

  it('html: one self-contained page with charts and a sortable table, in headless Chromium', async () => {
    const htmlFile = path.join(project.root, 'overdue.html');
    expect(overdue(['--format', 'html', '--all', '--group-by', 'owner', '--output', htmlFile]).exitCode).toBe(0);
    const html = readFileSync(htmlFile, 'utf8');
    expect(html).not.toMatch(/<(?:script|link|img)[^>]+(?:src|href)=/i);
    expect(html).not.toMatch(/https?:\/\/(?!evil\.example)/);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      await page.goto(`file://${htmlFile}`);
      expect(await page.locator('table#documents tbody tr').count()).toBe(6);
      // Grouped by owner, a column already shown: not a second one. The hash fits its cell, the table the page.
      expect(await page.locator('table#documents th').allTextContents()).toEqual(['File', 'Title', 'Source', 'Source type', 'Owner', 'Frequency', 'Last reviewed', 'Due', 'Days', 'Status', 'sha256']);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1400);
      expect(await page.locator('svg[aria-label="Overdue by owner"] rect').count()).toBe(2);
      expect(await page.locator('svg[aria-label="Overdue by month due"] rect').count()).toBe(3);
      const firstFile = () => page.locator('table#documents tbody tr:first-child td:first-child').textContent();
      expect(await firstFile()).toBe('content/en/a-very-late.md');
      await page.locator('table#documents th', { hasText: 'Days' }).locator('button').click();
      expect(await firstFile()).toBe('content/es/d-current.md');
      await page.locator('table#documents th', { hasText: 'Days' }).locator('button').click();
      expect(await firstFile()).toBe('content/en/a-very-late.md');
      // The whole header sorts, not only its words: a click at the left of the right-aligned Days header.
      await page.locator('table#documents th', { hasText: 'Days' }).click({ position: { x: 10, y: 10 } });
      expect(await firstFile()).toBe('content/es/d-current.md');
      const screenshot = path.join(project.root, 'overdue.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      expect(statSync(screenshot).size).toBeGreaterThan(10_000);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
    expect(existsSync(htmlFile)).toBe(true);
  });
});
