import { describe, expect, it } from 'vitest';
import { parseFrontmatter } from '../src/corpus/frontmatter.js';

describe('frontmatter limits', () => {
  // Most blocks are within the limits by their length alone; those near a limit are measured.
  const block = 'title: ééé\nurl: ü\n';
  const bytes = Buffer.byteLength(block);
  const keys = 2;

  it('counts bytes of UTF-8, not characters, at the edge of limits.frontmatterBytes', () => {
    expect(bytes).toBeGreaterThan(block.length);
    expect(parseFrontmatter(`---\n${block}---\n`, { frontmatterBytes: bytes, frontmatterKeys: keys }).kind).toBe('ok');
    const over = parseFrontmatter(`---\n${block}---\n`, { frontmatterBytes: bytes - 1, frontmatterKeys: keys });
    expect(over).toMatchObject({ kind: 'too-large', problem: { message: `the frontmatter is ${bytes} bytes, over the limit of ${bytes - 1} (limits.frontmatterBytes); it is not read` } });
  });

  it('counts keys at the edge of limits.frontmatterKeys', () => {
    expect(parseFrontmatter(`---\n${block}---\n`, { frontmatterBytes: bytes, frontmatterKeys: keys }).kind).toBe('ok');
    const over = parseFrontmatter(`---\n${block}---\n`, { frontmatterBytes: bytes, frontmatterKeys: keys - 1 });
    expect(over).toMatchObject({ kind: 'too-large', problem: { position: { line: 3, column: 1 } } });
  });

  it('closes the block only at a line of --- or ... (trailing blanks allowed)', () => {
    expect(parseFrontmatter('---\ntitle: a\n--- \t\nbody\n')).toMatchObject({ kind: 'ok', bodyStartLine: 4 });
    expect(parseFrontmatter('---\ntitle: a\n...\nbody\n')).toMatchObject({ kind: 'ok', bodyStartLine: 4 });
    expect(parseFrontmatter('---\ntitle: a\n ---\n----\n-- -\n')).toMatchObject({ kind: 'invalid' });
  });
});
