import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { parseSimpleYaml } from '../src/corpus/simple-yaml.js';
import { SEED } from './helpers/project.js';
import { seeded } from './helpers/random.js';

/** What the full parser says, as the fast path must say it. */
function fullParse(text: string) {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, version: '1.2', schema: 'core' });
  if (document.errors.length > 0) return 'error';
  const keyPositions: Record<string, { line: number; column: number }> = Object.create(null);
  const contents = document.contents as { items?: { key: { value: unknown; range: [number] } }[] } | null;
  for (const pair of contents?.items ?? []) {
    const { line, col } = lineCounter.linePos(pair.key.range[0]);
    keyPositions[String(pair.key.value)] = { line, column: col };
  }
  return { data: document.toJS(), keyPositions };
}

const seedYaml = readFileSync(SEED, 'utf8').split('---\n')[1]!;

/** Values chosen to sit on the edges of what YAML reads as text. */
const TRICKY_VALUES = [
  'plain text', 'NCI, 2025', 'https://www.cancer.gov/a?b=c#d', '2025-12-30', "'2025-12-30'", '"quoted"', "'it''s'",
  "'unterminated", '"esc\\"aped"', 'true', 'False', 'null', '~', '12', '-3', '1.5', '.5', '1e3', '0x1F', '0o17', '.inf', '.NaN',
  '1_000', 'v1', 'a: b', 'ends:', 'hash # comment', 'a#b', '[flow]', '{map}', '&anchor x', '*alias', '!!str x', '|', '>',
  '- item', '@at', '`tick`', '%pct', 'tab\there', 'trailing   ', 'ünïcødé', '?q', ':colon', ',comma', 'quote"inside', "it's",
];

describe('the frontmatter fast path', () => {
  it('reads the seed exactly as the yaml package does', () => {
    const fast = parseSimpleYaml(seedYaml);
    expect(fast).toBeDefined();
    expect(fast).toEqual(fullParse(seedYaml));
  });

  it('agrees with the yaml package on every tricky scalar, or defers to it', () => {
    let handled = 0;
    for (const value of TRICKY_VALUES) {
      for (const text of [`title: ${value}\n`, `tags:\n- ${value}\n- b\n`, `tags:\n  - ${value}\n`, `a: x\r\nb: ${value}\r\n`]) {
        const fast = parseSimpleYaml(text);
        if (fast === undefined) continue;
        handled++;
        expect(fast, JSON.stringify(text)).toEqual(fullParse(text));
      }
    }
    expect(handled).toBeGreaterThan(40);
  });

  it('defers shapes outside its subset', () => {
    for (const text of ['# comment\ntitle: a\n', 'title: a\n\nurl: b\n', 'a: 1\na: 2\n', 'title: a\n  continued\n', 'list:\n', 'a:\nb: c\n', 'tags:\n- a\n  - b\n', 'true: x\n', '__proto__: x\n']) {
      expect(parseSimpleYaml(text), JSON.stringify(text)).toBeUndefined();
    }
  });
});

/** Blocks near the fast path's subset: mostly its shape, with a character or line ending out of place. */
function generatedBlock(random: () => number): string {
  const next = (below: number) => Math.floor(random() * below);
  const pick = <T>(items: readonly T[]): T => items[next(items.length)]!;
  const noise = ['', ':', ': ', '-', ' ', '\t', '\r', '\u2028', '\u00a0', '\ufeff', "'", "''", '"', '\\', '#', ' #', 'true', '12', '~', 'ü', '😀', '[', '&', '*', '!', '|', '%', '@', '`', '?', ','];
  const value = () => {
    let text = pick(['plain', 'NCI, 2025', "'2026-07-01'", '"quoted"', 'https://x.org/a#b', 'v1', 'ünï x']);
    for (let count = next(8) < 6 ? 0 : 1 + next(2); count > 0; count--) {
      const at = next(text.length + 1);
      text = text.slice(0, at) + pick(noise) + text.slice(at);
    }
    return text;
  };
  const ending = () => (next(6) > 0 ? '\n' : pick(['\r\n', '\r\r\n', ' \n', '\t\n', '\n\n', '\r']));
  let block = '';
  for (let line = 1 + next(6); line > 0; line--) {
    const key = pick(['a', 'b', 'tags', 'c-d', 'e_f', 'title', 'constructor', 'toString', '__proto__', 'true', 'x1']);
    if (next(3) === 0) {
      block += key + pick([':', ': ', ':  ', ':\t', ': \u00a0', ': \u2028']) + pick(['\n', '\n', '\r\n']);
      for (let item = next(4); item > 0; item--) block += (next(6) < 4 ? pick(['- ', '  - ']) : pick([' - ', '   - ', '-', '-\t'])) + value() + ending();
    } else block += key + (next(8) > 0 ? ': ' : pick([':', ':x', ' : ', ':: '])) + value() + ending();
  }
  return block;
}

describe('the frontmatter fast path on generated blocks', () => {
  it('agrees with the yaml package on every block it reads, and reads many', () => {
    const random = seeded(20_260_115);
    let handled = 0;
    for (let count = 0; count < 4000; count++) {
      const text = generatedBlock(random);
      const fast = parseSimpleYaml(text);
      // Read in place, inside a file's text, it is the same block (the characters around it are not read).
      expect(parseSimpleYaml(`---\n${text}: x\n  - y\n`, 1, 4, 4 + text.length), JSON.stringify(text)).toEqual(fast);
      if (fast === undefined) continue;
      handled++;
      expect(fast, JSON.stringify(text)).toEqual(fullParse(text));
    }
    expect(handled).toBeGreaterThan(400);
  });

  it('takes only spaces and tabs after a colon for a list to follow', () => {
    // A no-break space is text to YAML: the start of a scalar spanning the next lines.
    expect(parseSimpleYaml('a: \u00a0\n  - b\n')).toBeUndefined();
    expect(parseSimpleYaml('a: \t\n  - b\n')).toEqual(fullParse('a: \t\n  - b\n'));
  });

  it('leaves a carriage return with no line feed after it to the full parser', () => {
    expect(parseSimpleYaml('a: b\r')).toBeUndefined();
    expect(parseSimpleYaml('a: b\r\n')).toEqual(fullParse('a: b\r\n'));
  });

  it('reads each block on its own, whatever keys the blocks before it had', () => {
    // The keys remembered from one block must not stand for a longer, shorter or different one in the next.
    for (const text of ['title: a\nurl: b\n', 'titles: a\nurl: b\n', 'tit: a\nurl: b\n', 'title: a\nurl: b\n', 'url: a\ntitle: b\n', 'title:\n- a\nurl: b\n', 'title: a\ntitle: b\n']) {
      const fast = parseSimpleYaml(text);
      expect(fast ?? 'deferred', JSON.stringify(text)).toEqual(text === 'title: a\ntitle: b\n' ? 'deferred' : fullParse(text));
    }
  });

  it('inherits no names: a field named like an Object method has no position unless it is there', () => {
    const fast = parseSimpleYaml('title: a\n')!;
    expect(fast.keyPositions['toString']).toBeUndefined();
    expect(fast.keyPositions['constructor']).toBeUndefined();
    expect(parseSimpleYaml('constructor: a\n')!.keyPositions['constructor']).toEqual({ line: 1, column: 1 });
  });
});
