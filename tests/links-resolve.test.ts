/**
 * Relative links resolved once per target and run (src/links/check.ts), and paths joined by
 * slicing (joinPosix): each link must get what resolving it alone gives. The same href from two
 * folders, same-page fragments of two files, one target reached by several hrefs, first without
 * and then with a fragment, targets that differ only in case, and two link settings over one index.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadProject, type Project } from '../src/config/load.js';
import { RULE_IDS } from '../src/rules/index.js';
import { discoverCorpus } from '../src/lint.js';
import { parseOptionsOf, readDocument } from '../src/corpus/read.js';
import { unparsedFactsReader } from '../src/check/shard.js';
import { CorpusIndex, indexFactsOf, joinPosix } from '../src/links/index.js';
import { checkDocumentLinks, linkSettings } from '../src/links/check.js';
import { linkFindings, linksProject, lintJson, tempProject, titledPage as page, type TempProject } from './helpers/project.js';

let project: TempProject | undefined;
afterEach(() => {
  project?.cleanup();
  project = undefined;
});

function site(links: Record<string, unknown>, files: Record<string, string>): TempProject {
  return (project = linksProject(links, files));
}

/** The same links in a/ and b/, whose files differ: every answer depends on the linking document's folder or itself. */
const LINKS = '[1](page.md) [2](page.md#only-in-a) [3](#doc-a) [4](#only-here) [5](missing.md#x) [6](../a/page.md#only-in-a) [7](./page.md#shared) [8](sub/../page.md#only-in-a) [9](Page.md#shared) [10](Page.md#nope) [11](page.md#back\\slash) [12](page.md#back) [13](page.md#%41)';
const FILES = {
  'a/page.md': page('Page A', '## Shared\n\n## Only in A\n\n<a id="back\\slash"></a> <a id="%41"></a>'),
  'a/doc.md': page('Doc A', `${LINKS}\n\n## Only here`),
  'b/page.md': page('Page B', '## Shared'),
  'b/missing.md': page('Not missing in b'),
  'b/doc.md': page('Doc B', LINKS),
};

describe('relative links resolved once per target', () => {
  it('answers each link by its own folder and document, with the case of the file on disk', () => {
    const strict = site({}, FILES);
    expect(linkFindings(lintJson(strict).report)).toEqual([
      'a/doc.md:6:65 link-missing-file broken link: "missing.md#x" (a/missing.md does not exist)',
      'a/doc.md:6:163 link-missing-file broken link: "Page.md#shared" (a/Page.md does not exist (case must match: "a/page.md" does))',
      'a/doc.md:6:183 link-missing-file broken link: "Page.md#nope" (a/Page.md does not exist (case must match: "a/page.md" does))',
      'a/doc.md:6:227 link-missing-anchor broken anchor: "page.md#back" (a/page.md has no heading or id "back")',
      // A fragment is decoded first: its escaped spelling is no anchor, even where an id is written so.
      'a/doc.md:6:246 link-missing-anchor broken anchor: "page.md#%41" (a/page.md has no heading or id "A")',
      'b/doc.md:6:14 link-missing-anchor broken anchor: "page.md#only-in-a" (b/page.md has no heading or id "only-in-a")',
      'b/doc.md:6:37 link-missing-anchor broken anchor: "#doc-a" (this document has no heading or id "doc-a"; did you mean "#doc-b"?)',
      'b/doc.md:6:49 link-missing-anchor broken anchor: "#only-here" (this document has no heading or id "only-here")',
      'b/doc.md:6:65 link-missing-anchor broken anchor: "missing.md#x" (b/missing.md has no heading or id "x")',
      'b/doc.md:6:133 link-missing-anchor broken anchor: "sub/../page.md#only-in-a" (b/page.md has no heading or id "only-in-a")',
      'b/doc.md:6:163 link-missing-file broken link: "Page.md#shared" (b/Page.md does not exist (case must match: "b/page.md" does))',
      'b/doc.md:6:183 link-missing-file broken link: "Page.md#nope" (b/Page.md does not exist (case must match: "b/page.md" does))',
      'b/doc.md:6:202 link-missing-anchor broken anchor: "page.md#back\\slash" (b/page.md has no heading or id "back\\slash")',
      'b/doc.md:6:227 link-missing-anchor broken anchor: "page.md#back" (b/page.md has no heading or id "back")',
      'b/doc.md:6:246 link-missing-anchor broken anchor: "page.md#%41" (b/page.md has no heading or id "A")',
    ]);
    strict.cleanup();
    const relaxed = site({ caseSensitive: false }, FILES);
    expect(linkFindings(lintJson(relaxed).report).filter((finding) => finding.includes('Page.md'))).toEqual([
      'a/doc.md:6:163 link-case-mismatch link differs from its file in case: "Page.md#shared" (the file is spelled "a/page.md")',
      'a/doc.md:6:183 link-missing-anchor broken anchor: "Page.md#nope" (a/page.md has no heading or id "nope")',
      'b/doc.md:6:163 link-case-mismatch link differs from its file in case: "Page.md#shared" (the file is spelled "b/page.md")',
      'b/doc.md:6:183 link-missing-anchor broken anchor: "Page.md#nope" (b/page.md has no heading or id "nope")',
    ]);
  });

  it('keeps the answers of one link settings from another over the same index', () => {
    const local = site({}, FILES);
    const strict = loadProject({ cwd: local.root, ruleIds: RULE_IDS });
    const relaxed: Project = { ...strict, config: { ...strict.config, links: { ...strict.config.links, caseSensitive: false } } };
    const documents = discoverCorpus({ project: strict, cwd: local.root, paths: [], asOf: '2026-01-15' }).map((file) => readDocument(file, parseOptionsOf(strict.config)));
    const index = new CorpusIndex(strict, documents.map((document) => indexFactsOf(document, 'url')), true, unparsedFactsReader(strict));
    const outcomes = (settingsOf: Project) => {
      const settings = linkSettings(settingsOf, false);
      return documents.flatMap((document) => checkDocumentLinks(document, index, settings, { notRequested: 0 }).map((check) => `${document.file} ${check.link.url} ${check.outcome}`));
    };
    const strictOutcomes = outcomes(strict);
    expect(strictOutcomes).toContain('a/doc.md Page.md#shared missing-file');
    expect(outcomes(relaxed)).toContain('a/doc.md Page.md#shared case-mismatch');
    expect(outcomes(strict)).toEqual(strictOutcomes);
  });
});

/**
 * Hostile relative links across folders: dot segments, escapes, queries, fragments with escapes,
 * backslashes and unicode, case variants, folders, sources by extension, links above the root.
 */
function hostileSite(links: Record<string, unknown>): TempProject {
  const folders = ['a', 'a/b', 'a/b/c', 'A', 'x y', 'é', 'd.e', '.hidden'];
  let counter = 0;
  const pick = <T>(list: readonly T[]): T => list[(Math.imul(++counter, 2654435761) >>> 7) % list.length]!;
  const files = [...new Set(Array.from({ length: 120 }, (_, index) => `${pick(folders)}/p${index % 31}${index % 7 === 0 ? '.html' : ''}.md`))];
  const headings = ['Intro', 'Side effects', 'Ünïcode', 'a\\b', 'x%y', 'Dup', 'Dup', '100%'];
  const fragments = ['', '#', '#intro', '#Intro', '#%C3%BCn%C3%AFcode', '#ünïcode', '#a\\b', '#ab', '#x%y', '#dup-1', '#%', '#%E0%A4%A', '#missing'];
  const odd = ['../../../../etc/passwd', '..', '.', './', '../', 'a//b/p1.md', '%2e%2e/x.md', 'nope.md', 'A/', '%zz.md', '..%2Fx.md', 'img.png#x'];
  const relative = (from: string, to: string): string => {
    const up = from.split('/').length - 1;
    return `${'../'.repeat(up)}${to}`;
  };
  const pages: Record<string, string> = { 'img.png': 'x' };
  for (const file of files) {
    const hrefs = Array.from({ length: 24 }, (_, index) => {
      let href = relative(file, pick(files));
      const variant = pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      if (variant === 0) href = href.toUpperCase();
      else if (variant === 1) href = `./${href}`;
      else if (variant === 2) href = `sub/../${href}`;
      else if (variant === 3) href = href.replace(/\.md$/, '');
      else if (variant === 4) href = href.replace(/\.html\.md$/, '.html');
      else if (variant === 5) href = encodeURI(href);
      else if (variant === 6) href = `${href}?q=1`;
      else if (variant === 7) href = pick(odd);
      else if (variant === 8) href = `${href.slice(0, href.lastIndexOf('/') + 1)}`;
      return `[l${index}](<${href}${pick(fragments)}>)`;
    });
    pages[file] = page(`Page ${file}`, `${hrefs.join(' ')} [same](#intro) [other](#nothere)\n\n${headings.map((heading) => `## ${heading}`).join('\n\n')}`);
  }
  return site(links, pages);
}

describe('shared resolutions against each document resolved alone', () => {
  for (const links of [{}, { caseSensitive: false, extensions: ['.md', '.html.md'] }]) {
    it(`gives every link of hostile pages the same answer (${JSON.stringify(links)})`, () => {
      const local = hostileSite(links);
      const loaded = loadProject({ cwd: local.root, ruleIds: RULE_IDS });
      const documents = discoverCorpus({ project: loaded, cwd: local.root, paths: [], asOf: '2026-01-15' }).map((file) => readDocument(file, parseOptionsOf(loaded.config)));
      const facts = documents.map((document) => indexFactsOf(document, 'url'));
      const settings = linkSettings(loaded, false);
      const answers = (document: (typeof documents)[number], index: CorpusIndex) => checkDocumentLinks(document, index, settings, { notRequested: 0 }).map(({ link, ...resolution }) => `${link.line}:${link.column} ${JSON.stringify(resolution)}`);
      // One index for the run, as lint has; then a new index (so nothing shared) for each document.
      const shared = new CorpusIndex(loaded, facts, true, unparsedFactsReader(loaded));
      const together = documents.map((document) => answers(document, shared));
      const alone = documents.map((document) => answers(document, new CorpusIndex(loaded, facts, true, unparsedFactsReader(loaded))));
      expect(together).toEqual(alone);
      expect(together.flat().length).toBeGreaterThan(500);
      for (const outcome of ['missing-file', 'missing-anchor', 'outside-root', 'malformed', ...(links.caseSensitive === false ? ['case-mismatch'] : [])]) expect(together.flat().some((answer) => answer.includes(`"outcome":"${outcome}"`)), outcome).toBe(true);
    });
  }
});

describe('the index of a run that names folders', () => {
  it('finds documents by url outside the folders named, and needs no second look when the content root itself is named', () => {
    const local = site({}, {
      'a/doc.md': page('Doc', '[by url](https://example.org/b/page#gone)'),
      'b/page.md': `---\ntitle: Page\nurl: https://example.org/b/page\n---\n# Page\n`,
    });
    const expected = ['a/doc.md:6:1 link-missing-anchor broken anchor: "https://example.org/b/page#gone" (b/page.md has no heading or id "gone")'];
    for (const named of [['a'], ['.'], ['./'], ['a', '.'], []]) expect(linkFindings(lintJson(local, named).report), named.join(' ')).toEqual(expected);
  });

  it('gives an address two pages claim to the first in code-point order, whichever the run read first', () => {
    const local = site({}, {
      'a/page.md': '---\ntitle: A\nurl: https://example.org/shared/\n---\n# A page\n\n## Only in a\n',
      'b/page.md': '---\ntitle: B\nurl: https://example.org/shared\n---\n# B page\n\n## Only in b\n',
      'a/perm.md': '---\ntitle: A\nurl: /perm/\n---\n# A perm\n',
      'b/perm.md': '---\ntitle: B\nurl: /perm\n---\n# B perm\n',
      'b/doc.md': page('Doc', '[x](https://example.org/shared#only-in-b) [y](https://example.org/shared/#only-in-a) [z](/perm/#b-perm) [w](/perm#a-perm)'),
    });
    const expected = [
      'b/doc.md:6:1 link-missing-anchor broken anchor: "https://example.org/shared#only-in-b" (a/page.md has no heading or id "only-in-b"; did you mean "#only-in-a"?)',
      'b/doc.md:6:86 link-missing-anchor broken anchor: "/perm/#b-perm" (a/perm.md has no heading or id "b-perm"; did you mean "#a-perm"?)',
    ];
    // Named b/, the run reads b's pages first and a's only when it looks for addresses.
    for (const named of [['b'], []]) expect(linkFindings(lintJson(local, named).report), named.join(' ')).toEqual(expected);
  });
});

/** joinPosix as the segment stack it is specified as: the reference the sliced join must equal. */
function joinReference(directory: string, relative: string): string {
  const below: string[] = [];
  let above = 0;
  for (const part of [...directory.split('/'), ...relative.split('/')]) {
    if (part === '..') {
      if (below.length > 0) below.pop();
      else above += 1;
    } else if (part !== '' && part !== '.') below.push(part);
  }
  return [...Array<string>(above).fill('..'), ...below].join('/');
}

/** Every string of these characters up to this length. */
function strings(alphabet: readonly string[], maxLength: number): string[] {
  const all = [''];
  for (let start = 0; all[start]!.length < maxLength; start++) for (const character of alphabet) all.push(all[start] + character);
  return all;
}

describe('joinPosix', () => {
  it('equals the segment stack on every short folder and path', () => {
    const directories = strings(['a', '.', '/'], 5);
    const relatives = strings(['b', '.', '/'], 7);
    let compared = 0;
    for (const directory of directories) {
      for (const relative of relatives) {
        if (joinPosix(directory, relative) !== joinReference(directory, relative)) expect(joinPosix(directory, relative), `${JSON.stringify(directory)} + ${JSON.stringify(relative)}`).toBe(joinReference(directory, relative));
        compared++;
      }
    }
    expect(compared).toBe(364 * 3280);
  });

  it('joins the links of a real corpus as the reference does', () => {
    for (const [directory, relative] of [
      ['content/about/topic-1', '../../types/topic-1/doc-521.md'],
      ['content/about/topic-1', '../../../../outside.md'],
      ['content', './a/./b/../c.md'],
      ['', '../x.md'],
      ['content/a', 'sub/'],
      ['content/a', '.hidden/x.md'],
      ['content/a', '..hidden.md'],
      ['content/a', '//x.md'],
      ['content/a', ''],
    ]) {
      expect(joinPosix(directory!, relative!)).toBe(joinReference(directory!, relative!));
    }
  });
});

describe('links to the content root folder and to the page itself', () => {
  // `[All topics](./)`, `[Home](..)` and `[Print](?print=1)` name the root folder, or the page with a query: all inside the root.
  const body = '[1](.) [2](./) [3](?print=1) [4](?print=1#page) [5](?print=1#nope)';
  const subBody = '[6](..) [7](../) [8](../page.md) [9](../#x)';
  const expected = (prefix: string) => [`${prefix}page.md:6:49 link-missing-anchor broken anchor: "?print=1#nope" (this document has no heading or id "nope")`.replace('this document', `${prefix}page.md`)];

  it('resolves them when the content root is the project root', () => {
    const local = site({}, { 'page.md': page('Page', body), 'sub/doc.md': page('Doc', subBody) });
    expect(linkFindings(lintJson(local).report)).toEqual(expected(''));
  });

  it('resolves them when the content root is a folder of the project', () => {
    const local = (project = tempProject('contentgov-links-'));
    local.write('contentgov.config.json', JSON.stringify({ root: 'content', defaultFields: false, allowUnknownFields: true, rules: { 'review-unknown': 'off' } }));
    local.write('content/page.md', page('Page', body));
    local.write('content/sub/doc.md', page('Doc', subBody));
    expect(linkFindings(lintJson(local).report)).toEqual(expected('content/'));
  });
});
