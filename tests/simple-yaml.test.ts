import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { parseSimpleYaml } from '../src/corpus/simple-yaml.js';
import { SEED } from './helpers/project.js';

/** What the full parser says, as the fast path must say it. */
function fullParse(text: string) {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, version: '1.2', schema: 'core' });
  if (document.errors.length > 0) return 'error';
  const keyLines: Record<string, number> = {};
  const contents = document.contents as { items?: { key: { value: unknown; range: [number] } }[] } | null;
  for (const pair of contents?.items ?? []) keyLines[String(pair.key.value)] = lineCounter.linePos(pair.key.range[0]).line - 1;
  return { data: document.toJS(), keyLines };
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
