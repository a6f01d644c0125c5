/** joinPosix by slicing against the segment stack it is specified as, on every short folder and path. */
import { describe, expect, it } from 'vitest';
import { joinPosix } from '../src/links/index.js';

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
