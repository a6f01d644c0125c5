/**
 * What a compact shard holds instead of parsed links and anchor sets must give back exactly what
 * it was given: LinkPacker on every link of the seed page and on hostile URLs, and PackedAnchors
 * against a Set on ids made of line breaks and backslashes (the characters its escape uses).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractLinks, type ExtractedLink } from '../src/links/extract.js';
import { LinkPacker, PackedAnchors, packAnchors } from '../src/links/packed.js';
import { REPO_ROOT } from './helpers/project.js';

function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

describe('LinkPacker', () => {
  it('unpacks what it packed: the links of the bundled pages and hostile URLs, in one shard', () => {
    const packer = new LinkPacker();
    const hostile = ['', ':', ',', '12:34', '1,2,3:x', 'https://a.example/x,y:z', '/site,path:1', '../a b/ç.md#é', 'x'.repeat(5000), 'mailto:a@b.c', '\u2028', '9;', 'https://a.example/'];
    const kinds = ['inline', 'image', 'definition', 'autolink', 'bare', 'html'] as const;
    const links: ExtractedLink[] = hostile.map((url, index) => ({ url, kind: kinds[index % kinds.length]!, line: index * 1000 + 1, column: index + 1 }));
    const seed = readFileSync(path.join(REPO_ROOT, 'content/en/treatment/cryosurgery.md'), 'utf8');
    const extracted = extractLinks(seed, 1).links;
    expect(extracted.length).toBeGreaterThan(10);
    const documents = [links, extracted, [], links.slice().reverse(), extracted];
    const packed = documents.map((document) => packer.pack(document));
    documents.forEach((document, index) => expect(packer.unpack(packed[index]!)).toEqual(document));
    // URLs with a scheme and site paths are kept once per shard, not in each page's string.
    expect(packed[0]).not.toContain('https://a.example/x,y:z');
    expect(packed[0]).toContain('../a b/ç.md#é');
  });
});

describe('PackedAnchors', () => {
  it('answers as a Set does, for ids made of line breaks, backslashes, quotes and commas, and none', () => {
    const random = seeded(7);
    const alphabet = ['\n', '\\', '\\n', 'n', '"', ',', '[', 'a', '-', '\u2028', 'é', ' ', '\r'];
    const id = () => Array.from({ length: Math.floor(random() * 5) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let round = 0; round < 300; round++) {
      const anchors = new Set(Array.from({ length: Math.floor(random() * 6) }, id));
      const packed = new PackedAnchors(packAnchors(anchors));
      for (let probe = 0; probe < 20; probe++) {
        const candidate = probe < anchors.size ? [...anchors][probe]! : id();
        expect(packed.has(candidate), JSON.stringify({ anchors: [...anchors], candidate })).toBe(anchors.has(candidate));
      }
      expect([...packed]).toEqual([...anchors]);
    }
  });
});
