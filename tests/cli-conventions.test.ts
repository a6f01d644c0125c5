/** One set of conventions across lint and overdue: -o, did-you-mean errors, filters, table width, -q, shard counts. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputWidth } from '../src/cli/common.js';
import type { Report } from '../src/report/types.js';
import { assertValidReport } from './helpers/report-schema.js';
import { CLI, seedDocument, tempProject, type TempProject } from './helpers/project.js';

const AS_OF = ['--as-of', '2026-01-15'];
const WIDE = ['-c', 'wide.json'];
let project: TempProject;
const run = (args: string[], env: NodeJS.ProcessEnv = {}) => project.run(args, { env });
const read = (file: string) => readFileSync(path.join(project.root, file), 'utf8');
/** A usage error: exit 2, one line on stderr, nothing on stdout. */
const usageError = (args: string[]) => {
  const result = run(args);
  expect(result.exitCode).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.split('\n')).toHaveLength(2);
  return result.stderr.trimEnd();
};

beforeAll(() => {
  project = tempProject();
  project.write('contentgov.config.json', JSON.stringify({ fields: { owner: { type: 'string', required: false } } }));
  // The folders some tests keep beside content/ are outside its root (a file there is a finding, not
  // a document): WIDE is the same config with the whole project as its content root.
  project.write('wide.json', JSON.stringify({ root: '.', fields: { owner: { type: 'string', required: false } } }));
  // As of 2026-01-15: overdue (an error), due soon (a warning), current; two sources, two languages.
  project.write('content/en/late.md', seedDocument({ lastReviewed: '2025-06-01', owner: 'skin-team', title: 'A late page about cryosurgery and the long title it has' }, '[soon](soon.md) [nci](https://www.cancer.gov/)\n'));
  project.write('content/en/soon.md', seedDocument({ lastReviewed: '2025-10-20', source: 'NIH', owner: 'lung-team' }, '[late](late.md)\n'));
  project.write('content/es/current.md', seedDocument({ language: 'es', owner: 'es-team' }, '[late](../en/late.md) [soon](../en/soon.md#title)\n'));
  project.write('warnings-only/a.md', seedDocument({ lastReviewed: '2025-10-20', stray: 'x' }));
  project.write('warnings-only/b.md', seedDocument());
});
afterAll(() => project.cleanup());

describe('-o [FORMAT:]FILE', () => {
  it('lint infers json, sarif, junit and markdown from .json .sarif .xml .md, takes a FORMAT: prefix, and still prints stylish', () => {
    const result = run(['lint', ...AS_OF, '-o', 'lint/out.json', '-o', 'lint/out.sarif', '-o', 'lint/out.xml', '-o', 'lint/out.md', '--output', 'github:lint/out.txt']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/✖ \d+ problems/);
    expect(readdirSync(path.join(project.root, 'lint')).sort()).toEqual(['out.json', 'out.md', 'out.sarif', 'out.txt', 'out.xml']);
    const json = JSON.parse(read('lint/out.json')) as Report;
    assertValidReport(json);
    expect(JSON.parse(read('lint/out.sarif'))).toMatchObject({ version: '2.1.0', runs: [{ tool: { driver: { name: 'contentgov' } } }] });
    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(read('lint/out.xml'));
    expect(Number(junit.testsuites.failures)).toBe(json.summary.errors);
    expect(read('lint/out.md')).toMatch(/^## .*contentgov/);
    expect(read('lint/out.txt')).toMatch(/^::error file=content\/en\/late\.md,/m);
  });

  it('lint --report FILE is still the JSON report', () => {
    expect(run(['lint', ...AS_OF, '--report', 'lint/report.data']).exitCode).toBe(1);
    assertValidReport(JSON.parse(read('lint/report.data')));
  });

  it('overdue infers csv, html, json and markdown from .csv .html .json .md; a prefix wins; stdout stays empty', () => {
    const result = run(['overdue', ...AS_OF, '--all', '-o', 'od/r.csv', '-o', 'od/r.html', '-o', 'od/r.json', '-o', 'od/r.md', '-o', 'table:od/r.txt', '-o', 'csv:od/x.json']);
    expect(result).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    // csv:x.json is a format and a file (not a folder named "csv:"), and the prefix wins over the extension.
    expect(readdirSync(path.join(project.root, 'od')).sort()).toEqual(['r.csv', 'r.html', 'r.json', 'r.md', 'r.txt', 'x.json']);
    expect(existsSync(path.join(project.root, 'csv:'))).toBe(false);
    const rows: Record<string, string>[] = parseCsv(read('od/r.csv'), { columns: true });
    expect(rows.map((row) => row.file).sort()).toEqual(['content/en/late.md', 'content/en/soon.md', 'content/es/current.md']);
    expect(read('od/x.json')).toBe(read('od/r.csv'));
    expect(read('od/r.html')).toMatch(/^<!doctype html>/);
    expect(JSON.parse(read('od/r.json')).overdue.totals).toMatchObject({ listed: 3, overdue: 1, dueSoon: 1, current: 1 });
    expect(read('od/r.md')).toMatch(/^# Overdue review report\n/);
    expect(read('od/r.txt')).toMatch(/^Overdue review report\n[^]*│ content\/en\/late\.md +│/);
  });

  it('a file whose format cannot be inferred, or a format the command does not have, is a one-line error naming the choices', () => {
    expect(usageError(['lint', '-o', 'out.csv'])).toBe(
      'contentgov: -o out.csv: cannot infer the format from ".csv"; write FORMAT:FILE (lint formats: stylish, json, sarif, junit, github, markdown; inferred from .json .sarif .xml .md)',
    );
    expect(usageError(['lint', '-o', 'report'])).toBe(
      'contentgov: -o report: cannot infer the format of a file without an extension; write FORMAT:FILE (lint formats: stylish, json, sarif, junit, github, markdown; inferred from .json .sarif .xml .md)',
    );
    expect(usageError(['overdue', '-o', 'out.sarif'])).toBe(
      'contentgov: -o out.sarif: cannot infer the format from ".sarif"; write FORMAT:FILE (overdue formats: table, csv, json, markdown, html; inferred from .csv .html .json .md)',
    );
    expect(usageError(['overdue', '-o', 'xml:out.xml'])).toBe('contentgov: -o xml:out.xml: no format "xml" (overdue formats: table, csv, json, markdown, html; inferred from .csv .html .json .md)');
    expect(usageError(['lint', '-o', 'json:'])).toBe('contentgov: -o json:: no file name after "json:"');
    expect(usageError(['overdue', '--format', 'csv', '-o', 'out.json'])).toBe('contentgov: --format csv disagrees with -o out.json (json); write -o csv:out.json, or drop --format');
    expect(existsSync(path.join(project.root, 'out.csv'))).toBe(false);
    expect(existsSync(path.join(project.root, 'out.json'))).toBe(false);
    // An explicit --format that agrees is fine.
    expect(run(['overdue', ...AS_OF, '--format', 'csv', '-o', 'agree.csv']).exitCode).toBe(0);
  });
});

describe('paths named on the command line', () => {
  it('a pre-commit hook\'s list (README.md and pages): the pages are checked, and each path that is none is a warning line', () => {
    project.write('README.md', '# The project\n');
    const named = run(['lint', ...AS_OF, '--format', 'json', 'README.md', 'content/en/soon.md', 'warnings-only/a.md']);
    expect(JSON.parse(named.stdout).documents.map((document: { file: string }) => document.file)).toEqual(['content/en/soon.md']);
    expect(named.stderr).toBe(
      'contentgov: warning: README.md: outside the content root (content/); only documents in it are checked: skipped\n' +
        'contentgov: warning: warnings-only/a.md: outside the content root (content/); only documents in it are checked: skipped\n',
    );
    // None of them a page of the content root: still a usage error, naming each.
    expect(usageError(['lint', 'README.md', 'warnings-only/a.md'])).toBe(
      'contentgov: nothing to check: README.md: outside the content root (content/); only documents in it are checked; warnings-only/a.md: outside the content root (content/); only documents in it are checked',
    );
  });

  it('a path named twice is one warning, and a folder above the root is a path that names it, even when the root holds no page yet', () => {
    project.write('README.md', '# The project\n');
    const twice = run(['lint', ...AS_OF, '--format', 'json', 'README.md', 'content/en/soon.md', 'README.md']);
    expect(twice.stderr).toBe('contentgov: warning: README.md: outside the content root (content/); only documents in it are checked: skipped\n');
    expect(usageError(['lint', 'README.md', 'README.md'])).toBe('contentgov: README.md: outside the content root (content/); only documents in it are checked');
    const empty = tempProject();
    try {
      empty.write('contentgov.config.json', JSON.stringify({ root: 'content' }));
      empty.write('content/.keep', '');
      empty.write('README.md', '# The project\n');
      for (const command of ['lint', 'overdue']) {
        const named = empty.run([command, ...AS_OF, '.', 'README.md']);
        expect(named, command).toMatchObject({ exitCode: 0, stderr: 'contentgov: warning: README.md: outside the content root (content/); only documents in it are checked: skipped\n' });
      }
    } finally {
      empty.cleanup();
    }
  });

  it('a path named outside the content root, or a file that is not Markdown, is a one-line error; a folder above the root names the root', () => {
    project.write('notes.txt', 'not a page\n');
    project.write('content/en/notes.txt', 'not a page\n');
    for (const command of ['lint', 'overdue']) {
      expect(usageError([command, 'warnings-only/a.md'])).toBe('contentgov: warnings-only/a.md: outside the content root (content/); only documents in it are checked');
      expect(usageError([command, 'notes.txt'])).toBe('contentgov: notes.txt: outside the content root (content/); only documents in it are checked');
      expect(usageError([command, 'content/en/notes.txt'])).toBe('contentgov: content/en/notes.txt: not a Markdown file (*.md)');
      // The project folder holds the content root: the same run as with no path, not a finding without a file name.
      const whole = run([command, ...AS_OF, '--format', 'json']);
      expect(run([command, ...AS_OF, '--format', 'json', '.'])).toEqual(whole);
      expect(JSON.parse(whole.stdout).documents.length).toBe(3);
    }
    // The config named through a link to the project, the page from the real working directory: the same page, not "outside".
    const linked = path.join(path.dirname(project.root), `${path.basename(project.root)}-link`);
    symlinkSync(project.root, linked);
    try {
      const named = project.run(['lint', ...AS_OF, '-c', path.join(linked, 'contentgov.config.json'), '--format', 'json', 'content/en/soon.md']);
      expect(named.stderr).toBe('');
      // Named by its place in the project, so its links resolve as in a run without the link.
      const direct = JSON.parse(project.run(['lint', ...AS_OF, '--format', 'json', 'content/en/soon.md']).stdout);
      expect(JSON.parse(named.stdout).findings).toEqual(direct.findings);
      expect(JSON.parse(named.stdout).documents).toEqual(direct.documents);
    } finally {
      rmSync(linked);
    }
  });
});

describe('options a run would ignore are refused', () => {
  it('in one line, exit 2, in the form every error has', () => {
    expect(usageError(['lint', '--no-links', '--external'])).toBe('contentgov: --external checks links: it does not go with --no-links');
    expect(usageError(['lint', '--as-of', '2026-02-30'])).toBe("contentgov: option '--as-of <date>' argument '2026-02-30' is invalid. expected a real calendar date YYYY-MM-DD.");
    expect(usageError(['overdue', '--nope'])).toBe("contentgov: unknown option '--nope'");
    expect(usageError(['overdue', '--language', 'es', '--language', 'en'])).toBe("contentgov: option '--language <language>' argument 'en' is invalid. given more than once; it takes one value.");
    // The day judged or recorded: a second one silently winning would change every verdict.
    expect(usageError(['overdue', '--as-of', '2026-01-15', '--as-of', '2026-02-15'])).toBe("contentgov: option '--as-of <date>' argument '2026-02-15' is invalid. given more than once; it takes one value.");
    expect(usageError(['lint', '--as-of', '2026-01-15', '--as-of', '2026-02-15'])).toBe("contentgov: option '--as-of <date>' argument '2026-02-15' is invalid. given more than once; it takes one value.");
    expect(usageError(['review', 'content/en/soon.md', '--date', '2026-01-15', '--date', '2026-01-14'])).toBe("contentgov: option '--date <date>' argument '2026-01-14' is invalid. given more than once; it takes one value.");
    expect(usageError(['new', 'content/en/x.md', '--title', 'X', '--as-of', '2026-01-15', '--as-of', '2026-01-14'])).toBe("contentgov: option '--as-of <date>' argument '2026-01-14' is invalid. given more than once; it takes one value.");
    // Every option that takes one value, a default or not: the first given is no second.
    expect(usageError(['lint', '--format', 'json', '--format', 'sarif'])).toBe("contentgov: option '-f, --format <format>' argument 'sarif' is invalid. given more than once; it takes one value.");
    expect(usageError(['lint', '-j', '1', '--jobs', '2'])).toBe("contentgov: option '-j, --jobs <count>' argument '2' is invalid. given more than once; it takes one value.");
    expect(usageError(['overdue', ...AS_OF, '--history', '--since', '6m', '--since', '3m'])).toBe("contentgov: option '--since <span>' argument '3m' is invalid. given more than once; it takes one value.");
    expect(usageError(['overdue', ...AS_OF, '-o', 'issues:reminders'])).toBe('contentgov: -o issues:reminders: the reminders are a folder, not a report: write --format issues -o reminders');
    expect(usageError(['overdue', ...AS_OF, '--fail-on', 'overdue', '--fail-on', 'due-soon'])).toBe("contentgov: option '--fail-on <status>' argument 'due-soon' is invalid. given more than once; it takes one value.");
    expect(usageError(['overdue', ...AS_OF, '--format', 'issues', '-o', 'reminders', '--all', '--group-by', 'language'])).toBe(
      "contentgov: --format issues lists each owner's overdue, unknown and due-soon pages: it does not take --all, --group-by",
    );
    const csvOnly = 'contentgov: --compare adds a section CSV has no place for: write table, json, markdown or html as well';
    expect(usageError(['overdue', ...AS_OF, '--compare', 'previous.json', '--format', 'csv'])).toBe(csvOnly);
    expect(usageError(['overdue', ...AS_OF, '--compare', 'previous.json', '-o', 'compared.csv'])).toBe(csvOnly);
    expect(existsSync(path.join(project.root, 'reminders'))).toBe(false);
  });

  it('--report is repeatable, as -o is', () => {
    expect(run(['lint', ...AS_OF, '--report', 'twice/a.json', '--report', 'twice/b.json', '-o', 'twice/c.json']).exitCode).toBe(1);
    expect(read('twice/a.json')).toBe(read('twice/b.json'));
    expect(read('twice/a.json')).toBe(read('twice/c.json'));
  });

  it('--compare with CSV and a format that shows it writes both', () => {
    expect(run(['overdue', '--as-of', '2025-12-01', '-o', 'compare/previous.json']).exitCode).toBe(0);
    expect(run(['overdue', ...AS_OF, '--compare', 'compare/previous.json', '-o', 'compare/now.csv', '-o', 'compare/now.md']).exitCode).toBe(0);
    expect(read('compare/now.md')).toContain('## Changes since 2025-12-01');
  });
});

describe('a report never becomes a document', () => {
  it('a Markdown report in the content root is refused before the run, unless discovery skips its place; a JSON one may go there', () => {
    const local = tempProject();
    try {
      local.write('contentgov.config.json', JSON.stringify({ root: '.', ignore: ['reports/**'] }));
      local.write('page.md', seedDocument());
      const refused = (args: string[], target: string) => {
        const result = local.run(args);
        expect(result.exitCode).toBe(2);
        expect(result.stderr).toBe(`contentgov: cannot write ${path.join(local.root, target)}: a Markdown file in the content root is a document (write the report elsewhere, or list it in the config's ignore)\n`);
      };
      refused(['lint', '-o', 'json:page.md'], 'page.md');
      refused(['lint', '--report', 'summary.md'], 'summary.md');
      refused(['overdue', '-o', 'overdue.md'], 'overdue.md');
      expect(local.run(['overdue', '--format', 'issues', '-o', 'reminders']).stderr).toBe(
        `contentgov: cannot write the reminders in ${path.join(local.root, 'reminders')}: Markdown files in the content root are documents (write them elsewhere, or list the folder in the config's ignore)\n`,
      );
      expect(readFileSync(path.join(local.root, 'page.md'), 'utf8')).toBe(seedDocument());
      for (const args of [['lint', '-o', 'reports/lint.md'], ['lint', '-o', '.cache/lint.md'], ['lint', '-o', 'lint.json'], ['overdue', '--format', 'issues', '-o', 'reports/reminders']]) {
        expect(local.run(args).exitCode, args.join(' ')).toBe(0);
      }
      // A page reviewed in the future would escape the overdue report until then.
      expect(local.run(['new', 'later.md', '--title', 'Later', '--as-of', '2030-01-01']).stderr).toBe('contentgov: a review cannot be recorded in the future: --as-of 2030-01-01 is after today (2026-01-15, UTC)\n');
      expect(existsSync(path.join(local.root, 'later.md'))).toBe(false);
    } finally {
      local.cleanup();
    }
  });
});

describe('overdue filters and --group-by', () => {
  const files = (args: string[]) => (JSON.parse(run(['overdue', ...AS_OF, '--all', '--format', 'json', ...args]).stdout) as Report).overdue!.rows.map((row) => row.file);

  it('match values whatever their case', () => {
    expect(files(['--source', 'nci'])).toEqual(files(['--source', 'NCI']));
    expect(files(['--source', 'nci']).sort()).toEqual(['content/en/late.md', 'content/es/current.md']);
    expect(files(['--language', 'ES'])).toEqual(['content/es/current.md']);
    expect(files(['--source-type', '02_NCI_CORE'])).toHaveLength(3);
  });

  it('an unknown field or value is a one-line error with a did-you-mean, or the known names', () => {
    expect(usageError(['overdue', ...AS_OF, '--group-by', 'sorce'])).toBe('contentgov: --group-by sorce: no such field; did you mean "source"?');
    expect(usageError(['overdue', ...AS_OF, '--group-by', 'ownr'])).toBe('contentgov: --group-by ownr: no such field; did you mean "owner"?');
    expect(usageError(['overdue', ...AS_OF, '--group-by', 'zzzzzz'])).toMatch(/^contentgov: --group-by zzzzzz: no such field \(fields: [^)]*\bfolder, [^)]*\bowner, [^)]*\bsource\b/);
    expect(usageError(['overdue', ...AS_OF, '--source-type', '02_nci_cor'])).toBe('contentgov: --source-type 02_nci_cor: no document has this source type; did you mean "02_nci_core"?');
    expect(usageError(['overdue', ...AS_OF, '--source', 'CDC'])).toBe('contentgov: --source CDC: no document has this source (known values: NCI, NIH)');
    expect(usageError(['overdue', ...AS_OF, '--language', 'fr'])).toBe('contentgov: --language fr: no document has this language (known values: en, es)');
  });

  it('a metadata field only the documents have can be grouped by', () => {
    project.write('extra/a.md', seedDocument({ lastReviewed: '2025-06-01', team: 'alpha' }));
    const report = JSON.parse(run(['overdue', ...AS_OF, ...WIDE, 'extra', '--format', 'json', '--group-by', 'team']).stdout) as Report;
    expect(report.overdue!.groups.map((group) => group.group)).toEqual(['alpha']);
  });
});

describe('overdue table layout', () => {
  it('outputWidth: COLUMNS when set, else the terminal width, else no limit', () => {
    expect(outputWidth({ isTTY: true, columns: 90 }, {})).toBe(90);
    expect(outputWidth({ isTTY: true, columns: 90 }, { COLUMNS: '132' })).toBe(132);
    expect(outputWidth({ isTTY: false }, { COLUMNS: '100' })).toBe(100);
    expect(outputWidth({ isTTY: false, columns: 90 }, {})).toBeUndefined();
    expect(outputWidth({ isTTY: true, columns: 90 }, { COLUMNS: 'wide' })).toBe(90);
    expect(outputWidth({ isTTY: true, columns: 90 }, { COLUMNS: '0' })).toBe(90);
  });

  const tableLines = (stdout: string) => stdout.split('\n').filter((line) => /^[┌│├└]/.test(line));

  it('fits COLUMNS by cutting the title (…) and then the file path from the left, never wrapping a row', () => {
    const table = (columns?: number) => tableLines(run(['overdue', ...AS_OF, '--all'], columns === undefined ? {} : { COLUMNS: String(columns) }).stdout);
    // Piped without COLUMNS: as wide as the content (titles cut at 48 characters, as always).
    const natural = table();
    expect(natural[0]!.length).toBe(177);
    expect(natural.join('\n')).toContain('│ A late page about cryosurgery and the long titl… │');
    for (const columns of [172, 142, 137, 132]) {
      const lines = table(columns);
      expect(lines).toHaveLength(natural.length);
      for (const line of lines) expect(line.length).toBe(columns);
    }
    expect(table(142).join('\n')).toMatch(/│ content\/es\/current\.md │ Cryosurgery … │/);
    expect(table(132).join('\n')).toMatch(/│ …ent\/es\/current\.md │ Cryos… │/);
    // Narrower than cutting those two allows: columns are left out, the file, dates and status kept, one line a row.
    const narrow = table(100);
    expect(narrow).toHaveLength(natural.length);
    expect(Math.max(...narrow.map((line) => line.length))).toBeLessThanOrEqual(100);
    expect(narrow[1]).toMatch(/^│ File +│.*│ Due +│ Days +│ Status +│$/);
    expect(narrow[1]).not.toContain('Source type');
  });

  it('on a terminal, fits its width (a real pseudo-terminal, from util-linux script)', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env.COLUMNS;
    const command = `stty cols 142 rows 40; exec '${process.execPath}' '${CLI}' overdue ${AS_OF.join(' ')} --all`;
    const child = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: project.root, env, encoding: 'utf8' });
    expect(child.status).toBe(0);
    const lines = tableLines(child.stdout.replace(/\r/g, ''));
    expect(lines).toHaveLength(7);
    for (const line of lines) expect(line.length).toBe(142);
  });

  it('--group-by rules each heading off with ┴ above and ┬ below, and draws no stray junction lines', () => {
    const { stdout } = run(['overdue', ...AS_OF, '--all', '--group-by', 'folder']);
    expect(stdout.split('\n').filter((line) => /^[┴┬]+$/.test(line))).toEqual([]);
    const lines = tableLines(stdout);
    const headings = lines.map((line, index) => (line.startsWith('│ folder: ') ? index : -1)).filter((index) => index >= 0);
    expect(headings).toHaveLength(2);
    for (const index of headings) {
      expect(lines[index - 1]).toMatch(/^├─+(┴─+)+┤$/);
      expect(lines[index + 1]).toMatch(/^├─+(┬─+)+┤$/);
    }
    expect(lines.filter((line) => line.startsWith('│ content/'))).toHaveLength(3);
    const width = lines[0]!.length;
    expect(lines.every((line) => line.length === width)).toBe(true);
  });

  it('the HTML "by group" table: each number under its heading, aligned as its heading', () => {
    expect(run(['overdue', ...AS_OF, '--all', '--group-by', 'owner', '-o', 'groups.html']).exitCode).toBe(0);
    const html = read('groups.html');
    const fragment = /<table id="groups">[^]*?<\/table>/.exec(html)![0];
    const table = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['tr', 'th', 'td'].includes(name), parseTagValue: false, alwaysCreateTextNode: true }).parse(fragment).table;
    type Cell = { '#text': string; class?: string };
    const headers = (table.thead.tr[0].th as Cell[]).map((cell) => ({ text: cell['#text'], numeric: cell.class === 'num' }));
    expect(headers).toEqual([
      { text: 'owner', numeric: false },
      { text: 'Overdue', numeric: true },
      { text: 'Due soon', numeric: true },
      { text: 'Unknown', numeric: true },
      { text: 'Listed', numeric: true },
    ]);
    const rows = (table.tbody.tr as { td: Cell[] }[]).map((row) => {
      row.td.forEach((cell, index) => expect(cell.class === 'num').toBe(headers[index]!.numeric));
      return Object.fromEntries(row.td.map((cell, index) => [headers[index]!.text, cell['#text']]));
    });
    expect(rows).toEqual([
      { owner: 'skin-team', Overdue: '1', 'Due soon': '0', Unknown: '0', Listed: '1' },
      { owner: 'es-team', Overdue: '0', 'Due soon': '0', Unknown: '0', Listed: '1' },
      { owner: 'lung-team', Overdue: '0', 'Due soon': '1', Unknown: '0', Listed: '1' },
    ]);
    expect(html).toMatch(/th\.num,td\.num\{text-align:right/);
  });
});

describe('lint -q', () => {
  it('with only warnings says how many it hid', () => {
    const result = run(['lint', ...AS_OF, ...WIDE, '-q', 'warnings-only']);
    expect(result.exitCode).toBe(0);
    expect(firstLine(result.stdout)).toBe('✔ 2 documents checked, no errors, 2 warnings hidden');
    expect(run(['lint', ...AS_OF, ...WIDE, 'warnings-only']).stdout).toMatch(/\n✖ 2 problems \(0 errors, 2 warnings\) in 1 of 2 documents\n/);
    expect(firstLine(run(['lint', ...AS_OF, ...WIDE, '-q', 'warnings-only/b.md']).stdout)).toBe('✔ 1 document checked, no problems');
  });

  it('with errors shows only them, and the count of warnings hidden', () => {
    const result = run(['lint', ...AS_OF, ...WIDE, '-q', '--no-links', 'content', 'warnings-only']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).not.toMatch(/ warning /);
    expect(result.stdout).toMatch(/\n✖ 1 error in 1 of 5 documents, 3 warnings hidden\n/);
  });

  it('keeps every warning in the reports written with -o and --report', () => {
    const result = run(['lint', ...AS_OF, ...WIDE, '-q', '--format', 'json', '-o', 'quiet/out.json', '--report', 'quiet/report.json', '-o', 'quiet/out.sarif', 'warnings-only']);
    const shown = JSON.parse(result.stdout) as Report;
    // Shown: no warning listed, but the count is true (a machine, or --max-warnings, sees it).
    expect(shown.summary.warnings).toBe(2);
    expect(shown.findings).toEqual([]);
    for (const file of ['quiet/out.json', 'quiet/report.json']) {
      const written = JSON.parse(read(file)) as Report;
      expect(written.summary.warnings).toBe(2);
      expect(written.findings.map((finding) => finding.ruleId).sort()).toEqual(['metadata-unknown-field', 'review-due-soon']);
    }
    expect(JSON.parse(read('quiet/out.sarif')).runs[0].results).toHaveLength(2);
  });

  it('never ticks a run that the warnings it hid fail through --max-warnings', () => {
    const result = run(['lint', ...AS_OF, ...WIDE, '-q', '--max-warnings', '0', 'warnings-only']);
    expect(result.exitCode).toBe(1);
    expect(firstLine(result.stdout)).toBe('✖ 2 documents checked, no errors, 2 warnings hidden, more than --max-warnings 0');
    expect(firstLine(run(['lint', ...AS_OF, ...WIDE, '-q', '--max-warnings', '2', 'warnings-only']).stdout)).toBe('✔ 2 documents checked, no errors, 2 warnings hidden');
  });

  it('never shows a green markdown verdict over the warnings --max-warnings fails on', () => {
    const result = run(['lint', ...AS_OF, ...WIDE, '-q', '--format', 'markdown', '--max-warnings', '0', 'warnings-only']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^## ⚠️ contentgov: 0 errors, 2 warnings\n/);
    expect(result.stdout).toContain('\n2 warnings are not listed (--quiet).\n\nMore warnings than --max-warnings 0: the check fails.\nNo errors found.\n');
  });
});

describe('link counts of what was judged', () => {
  const links = (args: string[]) => (JSON.parse(run(['lint', ...AS_OF, '--format', 'json', 'content', ...args]).stdout) as Report).links!;

  it('each shard counts its own documents\' links; the shards add up to the full run', () => {
    const full = links([]);
    expect(full).toMatchObject({ total: 5, checked: 4, skipped: 1 });
    const shards = [1, 2, 3].map((index) => links(['--shard', `${index}/3`]));
    for (const key of ['total', 'checked', 'broken', 'skipped', 'cached'] as const) expect(shards.reduce((sum, shard) => sum + shard[key], 0)).toBe(full[key]);
    expect(shards.map((shard) => shard.total)).toEqual([2, 1, 2]);
  });

  it('a shard with no document has no links to count', () => {
    const result = run(['lint', ...AS_OF, 'content', '--shard', '4/4']);
    expect(firstLine(result.stdout)).toBe('✔ 0 documents checked, no problems');
    expect(links(['--shard', '4/4'])).toEqual({ total: 0, checked: 0, broken: 0, skipped: 0, cached: 0 });
  });
});

describe('did-you-mean for rule ids', () => {
  it('a suppression comment naming a rule with a typo', () => {
    project.write('typo/a.md', seedDocument({}, '<!-- contentgov-disable-next-line link-missing-fle, no-such-thing -- moved -->\n[x](x.md)\n'));
    const report = JSON.parse(run(['lint', ...AS_OF, ...WIDE, '--format', 'json', 'typo']).stdout) as Report;
    expect(report.findings.find((finding) => finding.ruleId === 'suppression-invalid')?.message).toBe(
      'this suppression of link-missing-fle, no-such-thing names no such rule: link-missing-fle (did you mean "link-missing-file"?), no-such-thing',
    );
  });

  it('lint --rule with a typo', () => {
    expect(usageError(['lint', '--rule', 'review-overdeu=off'])).toBe('contentgov: --rule review-overdeu: no such rule; did you mean "review-overdue"?');
  });
});

/** The verdict line of a clean stylish run (the review and files lines follow it). */
function firstLine(text: string): string {
  return text.split('\n')[0]!;
}
