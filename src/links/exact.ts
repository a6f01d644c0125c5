/**
 * The exact extractor: links and anchors as a CommonMark/GFM parser (micromark), github-slugger and
 * an HTML parser (htmlparser2) give them. The fast line scanner (extract.ts) hands a document here
 * when it meets a construct it cannot settle exactly; tests/links-differential.test.ts compares
 * the two on every other document. Bundled on its own (dist/links-exact.cjs) and loaded on first
 * use, so a lint whose documents never need it does not load it. micromark is not linear in every
 * input (nested emphasis, lazy lines, runs of www.): extract.ts sends it only bodies within a budget
 * of those (EXACT_BUDGET). The tree is walked with a stack of its own, never recursively.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import GithubSlugger from 'github-slugger';
import { Parser } from 'htmlparser2';
import type { Nodes, Parents } from 'mdast';
import type { Extracted, ExtractedLink, ExtractOptions } from './extract.js';
import { isFootnoteText } from './footnote.js';
import { explicitHeadingId } from './slug.js';

/**
 * GFM literal autolinks as micromark finds them, with positions; without the extra pass that
 * finds more in the tree's text and gives them none. Bare e-mail addresses are not links to check.
 */
const LITERAL_AUTOLINKS = { ...gfmAutolinkLiteralFromMarkdown(), transforms: [] };

export function extractExact(body: string, firstLine: number, options: ExtractOptions = {}): Extracted {
  const tree = fromMarkdown(body, { extensions: [gfmAutolinkLiteral()], mdastExtensions: [LITERAL_AUTOLINKS] });
  const lines = body.split('\n');
  const links: ExtractedLink[] = [];
  const anchors: string[] = [];
  const slugger = new GithubSlugger();
  const at = (node: Nodes) => ({ line: node.position!.start.line + firstLine - 1, column: node.position!.start.column });

  // Depth first, in document order, by a stack of its own: content nests as deep as it likes
  // (a block quote 5,000 deep is 5 KB), deeper than the call stack goes.
  const pending: Nodes[] = [tree];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    switch (node.type) {
      case 'heading': {
        const text = plainText(node);
        const explicit = options.headingIds ? explicitHeadingId(text) : undefined;
        if (explicit) anchors.push(explicit.id);
        else {
          const slug = slugger.slug(text);
          if (slug !== '') anchors.push(slug);
        }
        break;
      }
      case 'definition':
        // `[comment]: <> (…)` is the usual way to write a comment, not a link; `[^1]: Ibid.` is a footnote (see isFootnoteText).
        if (node.url !== '' && !isFootnoteText(node.label ?? '', node.url)) links.push({ url: node.url, kind: 'definition', ...at(node) });
        continue;
      case 'image':
        links.push({ url: node.url, kind: 'image', ...at(node) });
        continue;
      case 'link': {
        const first = body[node.position!.start.offset!];
        const kind = first === '[' ? 'inline' : first === '<' ? 'autolink' : 'bare';
        if (kind !== 'bare' || !node.url.startsWith('mailto:')) links.push({ url: node.url, kind, ...at(node) });
        break;
      }
      case 'html':
        collectHtml(node.value, node.position!.start, firstLine, lines, links, anchors);
        continue;
      case 'code':
      case 'inlineCode':
        continue;
    }
    if ('children' in node) pushChildren(pending, node as Parents);
  }
  return { links, anchors };
}

/** A parent's children onto a stack, the last first, so that they are taken in document order. */
function pushChildren(stack: Nodes[], parent: Parents): void {
  for (let index = parent.children.length - 1; index >= 0; index--) stack.push(parent.children[index]!);
}

/** A heading's text as a renderer shows it: text and code kept, HTML tags and images dropped. Iterative: emphasis nests as deep as the heading is long. */
function plainText(root: Nodes): string {
  let text = '';
  const pending: Nodes[] = [root];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node.type === 'text' || node.type === 'inlineCode') text += node.value;
    else if (node.type === 'html' || node.type === 'image' || node.type === 'imageReference') continue;
    else if ('children' in node) pushChildren(pending, node as Parents);
  }
  return text;
}

/**
 * Ids and `<a name>` as anchors, `<a href>` and `<img src>` as links, from HTML a parser reads.
 * A tag's column: the HTML's lines are the ends of the file's lines (a block quote's `>` is not
 * part of them), so a line's prefix is its length less the HTML line's.
 */
function collectHtml(html: string, start: { line: number; column: number }, firstLine: number, lines: readonly string[], links: ExtractedLink[], anchors: string[]): void {
  const lineStarts = [0];
  for (let index = html.indexOf('\n'); index !== -1; index = html.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (attributes.id) anchors.push(attributes.id);
        if (name === 'a' && attributes.name) anchors.push(attributes.name);
        const url = name === 'a' ? attributes.href : name === 'img' ? attributes.src : undefined;
        if (url === undefined) return;
        const offset = parser.startIndex;
        let line = lineStarts.length - 1;
        while (lineStarts[line]! > offset) line--;
        const htmlLine = html.slice(lineStarts[line], line + 1 < lineStarts.length ? lineStarts[line + 1]! - 1 : html.length);
        const fileLine = (lines[start.line - 1 + line] ?? '').replace(/\r$/, '');
        const column = line === 0 ? start.column + offset : fileLine.length - htmlLine.length + offset - lineStarts[line]! + 1;
        links.push({ url: url.trim(), kind: 'html', line: start.line + firstLine - 1 + line, column });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
}
