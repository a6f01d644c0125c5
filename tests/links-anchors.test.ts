/**
 * Anchors and link syntax as GitHub and browsers read them, through the built CLI on real files:
 * ids on any element, slugs of headings with entities, code, escapes, tags and images, headings in
 * block quotes and list items, {#id} with links.headingIds, and the link syntax a line scanner
 * used to misread.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintJson, seedDocument, tempProject, type JsonReport, type TempProject } from './helpers/project.js';

let project: TempProject;
const findingsOf = (report: JsonReport, file: string) =>
  report.findings.filter((finding) => finding.file === `content/${file}` && finding.ruleId.startsWith('link-')).map((finding) => `${finding.line}:${finding.column} ${finding.ruleId} ${finding.message}`);
const url = (page: string) => ({ url: `https://www.cancer.gov/${page}` });

/** The JSON report of a project of these files alone: a temporary one, removed after the run. */
function lintFiles(files: Record<string, string | Buffer>): JsonReport {
  const own = tempProject();
  try {
    for (const [name, contents] of Object.entries(files)) own.write(name, contents);
    return lintJson(own).report;
  } finally {
    own.cleanup();
  }
}

const TARGET = [
  '# Target',
  '',
  '<div id="relevant-evidence">',
  '[not a link](inside-an-html-block.md)',
  '</div>',
  '',
  "Inline <span id='inline-span'>text</span> and <a name=\"named\"></a>.",
  '',
  '<h2 id="html-heading">HTML heading</h2>',
  '',
  '<section id="a-section">',
  '',
  '## VR&amp;E benefits',
  '',
  '## Non&nbsp;breaking',
  '',
  '## The `__init__` method',
  '',
  '### Stream \\<String\\>',
  '',
  '## An <em>emphasised</em> word',
  '',
  '## Logo ![logo](logo.png) dropped',
  '',
  '## Line break <br>',
  '',
  '> ## Quoted heading',
  '',
  '- ## Heading in a list',
  '',
  '## Heading {#custom-id}',
  '',
  '</section>',
].join('\n');

const ANCHORS = [
  'relevant-evidence',
  'inline-span',
  'named',
  'html-heading',
  'a-section',
  'vre-benefits',
  'nonbreaking',
  'the-__init__-method',
  'stream-string',
  'an-emphasised-word',
  'logo--dropped',
  'line-break-',
  'quoted-heading',
  'heading-in-a-list',
];

beforeAll(() => {
  project = tempProject('contentgov-anchors-');
  project.write('contentgov.config.json', '{}');
  project.write('content/logo.png', 'png');
  project.write('content/target.md', seedDocument(url('target'), `${TARGET}\n`));
  const source = [
    '# Source',
    '',
    ...ANCHORS.map((anchor) => `[to ${anchor}](target.md#${anchor})`),
    '',
    '[explicit id, off by default](target.md#custom-id) [its slug](target.md#heading-custom-id)',
    '',
    '[https://oneget.org][02] and [comment]: <> (not a link)',
    '',
    '[comment]: <> (This is a comment, not an empty link)',
    '',
    '[02]: missing-reference-target.md',
    '',
    'A link whose [text runs',
    'over two lines](two-lines-missing.md).',
  ].join('\n');
  project.write('content/source.md', seedDocument(url('source'), `${source}\n`));
  // A YAML error in the block: the body after its closing --- is still checked.
  project.write('content/yaml-error.md', '---\ntitle: [unclosed\n---\n\n# Broken metadata\n\n[hidden before](hidden-missing.md)\n');
});
afterAll(() => project.cleanup());

describe('anchors and link syntax', () => {
  let report: JsonReport;
  beforeAll(() => {
    report = lintJson(project).report;
  });

  it('every id, <a name> and heading slug is an anchor, as GitHub and browsers make them', () => {
    const source = findingsOf(report, 'source.md');
    for (const anchor of ANCHORS) expect(source.join('\n')).not.toContain(`#${anchor}"`);
    expect(source).toContain('38:1 link-missing-anchor broken anchor: "target.md#custom-id" (content/target.md has no heading or id "custom-id")');
    expect(source.join('\n')).not.toContain('heading-custom-id');
  });

  it('reads a reference with a URL as text, a comment definition and link text over two lines as CommonMark does', () => {
    expect(findingsOf(report, 'source.md')).toEqual([
      '38:1 link-missing-anchor broken anchor: "target.md#custom-id" (content/target.md has no heading or id "custom-id")',
      '44:1 link-missing-file broken link: "missing-reference-target.md" (content/missing-reference-target.md does not exist)',
      '46:14 link-missing-file broken link: "two-lines-missing.md" (content/two-lines-missing.md does not exist)',
    ]);
  });

  it('takes no links from Markdown-looking text in an HTML block', () => {
    expect(findingsOf(report, 'target.md')).toEqual([]);
  });

  it('checks the body of a page whose frontmatter has a YAML error', () => {
    expect(report.findings.filter((finding) => finding.file === 'content/yaml-error.md').map((finding) => finding.ruleId)).toEqual(['frontmatter-syntax', 'link-missing-file']);
    expect(findingsOf(report, 'yaml-error.md')).toEqual(['7:1 link-missing-file broken link: "hidden-missing.md" (content/hidden-missing.md does not exist)']);
  });

  it('with links.headingIds, {#id} names the heading instead of its slug', () => {
    project.write('contentgov.config.json', JSON.stringify({ links: { headingIds: true } }));
    try {
      const withIds = lintJson(project).report;
      expect(findingsOf(withIds, 'source.md')).toContain(
        '38:52 link-missing-anchor broken anchor: "target.md#heading-custom-id" (content/target.md has no heading or id "heading-custom-id")',
      );
      expect(findingsOf(withIds, 'source.md').join('\n')).not.toContain('"target.md#custom-id"');
    } finally {
      project.write('contentgov.config.json', '{}');
    }
  });

  it('says when a fragment differs from a heading only in how its accents are encoded (NFD against NFC)', () => {
    const composed = 'efectos-secundarios-m\u00e1s-comunes';
    const report = lintFiles({
      'content/a.md': seedDocument({}, `# A\n\n## Efectos secundarios m\u00e1s comunes\n\n[x](#${composed.normalize('NFD')})\n`),
    });
    expect(report.findings.map((finding) => finding.message)).toEqual([
      `broken anchor: "#${composed.normalize('NFD')}" (this document has no heading or id "${composed.normalize('NFD')}"; the heading's "#${composed}" looks the same but encodes its accents otherwise (Unicode normalization): type the link's fragment again)`,
    ]);
  });

  it('says so for a short heading too, whose accents spelled otherwise are more edits than a did-you-mean allows', () => {
    const report = lintFiles({
      'content/a.md': seedDocument({}, `# A\n\n## \u00c9t\u00e9\n\n## \u00c7a\n\n[x](#${'\u00e9t\u00e9'.normalize('NFD')}) [y](#${'\u00e7a'.normalize('NFD')})\n`),
    });
    expect(report.findings.map((finding: { message: string }) => finding.message)).toEqual(
      ['\u00e9t\u00e9', '\u00e7a'].map(
        (slug) => `broken anchor: "#${slug.normalize('NFD')}" (this document has no heading or id "${slug.normalize('NFD')}"; the heading's "#${slug}" looks the same but encodes its accents otherwise (Unicode normalization): type the link's fragment again)`,
      ),
    );
  });

  it('#top (any case) names the top of any page, as browsers read it, unless an element has that id', () => {
    const report = lintFiles({
      'content/a.md': seedDocument({}, '# A\n\n[up](#top) [up](#TOP) [there](b.md#Top) [not](#topmost)\n'),
      'content/b.md': seedDocument({}, '# B\n'),
    });
    expect(report.findings.map((finding) => `${finding.file} ${finding.ruleId} ${finding.message}`)).toEqual(['content/a.md link-missing-anchor broken anchor: "#topmost" (this document has no heading or id "topmost")']);
  });

  it('a text fragment (#:~:text=) and a line of GitHub\'s source view (?plain=1#L5) name no id: only what precedes :~: is one', () => {
    const report = lintFiles({
      'content/a.md': seedDocument({}, '# A\n\n[t](b.md#:~:text=Side%20effects) [h](b.md#section:~:text=x) [s](#:~:text=A) [l](b.md?plain=1#L5) [r](b.md?plain=1#L5-L9) [bad](b.md#nope:~:text=x) [not plain](b.md#L5)\n'),
      'content/b.md': seedDocument({}, '# B\n\n## Section\n'),
    });
    expect(report.findings.map((finding) => `${finding.file} ${finding.ruleId} ${finding.message}`)).toEqual([
      'content/a.md link-missing-anchor broken anchor: "b.md#nope:~:text=x" (content/b.md has no heading or id "nope")',
      'content/a.md link-missing-anchor broken anchor: "b.md#L5" (content/b.md has no heading or id "L5")',
    ]);
  });

  it('checks no fragment into a page that could not be read: its file-unreadable finding is the one root cause', () => {
    const report = lintFiles({
      'contentgov.config.json': JSON.stringify({ limits: { fileBytes: 2_000 } }),
      'content/latin.md': Buffer.from('---\ntitle: caf\xe9\n---\n\n# Section\n', 'latin1'),
      'content/large.md': seedDocument({}, `# Section\n\n${'Body text. '.repeat(200)}\n`),
      'content/read.md': seedDocument({}, '# Section\n'),
      'content/linker.md': seedDocument({}, '# Linker\n\n[a](latin.md#section) [b](large.md#anything) [c](read.md#section) [d](read.md#missing) [e](latin.md)\n'),
    });
    expect(report.findings.map((finding) => `${finding.file} ${finding.ruleId} ${finding.message}`)).toEqual([
      'content/large.md file-unreadable not read: larger than 2000 bytes',
      'content/latin.md file-unreadable the file is not valid UTF-8 (byte 0xE9); save it as UTF-8',
      'content/linker.md link-missing-anchor broken anchor: "read.md#missing" (content/read.md has no heading or id "missing")',
    ]);
  });
});
