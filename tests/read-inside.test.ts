/**
 * The two ways a file is read from the content root: looked at, then opened (readInside), or
 * opened at once because discovery saw a regular file there (useDiscoveredInside). Files swapped
 * after discovery for a link, a FIFO, a folder, a socket or a device are refused by both, in the
 * same words, and nothing blocks. Real files, links, FIFOs and sockets in a temporary folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isInside, isInsideByRelative, readInside, readRegularFile, useDiscoveredInside, type ContentRoot } from '../src/corpus/root.js';

let folder: string;
let root: ContentRoot;
let server: Server | undefined;
beforeEach(() => {
  folder = realpathSync(mkdtempSync(path.join(tmpdir(), 'contentgov-read-')));
  mkdirSync(path.join(folder, 'content'));
  root = { path: path.join(folder, 'content'), real: path.join(folder, 'content') };
});
afterEach(() => {
  server?.close();
  server = undefined;
  rmSync(folder, { recursive: true, force: true });
});

const at = (name: string) => path.join(root.real, name);
/** Far above every file these tests write: the limit is not what they test. */
const NO_LIMIT = 64 * 1024 * 1024;
const lentText = (real: string) => {
  const read = useDiscoveredInside(root, real, (bytes) => bytes.toString('utf8'), NO_LIMIT);
  return 'problem' in read ? read.problem : read.value;
};
const ownedText = (real: string) => {
  const read = readInside(root, real, real, NO_LIMIT);
  return 'problem' in read ? read.problem : read.bytes.toString('utf8');
};

describe('reading a discovered file', () => {
  it('reads what readInside reads, file after file, a shorter one after a longer one', () => {
    writeFileSync(at('long.md'), 'a'.repeat(100_000));
    writeFileSync(at('short.md'), 'bb');
    writeFileSync(at('empty.md'), '');
    writeFileSync(at('wide.md'), 'é'.repeat(700_000));
    for (const name of ['long.md', 'short.md', 'empty.md', 'wide.md', 'short.md']) expect(lentText(at(name)), name).toBe(ownedText(at(name)));
    expect(lentText(at('short.md'))).toBe('bb');
  });

  it('lends a buffer that a read inside the use does not overwrite', () => {
    writeFileSync(at('outer.md'), 'outer text');
    writeFileSync(at('inner.md'), 'INNER');
    const read = useDiscoveredInside(root, at('outer.md'), (bytes) => {
      const inner = useDiscoveredInside(root, at('inner.md'), (innerBytes) => innerBytes.toString('utf8'), NO_LIMIT);
      return [bytes.toString('utf8'), 'value' in inner ? inner.value : inner.problem];
    }, NO_LIMIT);
    expect(read).toEqual({ value: ['outer text', 'INNER'] });
  });

  it('refuses what was swapped in after discovery, in the words of a look before opening, and never blocks', async () => {
    writeFileSync(path.join(folder, 'outside.md'), 'secret');
    symlinkSync(path.join(folder, 'outside.md'), at('link.md'));
    symlinkSync('missing.md', at('dangling.md'));
    execFileSync('mkfifo', [at('pipe.md')]);
    mkdirSync(at('folder.md'));
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(at('socket.md'), resolve));
    const expected = {
      'link.md': 'not read: it is a symbolic link, not a regular file',
      'dangling.md': 'not read: it is a symbolic link, not a regular file',
      'pipe.md': 'not read: it is a FIFO (named pipe), not a regular file',
      'folder.md': 'not read: it is a folder, not a regular file',
      'socket.md': 'not read: it is a socket, not a regular file',
      'gone.md': 'no such file',
    };
    for (const [name, message] of Object.entries(expected)) {
      expect(lentText(at(name)), name).toEqual({ message });
      expect(ownedText(at(name)), name).toEqual({ message });
    }
  });

  it('refuses a device on its open handle', () => {
    const devices: ContentRoot = { path: '/dev', real: '/dev' };
    expect(useDiscoveredInside(devices, '/dev/null', () => 'read', NO_LIMIT)).toEqual({ problem: { message: 'not read: it is a device, not a regular file' } });
  });

  it('refuses a real path outside the root without opening it', () => {
    writeFileSync(path.join(folder, 'outside.md'), 'secret');
    expect(useDiscoveredInside(root, path.join(folder, 'outside.md'), () => 'read', NO_LIMIT)).toEqual({ problem: { outsideRoot: true, message: 'not read: its real path is outside the content root' } });
    expect(useDiscoveredInside(root, `${root.real}/../outside.md`, () => 'read', NO_LIMIT)).toMatchObject({ problem: { outsideRoot: true } });
  });
});

describe('reading a file up to a size limit', () => {
  it('reads whole any file up to the limit, at the limit too, and refuses one a byte longer; a file that reports no size (/proc) is read whole', () => {
    const limited = (real: string, maxBytes: number) => {
      const read = readRegularFile(real, maxBytes);
      return 'problem' in read ? read.problem.message : read.bytes;
    };
    for (const size of [0, 1, 4095, 4096, 70_000, 300_001]) {
      const bytes = Buffer.alloc(size, 'ab');
      writeFileSync(at('sized.md'), bytes);
      expect(limited(at('sized.md'), size + 10)).toEqual(bytes);
      expect(limited(at('sized.md'), Math.max(size, 1))).toEqual(bytes);
      if (size > 0) expect(limited(at('sized.md'), size - 1)).toBe(`not read: larger than ${size - 1} bytes`);
    }
    const status = limited('/proc/self/status', 1 << 20);
    expect(Buffer.isBuffer(status) && status.toString('utf8').startsWith('Name:')).toBe(true);
    expect(limited('/proc/self/status', 10)).toBe('not read: larger than 10 bytes');
  });
});

describe('isInside', () => {
  it('agrees with path.relative on roots and candidates at the edges', () => {
    const roots = ['/a/b', '/a/b/', '/a//b', '/a/./b', '/a/c/../b', '/', '/a', 'a/b', ''];
    const tails = ['', '/', '/x', '/x/', '//x', '/./x', '/../x', '/..', '/.', '/..x', '/x..', '/.x', '/x/../y', '/x/../../y', '/x/./y', '/x//y', 'c', 'c/x', '/x/..', '/x/.'];
    let compared = 0;
    for (const rootPath of roots) {
      for (const candidateRoot of [...roots, '/a/bc', '/a/b/c']) {
        for (const tail of tails) {
          const candidate = candidateRoot + tail;
          expect(isInside(rootPath, candidate), `${rootPath} ⊇ ${candidate}`).toBe(isInsideByRelative(rootPath, candidate));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
    expect(isInside('/a/b', '/a/b/c/d.md')).toBe(true);
    expect(isInside('/a/b', '/a/bc/d.md')).toBe(false);
    expect(isInside('/a/b', '/a/b/../c.md')).toBe(false);
  });
});
