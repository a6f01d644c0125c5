import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractLinks } from '../src/links/extract.js';
import { githubSlug, Slugger } from '../src/links/slug.js';
import { lintJson, seedDocument, tempProject, type JsonReport, type TempProject } from './helpers/project.js';

describe('extraction', () => {
  const body = [
    '# Title',
    'Inline [a](a.md#x) and ![img](<pics/my pic.png> "t") and [nested ![i](i.png)](n.md).',
    '`[code](no.md)` <https://auto.example/x> <me@example.com> https://bare.example/path). www.example.org/a.',
    '<a href="h.md#y">x</a> <img src=\'p.png\'> <!-- [c](comment.md) -->',
    '[ref]: https://def.example/ "T"',
    '',
    '    [indented](code.md)',
    '',
    '```md',
    '[fenced](code.md)',
    '```',
    '~~~',
    '[tilde fenced](code.md)',
    '~~~',
    '- [list](l.md)',
    '',
    '      [still in the list](deep.md)',
    '[p](<x y.md>) [q](url(1).md) [esc\\]](e.md) \\[not](n2.md) \\\\[yes](y.md)',
    'Use [reference][ref] too. A [shortcut] is not a destination.',
  ].join('\n');
  const { links } = extractLinks(body, 10);

  it('finds every kind of link with its line and column in the whole file', () => {
    expect(links.map((link) => `${link.line}:${link.column} ${link.kind} ${link.url}`)).toEqual([
      '11:8 inline a.md#x',
      '11:24 image pics/my pic.png',
      '11:58 inline n.md',
      '11:66 image i.png',
      '12:17 autolink https://auto.example/x',
      '12:42 autolink mailto:me@example.com',
      '12:59 bare https://bare.example/path',
      '12:87 bare http://www.example.org/a',
      '13:1 html h.md#y',
      '13:24 html p.png',
      // A definition cannot interrupt a paragraph: this one is text with a bare URL.
      '14:8 bare https://def.example/',
      '24:3 inline l.md',
      // Six spaces in an item whose text starts at two are indented code.
      '27:1 inline x y.md',
      '27:15 inline url(1).md',
      '27:30 inline e.md',
      '27:60 inline y.md',
    ]);
  });

  it('takes nothing from code, comments or escaped brackets', () => {
    const urls = links.map((link) => link.url);
    for (const absent of ['no.md', 'comment.md', 'code.md', 'n2.md']) expect(urls).not.toContain(absent);
  });

  it('makes anchors as GitHub does', () => {
    expect(githubSlug('Cryosurgery to Treat Cancer - NCI')).toBe('cryosurgery-to-treat-cancer---nci');
    expect(githubSlug('¿Qué tipos de cáncer se tratan?')).toBe('qué-tipos-de-cáncer-se-tratan');
    expect(githubSlug('What is `cryosurgery`?')).toBe('what-is-cryosurgery');
    expect(githubSlug('[Risks](risks.md) & *benefits*')).toBe('risks--benefits');
    // Underscores that make emphasis are markup, not text; those inside a word are text.
    expect(githubSlug('_Note_')).toBe('note');
    expect(githubSlug('A __strong__ and _light_ point')).toBe('a-strong-and-light-point');
    expect(githubSlug('snake_case names')).toBe('snake_case-names');
    expect(githubSlug('_private_var')).toBe('_private_var');
    expect(githubSlug('\\_escaped\\_')).toBe('_escaped_');
    const slugger = new Slugger();
    expect(['Side effects', 'Side effects', 'Side effects', 'Side effects-1'].map((text) => slugger.slug(text))).toEqual(['side-effects', 'side-effects-1', 'side-effects-2', 'side-effects-1-1']);
    const { anchors } = extractLinks('# One\n## One\nSetext\n======\n<a id="custom"></a>\n<a name="named"></a>\n## Heading {#explicit}\n```\n# not a heading\n```\n', 1);
    expect(anchors).toEqual(['one', 'one-1', 'setext', 'custom', 'named', 'heading-explicit']);
    // With links.headingIds, `{#id}` names the heading instead of its slug.
    expect(extractLinks('## Heading {#explicit}\n## Heading\n', 1, { headingIds: true }).anchors).toEqual(['explicit', 'heading']);
  });
});

let project: TempProject;
let report: JsonReport;
const findingsOf = (file: string) => report.findings.filter((finding) => finding.file === `content/${file}`).map((finding) => `${finding.line}:${finding.column} ${finding.ruleId} ${finding.message}`);

beforeAll(() => {
  project = tempProject();
  const url = (page: string) => ({ url: `https://www.cancer.gov/${page}` });
  project.write('content/target.md', seedDocument(url('types/target'), '# Target\n\n## Side effects\n\n## Side effects\n\n<a id="custom"></a>\n'));
  project.write('content/Images/Photo.png', 'png');
  project.write('content/with space.md', seedDocument(url('space'), '# Spaced\n'));
  project.write('outside.md', seedDocument(url('outside'), '# Secret\n'));
  symlinkSync(path.join(project.root, 'outside.md'), path.join(project.root, 'content/link-out.md'));
  const body = [
    '# Source',
    '[ok](target.md) [anchor](target.md#side-effects-1) [custom](target.md#custom) [self](#source)',
    '[missing](nope.md) [bad anchor](target.md#risks) [bad self](#nowhere)',
    '[case](target.MD) [image](Images/Photo.png) [image case](images/photo.png)',
    '[space](with%20space.md) [space raw](<with space.md>)',
    '[escape](../outside.md) [through symlink](link-out.md#secret)',
    '[site](/types/target#side-effects) [site bad anchor](/types/target#gone) [absolute](https://www.cancer.gov/types/target/#custom)',
    '[script](javascript:alert(1)) [data](data:text/html,hi) [mail](mailto:nci@cancer.gov) [bad mail](mailto:nobody) [phone](tel:+1-800-422-6237)',
    '[elsewhere](https://example.org/page) [ftp](ftp://example.org/file)',
    '[broken escape](%E0%A4%A.md)',
  ].join('\n');
  project.write('content/source.md', seedDocument(url('types/source'), `${body}\n`));
  report = lintJson(project).report;
});
afterAll(() => project.cleanup());

describe('links.headingIds', () => {
  // Pandoc, Hugo (goldmark) and kramdown write an attribute list: the id is its #word, classes and key=value pairs beside it.
  const body = ['# Plain {#plain-id}', '## Pandoc {#pandoc-id .unnumbered}', '## Hugo {#hugo-id class="wide"}', '## Class first {.note #class-first}', '## No id {.note}', '## Old {#a{#b}'].join('\n\n');
  it.each([
    ['the fast scanner', body],
    ['the exact extractor', `<span id="x">HTML</span>\n\n${body}`],
  ])('takes the id of an attribute list in %s', (_name, text) => {
    expect(extractLinks(text, 1, { headingIds: true }).anchors.filter((anchor) => anchor !== 'x')).toEqual(['plain-id', 'pandoc-id', 'hugo-id', 'class-first', 'no-id-note', 'a{#b']);
  });
});

describe('footnotes (GFM)', () => {
  // `[^1]: Ibid.` is a footnote on GitHub and in every site generator that has footnotes, not a
  // link definition to a file named "Ibid.". A footnote that is only a URL is a bare URL there.
  const footnotes = ['Screening helps.[^1] Some disagree.[^2] See the data.[^3] [Real](real.md)', '', '[^1]: Ibid.', '[^2]: Smith2020', '[^3]: https://example.org/study', ''].join('\n');
  it.each([
    ['the fast scanner', footnotes],
    ['the exact extractor', `<span id="x">a page with HTML</span>\n\n${footnotes}`],
  ])('are not links in %s', (_name, body) => {
    expect(extractLinks(body, 1).links.map((link) => link.url)).toEqual(['real.md', 'https://example.org/study']);
  });
});

describe('local, anchor and site links', () => {
  it('reports each broken link where it is written, quoting it', () => {
    expect(findingsOf('source.md')).toEqual([
      '23:1 link-missing-file broken link: "nope.md" (content/nope.md does not exist)',
      '23:20 link-missing-anchor broken anchor: "target.md#risks" (content/target.md has no heading or id "risks")',
      '23:50 link-missing-anchor broken anchor: "#nowhere" (this document has no heading or id "nowhere")',
      '24:1 link-missing-file broken link: "target.MD" (content/target.MD does not exist (case must match: "content/target.md" does))',
      '24:45 link-missing-file broken link: "images/photo.png" (content/images/photo.png does not exist (case must match: "content/Images/Photo.png" does))',
      '26:1 link-outside-root link outside the content root: "../outside.md" (it resolves outside the content root)',
      // The symlink leads out of the root: its target is never read, so its headings are unknown.
      '26:25 link-missing-anchor broken anchor: "link-out.md#secret" (content/link-out.md has no heading or id "secret")',
      '27:36 link-missing-anchor broken anchor: "/types/target#gone" (content/target.md has no heading or id "gone")',
      '28:1 link-unsafe-scheme unsafe link: "javascript:alert(1)" (the javascript: scheme can run code or smuggle content)',
      '28:31 link-unsafe-scheme unsafe link: "data:text/html,hi" (the data: scheme can run code or smuggle content)',
      '28:87 link-malformed malformed link: "mailto:nobody" (not a valid mailto: address)',
      '30:1 link-malformed malformed link: "%E0%A4%A.md" (the path has a broken %-escape)',
    ]);
  });

  it('counts the links', () => {
    expect(report.links).toEqual({ total: 25, checked: 23, broken: 12, skipped: 2, cached: 0 });
  });

  it('--no-links checks metadata and review dates only', () => {
    const { report: withoutLinks } = lintJson(project, ['--no-links']);
    expect(withoutLinks.findings.filter((finding) => finding.ruleId.startsWith('link-'))).toEqual([]);
    expect(withoutLinks).not.toHaveProperty('links');
    expect(withoutLinks.summary.documents).toBe(report.summary.documents);
  });
});
