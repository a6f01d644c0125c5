/**
 * A shard's links held between parsing and link checking, packed into one string per document: a
 * parsed link is an object and a string of its own (about 170 bytes), and a large corpus holds
 * millions of them until the whole corpus is indexed. Packed, a link costs a few digits and its
 * URL; a URL with a scheme or a site path (the same few hundred external pages and site paths
 * recur on every page of a site) is kept once per shard and named by its number.
 */
import { detach } from '../corpus/text.js';
import type { ExtractedLink, LinkKind } from './extract.js';

const KINDS: readonly LinkKind[] = ['inline', 'image', 'definition', 'autolink', 'bare', 'html'];
const KIND_CODES = new Map(KINDS.map((kind, code) => [kind, code]));
/** Added to a kind's code when the link names a URL of the table rather than writing it out. */
const SHARED = 8;
/** Relative links differ from page to page: written out. */
const SHAREABLE = /^(?:[A-Za-z][A-Za-z0-9+.-]*:|\/)/;

export class LinkPacker {
  private readonly numbers = new Map<string, number>();
  private readonly urls: string[] = [];

  /** Each link as `kind,line,column,length:url`, or `kind+8,line,column,number;`: the length makes any character in a URL safe. */
  pack(links: readonly ExtractedLink[]): string {
    // Joined, not appended: += would make a tree of string pieces, larger than the links.
    return links
      .map(({ kind, line, column, url }) => {
        const number = SHAREABLE.test(url) ? this.numberOf(url) : undefined;
        return number === undefined ? `${KIND_CODES.get(kind)},${line},${column},${url.length}:${url}` : `${KIND_CODES.get(kind)! + SHARED},${line},${column},${number};`;
      })
      .join('');
  }

  unpack(packed: string): ExtractedLink[] {
    const links: ExtractedLink[] = [];
    let at = 0;
    /** The number at `at`, up to its separator (skipped). */
    const number = (): number => {
      let value = 0;
      for (let code = packed.charCodeAt(at++); code >= 48 && code <= 57; code = packed.charCodeAt(at++)) value = value * 10 + code - 48;
      return value;
    };
    while (at < packed.length) {
      const code = number();
      const line = number();
      const column = number();
      if (code >= SHARED) {
        links.push({ kind: KINDS[code - SHARED]!, line, column, url: this.urls[number()]! });
        continue;
      }
      const length = number();
      // A copy, not a slice: a slice would keep the whole packed string alive with any link a finding keeps.
      const url = detach(packed.slice(at, at + length));
      links.push({ kind: KINDS[code]!, line, column, url });
      at += length;
    }
    return links;
  }

  private numberOf(url: string): number {
    let number = this.numbers.get(url);
    if (number === undefined) {
      number = this.urls.push(url) - 1;
      this.numbers.set(url, number);
    }
    return number;
  }
}

/** A line break, which no packed anchor holds: the escape turns `\` into `\\` and a line break into `\n`. */
const ESCAPED = /[\\\n]/g;
const UNESCAPED = /\\(.)/g;

function escape(anchor: string): string {
  // Most anchors have neither: looked up as they are, without a replace per lookup.
  return anchor.includes('\\') || anchor.includes('\n') ? anchor.replace(ESCAPED, (character) => (character === '\n' ? '\\n' : '\\\\')) : anchor;
}

/** A document's anchors as a #fragment is looked up in them: a Set, or the packed ones below. */
export interface Anchors extends Iterable<string> {
  has(id: string): boolean;
}

/** A document's anchors as one string: each escaped, each between line breaks, so a lookup is one search ('' for none). */
export function packAnchors(anchors: Iterable<string>): string {
  const escaped = [...anchors].map(escape);
  return escaped.length === 0 ? '' : `\n${escaped.join('\n')}\n`;
}

/** Whether packed anchors (see packAnchors) have this id. */
export function hasPackedAnchor(packed: string, id: string): boolean {
  return packed.includes(`\n${escape(id)}\n`);
}

export class PackedAnchors implements Anchors {
  constructor(private readonly packed: string) {}

  has(id: string): boolean {
    return hasPackedAnchor(this.packed, id);
  }

  [Symbol.iterator](): Iterator<string> {
    const anchors = this.packed === '' ? [] : this.packed.slice(1, -1).split('\n');
    return anchors.map((anchor) => anchor.replace(UNESCAPED, (_, character: string) => (character === 'n' ? '\n' : character)))[Symbol.iterator]();
  }
}
