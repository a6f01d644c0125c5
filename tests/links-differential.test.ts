/**
 * The fast link scanner against the exact extractor (micromark, github-slugger, htmlparser2): on a
 * file of edge cases, on thousands of generated documents and on the bundled content, every
 * document the scanner settles itself must give the same links (target, kind, line, column) and
 * anchors as the exact one; the others it must hand over (extractLinks then returns the exact
 * answer). Columns are compared exactly: micromark gives every node's position.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractLinks, scanLinks, type Extracted, type ExtractOptions } from '../src/links/extract.js';
import { extractExact } from '../src/links/exact.js';
import { seeded } from './helpers/random.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'links-differential');
const CONTENT = path.join(import.meta.dirname, '..', 'content');

function normalised(extracted: Extracted): { links: string[]; anchors: string[] } {
  return {
    links: extracted.links.map((link) => `${link.line}:${link.column} ${link.kind} ${link.url}`).sort(),
    anchors: [...extracted.anchors].sort(),
  };
}

/** Compares one body; returns whether the fast scanner settled it. */
function compare(body: string, name: string, options: ExtractOptions = {}): boolean {
  const expected = normalised(extractExact(body, 3, options));
  expect(normalised(extractLinks(body, 3, options)), `${name}: ${JSON.stringify(body)}`).toEqual(expected);
  const fast = scanLinks(body, 3, options);
  if (fast) expect(normalised(fast), `${name} (fast scanner)`).toEqual(expected);
  return fast !== undefined;
}

/** Text the fast scanner settles itself, and text it hands over (markup, HTML, references, escapes). */
const PLAIN_WORDS = ['care', 'Section 2', 'naïve', 'Ünïcode', 'emoji 🙂', 'C++', '1.0', 'q?', 'tab\there', 'R&D', 'a < b', 'end #', '{#id}', 'x-y', 'trailing  ', 'S.M.A.R.T.', '"quoted"', 'dup', 'dup'];
const HARD_WORDS = ['VR&amp;E', 'Non&nbsp;breaking', '`__init__`', '\\<String\\>', 'snake_case', '_emphasis_', '**strong**', 'x<br>', '<em>tag</em>', '![logo](logo.png)', '[link](x.md)', 'a\\_b', '&copy;', 'x*y*'];
const PLAIN_LINKS = [
  '[text](page.md)',
  '[text](page.md#anchor "title")',
  "[text](page.md 'title')",
  '[text](<with space.md>)',
  '![alt](image.png)',
  '[![badge](b.svg)](target.md)',
  '<https://example.org/auto>',
  '<mail@example.org>',
  'https://example.org/bare.',
  'https://example.org/path_(x))',
  '(https://example.org/in-parens)',
  'www.example.org/path)',
  'xhttps://not.a.link',
  '[ref][02]',
  '[esc\\]aped](esc.md)',
  '[text](page.md?a=1&b=2)',
  '[text](a\\_b.md)',
  '[empty]()',
  '[paren](a(b)c.md)',
  '[two](one.md) [links](two.md)',
  '`[code](no.md)`',
  '``[code `x`](no.md)``',
  '[text] (not-a-link.md)',
  '\\[not](a-link.md)',
  // The scanner looks for bare URLs only where an http or www. starts outside the links it found,
  // and for autolinks from where the last one ended.
  '[text](https://example.org/in-link) https://example.org/after',
  '<https://example.org/auto> www.example.org/after',
  '[text](https://example.org/a) (https://example.org/b) https://example.org/c',
  'https://example.org/(www.example.org/swallowed',
  'www.example.org/a www.example.org/b',
  'http:/broken httpx www.example.org/ok',
  '<https://example.org/a><https://example.org/b>',
  // Bare URLs the scanner must read as GFM does, or hand over: quoted, after a digit or a colon,
  // in capitals, a domain micromark refuses, a bracket or an entity at the end, one in an autolink with a space.
  '"https://example.org/quoted"',
  'Source:https://example.org/after-colon',
  '1https://example.org/after-digit',
  '—https://example.org/after-dash',
  'HTTPS://EXAMPLE.ORG/CAPS',
  'Https://example.org/mixed',
  'WWW.EXAMPLE.ORG/caps',
  'www.example',
  'www.ex_ample.com/path',
  'https://-bad.example/path',
  'https://example.org/x]',
  'https://example.org/x&amp;',
  'https://example.org/a_b_/c',
  '<https://example.org/b c>',
  'ftp://example.org/not-gfm',
  // Brackets in a link's text: escaped ones hold no link.
  '[a \\[b](c.md)',
  '[![i](i.png) \\[x](t.md)',
];
const HARD_LINKS = [
  '[https://oneget.org][02]',
  '[text\nover two lines](two.md)',
  '<a href="html.md">a</a>',
  '<a id="a-id"></a>',
  "<span id='span-id'>s</span>",
  '<img src="img.png">',
  '[text](page.md?a=1&amp;b=2)',
  '<!-- [comment](no.md) -->',
  // A link in a link's text (CommonMark: the outer one is no link) or in an image's description.
  '[x [y](y.md) z](x.md)',
  '![x [y](y.md) z](x.png)',
  '![x ![y](y.png) z](x.png)',
];
type Piece = () => string;
type Block = (pick: <T>(list: readonly T[]) => T, words: Piece, links: Piece) => string;
const PLAIN_BLOCKS: Block[] = [
  (pick, words, links) => `${pick(['-', '*', '1.', '+', '1)', '1234567890.'])} ${words()} ${links()}`,
  (pick, words) => `${pick(['#', '##', '###', '  ##', '#######'])} ${words()}${pick(['', ' ##', ' #'])}`,
  (_pick, words, links) => `${words()} ${links()} ${words()}`,
  (_pick, words, links) => `${words()}\n${links()} ${words()}`,
  (_pick, words) => `${words()}\n${'='.repeat(3)}`,
  (_pick, words) => `${words()}\n---`,
  (_pick, words, links) => `> ${words()} ${links()}`,
  (_pick, words, links) => `    ${words()} ${links()}`,
  (pick, _words, links) => `${pick(['```', '~~~', '````'])}\n${links()}\n${pick(['```', '~~~', '````'])}`,
  (pick) => `[${pick(['def', '02', 'Ref'])}]: ${pick(['https://example.org/def', '<with space.md>', 'page.md "title"'])}`,
  () => '[comment]: <> (a comment)',
  () => '***',
];
const HARD_BLOCKS: Block[] = [
  (pick, words) => `> ${pick(['## ', '', '# '])}${words()}`,
  (pick, words, links) => `<${pick(['div', 'section', 'details'])} id="${pick(['block-id', 'relevant-evidence'])}">\n${words()} ${links()}\n</div>`,
  (_pick, words) => `<h2 id="h-${words().length}">${words()}</h2>`,
  (_pick, words) => `<!--\n${words()} [no](no.md)\n-->`,
  (pick, words, links) => `${pick(['-', '*', '1.'])} ${pick(['## ', ''])}${words()} ${links()}`,
  // Four spaces after a blank line in a list: the item's text, or code when the item is indented
  // (up to three spaces) so that its text starts further in.
  (pick, words, links) => `${pick(['-', '*', '1.', '   -', '  *', ' 1.', '   10.', '  2)'])} ${words()}\n\n    ${links()}`,
];

function generatedDocument(random: () => number): string {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  // A third of the documents hold only what the fast scanner settles; the rest mix in the rest.
  const hardness = pick([0, 0.05, 0.3]);
  const hard = () => random() < hardness;
  const words = () => Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(hard() ? HARD_WORDS : PLAIN_WORDS)).join(' ');
  const links = () => pick(hard() ? HARD_LINKS : PLAIN_LINKS);
  const blocks = Array.from({ length: 1 + Math.floor(random() * 8) }, () => {
    const block = pick(hard() || random() < hardness ? HARD_BLOCKS : PLAIN_BLOCKS);
    return block(pick, words, links);
  });
  const document = blocks.join(random() < 0.8 ? '\n\n' : '\n') + '\n';
  return random() < 0.1 ? document.replaceAll('\n', '\r\n') : document;
}

function markdownFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

describe('the fast link scanner equals the exact extractor', () => {
  it('on the file of edge cases, which it hands to the exact extractor', () => {
    const body = readFileSync(path.join(FIXTURES, 'edge-cases.md'), 'utf8');
    expect(compare(body, 'edge-cases.md')).toBe(false);
    expect(compare(body, 'edge-cases.md', { headingIds: true })).toBe(false);
  });

  it('on each block of the file of edge cases alone', () => {
    const blocks = readFileSync(path.join(FIXTURES, 'edge-cases.md'), 'utf8').split('\n\n');
    let settled = 0;
    for (const block of blocks) if (compare(block, block)) settled++;
    // Both ways are taken: plain blocks stay on the fast path.
    expect(settled).toBeGreaterThan(0);
    expect(settled).toBeLessThan(blocks.length);
  });

  it('on 3,000 generated documents', () => {
    const random = seeded(12);
    let settled = 0;
    const count = 3000;
    for (let index = 0; index < count; index++) if (compare(generatedDocument(random), `generated document ${index}`, { headingIds: index % 2 === 0 })) settled++;
    expect(settled).toBeGreaterThan(count / 4);
    expect(settled).toBeLessThan(count);
  });

  it('on the bundled content', () => {
    const files = markdownFiles(CONTENT);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const body = text.startsWith('---\n') ? text.slice(text.indexOf('\n---', 4) + 4) : text;
      compare(body, path.relative(CONTENT, file));
    }
  });
});
