/**
 * No injection through any output: hostile keys, titles, link targets and file names (real files on
 * disk, newline and all) go through every format of the built CLI, and come out escaped.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { marked } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeJsonText, escapeText, markdownCell, markdownCode } from '../src/report/escape.js';
import { formatJunit } from '../src/report/junit.js';
import { formatStylish } from '../src/report/stylish.js';
import type { Finding, Report } from '../src/report/types.js';
import { seedDocument, tempProject, type JsonReport, type TempProject } from './helpers/project.js';

let project: TempProject;
const AS_OF = ['--as-of', '2026-01-15'];
const OLD = "'2024-01-01'";

// The title as YAML writes it, as the document holds it, and as every text output must show it.
const TITLE_YAML = String.raw`"\e]0;t\a\e[2J\r\b##[add-mask]x @someone <img src=x onerror=alert(1)> </script> [l](http://evil.example) \e]8;;http://evil.example\e\\click\e]8;;\e\\ \u2028\u202E\x9B"`;
const TITLE = '\u001b]0;t\u0007\u001b[2J\r\b##[add-mask]x @someone <img src=x onerror=alert(1)> </script> [l](http://evil.example) \u001b]8;;http://evil.example\u001b\\click\u001b]8;;\u001b\\ \u2028\u202e\u009b';
const TITLE_SHOWN = String.raw`\x1B]0;t\x07\x1B[2J\r\x08##\x5Badd-mask]x @someone <img src=x onerror=alert(1)> </script> [l](http://evil.example) \x1B]8;;http://evil.example\x1B\click\x1B]8;;\x1B\ \u2028\u202E\x9B`;
const NEWLINE_FILE = 'new\nline`tick.md';
const URI_FILE = 'a #1?x%41 y.md';
const HOSTILE_KEY = '<img src=x onerror=alert(1)> @someone [l](http://evil.example) ![i](http://evil.example/i.png) a|b';

/** Bytes a terminal or a CI log acts on: C0 controls other than \n and \t, DEL, C1, separators, bidirectional controls. */
const RAW_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;
/** What the Actions runner reads as a workflow command: a line starting with "::" after blanks, or "##[" anywhere. */
const WORKFLOW_COMMAND = /^\s*::|##\[/m;

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  return project.run(args, { env: { NO_COLOR: '1', ...env } });
}

beforeAll(() => {
  project = tempProject('contentgov-escape-');
  // The content root is the project root, so that a file name starts the stylish header line.
  project.write('contentgov.config.json', JSON.stringify({ root: '.' }));
  project.write(
    'esc.md',
    seedDocument(
      { title: TITLE_YAML, lastReviewed: OLD, '"\\e[2J"': '1', '"\\n::stop-commands::pwn"': '2', '"\\u202Eevil"': '3', [JSON.stringify(HOSTILE_KEY)]: '4' },
      // CommonMark reads a CR as a line ending and allows no control character in a Markdown destination; HTML attributes hold both.
      '# T\n\nLinks: <a href="x\ry.md">a</a> <a href="\u001b[31mred.md">b</a>\n',
    ),
  );
  project.write(NEWLINE_FILE, seedDocument({ lastReviewed: OLD, title: 'Newline', other: 'x' }));
  project.write('::add-mask::x.md', seedDocument({ lastReviewed: OLD, title: 'Mask', other: 'x' }));
  project.write(URI_FILE, seedDocument({ lastReviewed: OLD, title: 'Uri', other: 'x' }));
  project.write('cr.md', '---\rtitle: \u001b[2J\r::add-mask::x\r---\r\r# cr\r');
  const formulas: Record<string, string> = {
    'f-space.md': "' =HYPERLINK(\"http://evil.example\")'",
    'f-fullwidth.md': "'＋1+2'",
    'f-nbsp.md': '"\\u00A0@SUM(A1)"',
    'f-quote.md': '"\\"-2+3"',
    'f-tab.md': '"\\t=1+1"',
  };
  for (const [file, title] of Object.entries(formulas)) project.write(file, seedDocument({ lastReviewed: OLD, title }));
});
afterAll(() => project.cleanup());

const jsonReport = (): JsonReport => JSON.parse(run(['lint', ...AS_OF, '--format', 'json']).stdout) as JsonReport;

describe('text for terminals and logs', () => {
  it('stylish with NO_COLOR: no control byte but \\n and \\t, every hostile value shown escaped', () => {
    const { stdout, exitCode } = run(['lint', ...AS_OF]);
    expect(exitCode).toBe(1);
    expect(stdout).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F]/);
    expect(stdout).not.toMatch(RAW_CONTROL);
    expect(stdout).not.toMatch(WORKFLOW_COMMAND);
    expect(stdout).toMatch(/\n  esc\.md:\d+:1 +warning  unknown field "\\x1B\[2J"  metadata-unknown-field\n/);
    expect(stdout).toContain('unknown field "\\n::stop-commands::pwn"');
    expect(stdout).toContain('unknown field "\\u202Eevil"');
    expect(stdout).toContain('broken link: "x\\ry.md"');
    expect(stdout).toContain('broken link: "\\x1B[31mred.md"');
    expect(stdout).toContain('frontmatter language "title: \\x1B[2');
    expect(stdout).toContain('\\r::add-mask::x\\r---\\r\\r# cr"');
    expect(stdout).toContain('\nnew\\nline`tick.md\n  new\\nline`tick.md:');
    expect(stdout).toMatch(/^\\x3A:add-mask::x\.md\n  \\x3A:add-mask::x\.md:/m);
  });

  it('stylish in colour: the colour codes are the only control sequences', () => {
    const { stdout } = run(['lint', ...AS_OF], { NO_COLOR: '', FORCE_COLOR: '1' });
    expect(stdout).toContain('\u001b[');
    const plain = stdout.replace(/\u001b\[[0-9;]*m/g, '');
    expect(plain).not.toMatch(RAW_CONTROL);
    expect(plain).toContain('unknown field "\\x1B[2J"');
  });

  it('github: one workflow command per finding, content cannot start another', () => {
    const { stdout } = run(['lint', ...AS_OF, '--format', 'github']);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(jsonReport().findings.length);
    for (const line of lines) expect(line).toMatch(/^::(error|warning) file=[^,]*,line=\d+,col=\d+,title=contentgov [a-z-]+::/);
    expect(stdout).not.toMatch(RAW_CONTROL);
    expect(stdout).not.toContain('##[');
    expect(stdout).toMatch(/^::warning file=esc\.md,line=\d+,col=1,title=contentgov metadata-unknown-field::unknown field "\\n::stop-commands::pwn"$/m);
    expect(stdout).toContain('::warning file=new\\nline`tick.md,line=');
  });

  it('error lines and explain: the argument as given, escaped, on one line', () => {
    const explain = run(['explain', 'x\u001b]0;t\u0007\n::error::y']);
    expect(explain.exitCode).toBe(2);
    expect(explain.stderr).toBe('contentgov: no rule "x\\x1B]0;t\\x07\\n::error::y" (contentgov explain --list)\n');
    const format = run(['lint', '--format', '\u001b[2J\u202e']);
    expect(format.exitCode).toBe(2);
    expect(format.stderr).toContain("argument '\\x1B[2J\\u202E' is invalid");
    expect(format.stderr).not.toMatch(RAW_CONTROL);
    expect(run(['explain', 'review-overdue']).stdout).not.toMatch(RAW_CONTROL);
  });

  it('the overdue table: titles and file names escaped', () => {
    const { stdout, exitCode } = run(['overdue', ...AS_OF, '--all']);
    expect(exitCode).toBe(0);
    expect(stdout).not.toMatch(RAW_CONTROL);
    expect(stdout).not.toMatch(WORKFLOW_COMMAND);
    expect(stdout).toContain('\\x1B]0;t\\x07\\x1B[2J');
    expect(stdout).toContain('new\\nline`tick.md');
  });
});

describe('Markdown', () => {
  it('the lint summary: HTML, links, images and mentions are text; a backtick in a file name stays in its code span', () => {
    const { stdout } = run(['lint', ...AS_OF, '--format', 'markdown']);
    expect(stdout).not.toMatch(RAW_CONTROL);
    expect(stdout).toContain('| ``new\\nline`tick.md`` |');
    expect(stdout).toContain(
      String.raw`unknown field "\<img src=x onerror=alert\(1\)\> @&#8203;someone \[l\]\(http://evil.example\) \!\[i\]\(http://evil.example/i.png\) a\|b"`,
    );
    const html = marked.parse(stdout, { async: false, gfm: true }) as string;
    expect(html).not.toMatch(/<img|<script|>l<\/a>|>i<\/a>/i);
    expect(html).toContain('<code>new\\nline`tick.md</code>');
    const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((match) => [...match[1]!.matchAll(/<t[dh][^>]*>/g)].length);
    expect(rows).toHaveLength(jsonReport().findings.length + 1);
    expect(new Set(rows)).toEqual(new Set([5]));
  });

  it('overdue --format markdown: the title is text, the mention does not ping', () => {
    const { stdout } = run(['overdue', ...AS_OF, '--all', '--format', 'markdown']);
    expect(stdout).not.toMatch(RAW_CONTROL);
    expect(stdout).toContain(
      String.raw`| esc.md | \\x1B\]0;t\\x07\\x1B\[2J\\r\\x08##\\x5Badd-mask\]x @&#8203;someone \<img src=x onerror=alert\(1\)\> \</script\> \[l\]\(http://evil.example\) \\x1B\]8;;`,
    );
    const html = marked.parse(stdout, { async: false, gfm: true }) as string;
    expect(html).not.toMatch(/<img|<script|>l<\/a>/i);
    expect(html).toContain('@&#8203;someone &lt;img src=x onerror=alert(1)&gt; &lt;/script&gt;');
  });
});

describe('files', () => {
  it('CSV: one line per record, formulas neutralised after blanks, quotes and full-width signs', () => {
    const { stdout } = run(['overdue', ...AS_OF, '--all', '--format', 'csv']);
    expect(stdout.replace(/\r\n/g, '')).not.toMatch(RAW_CONTROL);
    const records: Record<string, string>[] = parseCsv(stdout, { columns: true });
    expect(stdout.split('\r\n')).toHaveLength(records.length + 2);
    const title = (file: string) => records.find((record) => record.file === file)!.title;
    expect(title('esc.md')).toBe(TITLE_SHOWN);
    expect(title('new\\nline`tick.md')).toBe('Newline');
    expect(title('f-space.md')).toBe("' =HYPERLINK(\"http://evil.example\")");
    expect(title('f-fullwidth.md')).toBe("'＋1+2");
    expect(title('f-nbsp.md')).toBe("'\u00A0@SUM(A1)");
    expect(title('f-quote.md')).toBe('\'"-2+3');
    expect(title('f-tab.md')).toBe("'\\t=1+1");
  });

  it('SARIF: every artifact URI is a relative reference that resolves back to its file', () => {
    const { stdout } = run(['lint', ...AS_OF, '--format', 'sarif']);
    expect(stdout).not.toMatch(RAW_CONTROL);
    const files = new Set(jsonReport().findings.map((finding) => finding.file));
    const uris = new Map<string, string>();
    for (const result of JSON.parse(stdout).runs[0].results) {
      const uri: string = result.locations[0].physicalLocation.artifactLocation.uri;
      const url = new URL(uri, 'file:///root/');
      expect(url.href.startsWith('file:///root/')).toBe(true);
      expect(url.search + url.hash).toBe('');
      uris.set(decodeURIComponent(url.pathname.slice('/root/'.length)), uri);
    }
    expect(new Set(uris.keys())).toEqual(files);
    expect(uris.get(URI_FILE)).toBe('a%20%231%3Fx%2541%20y.md');
    expect(uris.get('::add-mask::x.md')).toBe('%3A%3Aadd-mask%3A%3Ax.md');
  });

  it('JSON: the exact values, written with escapes so that the text itself is inert', () => {
    const { stdout } = run(['overdue', ...AS_OF, '--all', '--format', 'json']);
    expect(stdout).not.toMatch(RAW_CONTROL);
    expect(stdout).not.toContain('##[');
    const report = JSON.parse(stdout) as JsonReport & { overdue: { rows: { file: string; title?: string }[] } };
    expect(report.overdue.rows.find((row) => row.file === 'esc.md')!.title).toBe(TITLE);
  });

  it('JUnit: well-formed XML 1.0 with the controls shown, not dropped', () => {
    const { stdout } = run(['lint', ...AS_OF, '--format', 'junit']);
    expect(XMLValidator.validate(stdout)).toBe(true);
    expect(stdout).not.toMatch(RAW_CONTROL);
    const cases = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(stdout).testsuites.testsuite.testcase as { name: string; 'system-out'?: string }[];
    expect(cases.map((testcase) => testcase.name)).toContain('new\\nline`tick.md');
    expect(cases.find((testcase) => testcase.name === 'esc.md')!['system-out']).toContain('unknown field "\\x1B[2J"');
  });

  it('HTML: every value escaped, in text and attributes; nothing closes the inline script', () => {
    const { stdout } = run(['overdue', ...AS_OF, '--all', '--format', 'html', '--group-by', 'title']);
    expect(stdout).not.toMatch(RAW_CONTROL);
    expect(stdout.match(/<script/g)).toHaveLength(1);
    expect(stdout.match(/<\/script/g)).toHaveLength(1);
    expect(stdout).not.toMatch(/<img/);
    expect(stdout).toContain('@someone &#60;img src=x onerror=alert(1)&#62; &#60;/script&#62;');
    expect(stdout).toContain('\\x1B]0;t\\x07\\x1B[2J');
  });
});

describe('formatters on a report too large to spread', () => {
  it('200,000 findings in one file: stylish and JUnit finish, in linear time', () => {
    const base = jsonReport() as unknown as Report;
    const template: Finding = { ...base.findings[0]!, severity: 'error' };
    const findings: Finding[] = Array.from({ length: 200_000 }, (_, index) => ({ ...template, file: 'big.md', line: index + 1 }));
    const report: Report = { ...base, findings, documents: [{ ...base.documents[0]!, file: 'big.md' }] };
    const started = Date.now();
    expect(formatStylish(report, { color: false }).split('\n').length).toBeGreaterThan(200_000);
    expect([...formatJunit(report)].join('')).toContain('<failure message="200000 errors');
    // A hang guard (1 to 5 s here on a loaded machine; the old JUnit grouping copied the list per finding), not a benchmark.
    expect(Date.now() - started).toBeLessThan(45_000);
  });

  it('escaping is linear on long runs of invisible characters, hashes, blanks and backticks', () => {
    const joiners = '\u200D'.repeat(1_000_000);
    const inputs = [`#${joiners}#${joiners}`, `${'#\u200D\u200D'.repeat(300_000)}[`, `${'#'.repeat(1_000_000)}x`, `${' '.repeat(1_000_000)}x`, `\`${'`'.repeat(1_000_000)}`];
    const started = Date.now();
    for (const input of inputs) {
      expect(escapeText(input).length).toBeGreaterThanOrEqual(input.length);
      expect(JSON.parse(escapeJsonText(JSON.stringify(input)))).toBe(input);
      markdownCell(input);
      markdownCode(input);
    }
    expect(escapeText(`${'#\u200D'.repeat(2)}[`)).toBe('#\u200D#\u200D\\x5B');
    // A hang guard (0.3 to 3 s here; the look-back before the bracket took 46 s for 100,000 joiners), not a benchmark.
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

describe('other commands', () => {
  it('review: the file names it prints are escaped', () => {
    const other = tempProject('contentgov-escape-review-');
    try {
      other.write('content/x\u001b]0;t\u0007\ny.md', seedDocument());
      const { stdout, exitCode } = other.run(['review', 'content/x\u001b]0;t\u0007\ny.md', '--date', '2026-01-10']);
      expect(exitCode).toBe(0);
      expect(stdout).toMatch(/^content\/x\\x1B\]0;t\\x07\\ny\.md: reviewed 2026-01-10/);
      expect(stdout).not.toMatch(RAW_CONTROL);
    } finally {
      other.cleanup();
    }
  });

  it('schema: field names from the config come out as JSON escapes', () => {
    const other = tempProject('contentgov-escape-schema-');
    try {
      const field = 'owner\u202E\u009B##[add-mask]x';
      other.write('contentgov.config.json', JSON.stringify({ fields: { [field]: { type: 'string', required: false } } }));
      const { stdout, exitCode } = other.run(['schema']);
      expect(exitCode).toBe(0);
      expect(stdout).not.toMatch(RAW_CONTROL);
      expect(stdout).toContain('"owner\\u202E\\u009B##\\u005Badd-mask]x"');
      expect(Object.keys(JSON.parse(stdout).properties)).toContain(field);
    } finally {
      other.cleanup();
    }
  });
});
