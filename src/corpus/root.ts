/**
 * Every read and write of content goes through here, so none leaves the content root: the real
 * path (every symbolic link resolved) is checked against the root's real path at each one. Only
 * files seen to be regular are opened (a FIFO would block the run for ever, a device could be
 * anything): by a look just before, or by discovery's listing. They are opened without following a
 * link and without blocking, then checked again by their open handle.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, readSync, realpathSync, type Stats } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';

export interface ContentRoot {
  /** The content root as configured, absolute. */
  path: string;
  /** Its real path. */
  real: string;
}

/** Why a file was not read: it leads out of the content root, or it cannot be read. */
export interface FileProblem {
  outsideRoot?: true;
  message: string;
}

export function isInside(root: string, candidate: string): boolean {
  return startsWithNamesIn(root, candidate) || isInsideByRelative(root, candidate);
}

/** isInside by path.relative, which resolves both paths: the reference the fast check is tested against. */
export function isInsideByRelative(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  // `..x` is a name inside; only `..` itself or `../…` climbs out.
  return relative === '' || (relative !== '..' && !relative.startsWith('..' + path.sep) && !path.isAbsolute(relative));
}

const SLASH = 47;
const DOT = 46;
/** The last root seen to be in normal form: reads check one root over and over. */
let normalRoot: string | undefined;

/**
 * The case of nearly every read, decided without resolving both paths: on POSIX, a root in normal
 * form (absolute; no `.`, `..`, doubled or trailing slash) followed by `/` and plain names is a
 * path inside it, as path.relative would find. Anything else is left to isInsideByRelative.
 */
function startsWithNamesIn(root: string, candidate: string): boolean {
  if (path.sep !== '/' || candidate.length <= root.length || candidate.charCodeAt(root.length) !== SLASH || !candidate.startsWith(root)) return false;
  if (root !== normalRoot) {
    if (path.resolve(root) !== root) return false;
    normalRoot = root;
  }
  let nameStart = root.length + 1;
  for (let index = nameStart; index <= candidate.length; index++) {
    if (index < candidate.length && candidate.charCodeAt(index) !== SLASH) continue;
    const length = index - nameStart;
    if (length === 0 || (candidate.charCodeAt(nameStart) === DOT && (length === 1 || (length === 2 && candidate.charCodeAt(nameStart + 1) === DOT)))) return false;
    nameStart = index + 1;
  }
  return true;
}

export function toProjectPath(projectRoot: string, absolutePath: string): string {
  return path.relative(projectRoot, absolutePath).split(path.sep).join('/');
}

/** The project path of a real path inside the content root's real path: the root's own project path, then the way down from it. */
export function projectPathInRoot(contentPrefix: string, root: ContentRoot, real: string): string {
  const inRoot = toProjectPath(root.real, real);
  return contentPrefix === '' ? inRoot : inRoot === '' ? contentPrefix : `${contentPrefix}/${inRoot}`;
}

export function safeRealpath(candidate: string): string | undefined {
  try {
    return realpathSync(candidate);
  } catch {
    return undefined;
  }
}

/** The real path a file or folder has, or would have once created: the deepest part that exists, resolved, and the rest. */
export function realpathOfNew(candidate: string): string | undefined {
  let existing = candidate;
  while (!lstatSafe(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  const real = safeRealpath(existing);
  return real === undefined ? undefined : path.join(real, path.relative(existing, candidate));
}

const roots = new Map<string, ContentRoot>();

/**
 * The content root with its real path, resolved once per run. A root that is itself a symbolic
 * link may point anywhere inside the project, never out of it.
 */
export function contentRootOf(project: { projectRoot: string; contentRoot: string }): ContentRoot {
  const key = `${project.projectRoot}\0${project.contentRoot}`;
  let root = roots.get(key);
  if (!root) {
    const real = realpathOfNew(project.contentRoot) ?? project.contentRoot;
    const realProject = safeRealpath(project.projectRoot) ?? project.projectRoot;
    if (!isInside(realProject, real)) {
      const label = toProjectPath(project.projectRoot, project.contentRoot) || '.';
      // The link's target is not printed: it is the content's text, and may hold control characters.
      throw new UsageError(`the content root ${label}/ leads out of the project folder; nothing there is read`);
    }
    root = { path: project.contentRoot, real };
    roots.set(key, root);
  }
  return root;
}

/** What a file that is not a regular one is, in words; undefined for a regular file. */
export function specialKind(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

export const OUTSIDE_ROOT: FileProblem = { outsideRoot: true, message: 'not read: its real path is outside the content root' };

export function notRegular(kind: string): FileProblem {
  return { message: `not read: it is ${kind}, not a regular file` };
}

function errorProblem(error: unknown): FileProblem {
  const code = (error as NodeJS.ErrnoException).code;
  return { message: code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? 'unknown error'})` };
}

/**
 * The real path of a file to read, or why it must not be read. `knownReal` is the real path when
 * the caller already has it (discovery builds it folder by folder, without a realpath per file).
 */
function resolveInside(root: ContentRoot, absolutePath: string, knownReal?: string): { real: string } | { problem: FileProblem } {
  let real = knownReal;
  if (real === undefined) {
    try {
      real = realpathSync(absolutePath);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const dangling = code === 'ENOENT' && lstatSafe(absolutePath)?.isSymbolicLink();
      return { problem: dangling ? { message: 'not read: it is a broken symbolic link' } : errorProblem(error) };
    }
  }
  return isInside(root.real, real) ? { real } : { problem: OUTSIDE_ROOT };
}

/** A file's bytes, if it is a regular file whose real path is inside the root. Never throws. */
export function readInside(root: ContentRoot, absolutePath: string, knownReal: string | undefined, maxBytes: number): { bytes: Buffer; real: string } | { problem: FileProblem } {
  const resolved = resolveInside(root, absolutePath, knownReal);
  if ('problem' in resolved) return resolved;
  const read = readRegularFile(resolved.real, maxBytes);
  return 'problem' in read ? read : { bytes: read.bytes, real: resolved.real };
}

/**
 * What `use` makes of a discovered file's bytes, read as readInside reads them: the real path is
 * checked against the root, and only a regular file is read. The bytes are lent, in a buffer reused
 * from read to read: they are valid only during the call. Discovery saw a regular file at `real`,
 * so it is opened without a look first (still without following a link and without blocking), and
 * checked on its open handle: what a look would have refused is refused there, with the same words.
 */
export function useDiscoveredInside<T>(root: ContentRoot, real: string, use: (bytes: Buffer) => T, maxBytes: number): { value: T } | { problem: FileProblem } {
  if (!isInside(root.real, real)) return { problem: OUTSIDE_ROOT };
  const opened = openRegularFile(real, true);
  if ('problem' in opened) return opened;
  let bytes: Buffer;
  try {
    if (opened.size > maxBytes) return { problem: tooLarge(maxBytes) };
    bytes = readLent(opened.descriptor, opened.size);
  } catch (error) {
    return { problem: errorProblem(error) };
  } finally {
    closeSync(opened.descriptor);
  }
  // It grew between the look at its size and the read.
  if (bytes.length > maxBytes) return { problem: tooLarge(maxBytes) };
  if (bytes.buffer !== lendable.buffer) return { value: use(bytes) };
  lent = true;
  try {
    return { value: use(bytes) };
  } finally {
    lent = false;
  }
}

/**
 * Reads a file only if it is a regular file: checked before opening, and again on the open handle.
 * No more than `maxBytes` is read (a /proc file says it is empty and may not be): a larger file is
 * a problem.
 */
export function readRegularFile(real: string, maxBytes: number): { bytes: Buffer } | { problem: FileProblem } {
  const opened = openRegularFile(real, false);
  if ('problem' in opened) return opened;
  try {
    const bytes = readAtMost(opened.descriptor, maxBytes + 1, opened.size);
    return bytes.length > maxBytes ? { problem: tooLarge(maxBytes) } : { bytes };
  } catch (error) {
    return { problem: errorProblem(error) };
  } finally {
    closeSync(opened.descriptor);
  }
}

/** A file over a size limit, in the same words whoever reads it (a file, a git object, an editor's buffer). */
export function tooLarge(maxBytes: number): FileProblem {
  return { message: `not read: larger than ${maxBytes} bytes` };
}

const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW;

/**
 * An open handle on a regular file, and its size. Unless the caller saw a regular file there, it
 * is looked at first, so that a device is never opened. O_NONBLOCK: should a FIFO be swapped in
 * after the look, opening it does not wait for a writer; O_NOFOLLOW: nor is a link followed.
 */
function openRegularFile(real: string, seenRegular: boolean): { descriptor: number; size: number } | { problem: FileProblem } {
  let descriptor: number;
  try {
    const kind = seenRegular ? undefined : specialKind(lstatSync(real));
    if (kind) return { problem: notRegular(kind) };
    descriptor = openSync(real, OPEN_FLAGS);
  } catch (error) {
    return { problem: seenRegular ? unopenedProblem(real, error) : errorProblem(error) };
  }
  try {
    const stats = fstatSync(descriptor);
    const kind = specialKind(stats);
    if (!kind) return { descriptor, size: stats.size };
    closeSync(descriptor);
    return { problem: notRegular(kind) };
  } catch (error) {
    closeSync(descriptor);
    return { problem: errorProblem(error) };
  }
}

/** Why a file seen to be regular did not open: what it is now (a link, a socket…), as a look before opening would have said, or the error. */
function unopenedProblem(real: string, openError: unknown): FileProblem {
  try {
    const kind = specialKind(lstatSync(real));
    return kind ? notRegular(kind) : errorProblem(openError);
  } catch (error) {
    return errorProblem(error);
  }
}

/** The buffer documents are read into, grown to the largest so far up to MAX_LENT_BYTES, and whether it is lent now. */
let lendable = Buffer.allocUnsafeSlow(64 * 1024);
let lent = false;
const MAX_LENT_BYTES = 1024 * 1024;

/**
 * A regular file's bytes, as readFileSync reads them: `size` bytes (fewer if it shrank), into the
 * lendable buffer when it is free and the file fits; an empty-looking file (/proc) or a larger one
 * is left to readFileSync itself.
 */
function readLent(descriptor: number, size: number): Buffer {
  if (size === 0 || size > MAX_LENT_BYTES || lent) return readFileSync(descriptor);
  if (size > lendable.length) lendable = Buffer.allocUnsafeSlow(Math.min(MAX_LENT_BYTES, 2 ** Math.ceil(Math.log2(size))));
  return lendable.subarray(0, readInto(descriptor, lendable, size));
}

/**
 * Up to `limit` bytes of a file whose size was `size`: a buffer of the file's size (one byte more,
 * to see it grow), doubled while it keeps filling, never past the limit. Not the limit's size at
 * once: zero-filling 8 MiB for each small page made lint --fix eight times slower.
 */
function readAtMost(descriptor: number, limit: number, size: number): Buffer {
  let buffer = Buffer.allocUnsafe(Math.min(limit, size + 1));
  let length = readInto(descriptor, buffer, buffer.length);
  // Filled: it grew since it was looked at (or says 0 bytes, as /proc does).
  while (length === buffer.length && length < limit) {
    const larger = Buffer.allocUnsafe(Math.min(limit, Math.max(buffer.length * 2, 64 * 1024)));
    buffer.copy(larger, 0, 0, length);
    buffer = larger;
    length = readInto(descriptor, buffer, buffer.length, length);
  }
  return buffer.subarray(0, length);
}

/** Reads into the buffer from `from` up to `limit` bytes (fewer at the end of the file); how many it holds then. */
function readInto(descriptor: number, buffer: Buffer, limit: number, from = 0): number {
  let length = from;
  while (length < limit) {
    const count = readSync(descriptor, buffer, length, limit - length, null);
    if (count === 0) break;
    length += count;
  }
  return length;
}

export function lstatSafe(candidate: string): Stats | undefined {
  try {
    return lstatSync(candidate);
  } catch {
    return undefined;
  }
}
