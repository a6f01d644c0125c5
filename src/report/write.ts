/**
 * Atomic writes: a temp file beside the target (created exclusively, so a planted name is never
 * followed), then rename, so a crash never leaves half a file. A target that exists keeps its
 * permissions (0640 stays 0640). Two kinds of write, never mixed:
 * - content (`review`, `--fix`, `new`, `init`, the link cache): the caller has resolved and
 *   checked the real path, so an in-root symbolic link keeps its link and its target is edited;
 * - reports (`-o`, `--report`, the issues folder): the path comes from the command line but runs
 *   through a checkout a pull request wrote, so no symbolic link at its end is followed and its
 *   folder must really be inside the project root or the working directory.
 * A report is written chunk by chunk as its formatter makes it (JSON, SARIF, JUnit), to the temp
 * file and to stdout alike, so it never exists whole as a second copy beside the Report.
 */
import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { isInside, realpathOfNew, safeRealpath, specialKind } from '../corpus/root.js';
import { UsageError } from '../errors.js';

/** Text a formatter makes: one string, or chunks to be written one after another. */
export type ReportText = string | Iterable<string>;

/** Where reports may go: the project root (the config file's folder) and the working directory. */
export interface ReportPlaces {
  projectRoot: string;
  cwd: string;
}

/** Writes content at a real path the caller has checked (inside the content or project root). */
export function writeContentFile(real: string, contents: string): void {
  replaceFile(real, real, contents);
}

/** Writes a report file named on the command line (absolute), as the Security section of the README states. */
export function writeReportFile(target: string, contents: ReportText, places: ReportPlaces): void {
  replaceFile(target, path.join(reportFolder(target, places), path.basename(target)), contents);
}

/**
 * Refuses at once a report that the write would refuse for where it goes (see reportFolder and
 * replaceFile), before a run spends minutes, or --fix changes files, for a report it cannot write.
 * The write checks again: this only answers sooner. Returns the real path the report would go to.
 */
export function checkReportTarget(target: string, places: ReportPlaces): string {
  const destination = path.join(reportFolder(target, places), path.basename(target));
  existingMode(target, destination);
  return destination;
}

/**
 * The real path of the folder a report goes in, after the checks: a folder named inside the
 * project must stay inside it once symbolic links are resolved; any other must lead into the
 * project or the working directory. So a link planted in the checkout cannot send a report out.
 */
export function reportFolder(target: string, places: ReportPlaces): string {
  const folder = path.dirname(target);
  const real = realpathOfNew(folder);
  const realOf = (place: string) => safeRealpath(place) ?? place;
  const inProject = isInside(places.projectRoot, folder);
  const allowed = inProject ? [realOf(places.projectRoot)] : [realOf(places.projectRoot), realOf(places.cwd)];
  if (real !== undefined && allowed.some((place) => isInside(place, real))) return real;
  const named = inProject || isInside(places.cwd, folder);
  throw new UsageError(
    named
      ? `cannot write ${target}: its folder leads out of the ${inProject ? 'project folder' : 'working directory'} through a symbolic link`
      : `cannot write ${target}: reports are written only inside the project folder or the working directory`,
  );
}

/** The mode of the regular file at `destination` (undefined: none there yet); anything else there is refused. */
function existingMode(label: string, destination: string): number | undefined {
  let stats;
  try {
    stats = lstatSync(destination);
  } catch (error) {
    // Not there yet: a new file, with the default mode.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') throw new UsageError(`cannot write ${label}: a part of its folder is a file`);
    throw cannotWrite(label, error);
  }
  if (stats.isSymbolicLink()) throw new UsageError(`cannot write ${label}: it is a symbolic link; not followed`);
  if (stats.isDirectory()) throw new UsageError(`cannot write ${label}: it is a folder`);
  if (specialKind(stats)) throw new UsageError(`cannot write ${label}: it is not a regular file`);
  return stats.mode & 0o7777;
}

/** Replaces `destination` (whose folder is real) atomically; `label` names it in errors. */
function replaceFile(label: string, destination: string, contents: ReportText): void {
  const mode = existingMode(label, destination);
  try {
    mkdirSync(path.dirname(destination), { recursive: true });
  } catch (error) {
    throw new UsageError(`cannot write ${label}: cannot create its folder (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const temporary = `${destination}.tmp-${process.pid}-${Date.now()}`;
  let descriptor: number;
  try {
    // wx: a file (or link) already at the temp name makes the write fail rather than be followed.
    descriptor = openSync(temporary, 'wx', mode ?? 0o666);
  } catch (error) {
    throw cannotWrite(label, error);
  }
  try {
    try {
      for (const piece of textPieces(contents)) writeAll(descriptor, piece);
    } finally {
      closeSync(descriptor);
    }
    // The umask may have narrowed the mode given at creation: set it exactly.
    if (mode !== undefined) chmodSync(temporary, mode);
    renameSync(temporary, destination);
  } catch (error) {
    // A write that failed midway (a full disk, a file size limit) or a formatter that threw: the
    // name keeps what it held, and no half-written temp file stays beside it.
    rmSync(temporary, { force: true });
    throw isSystemError(error) ? cannotWrite(label, error) : error;
  }
}

function writeAll(descriptor: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(descriptor, bytes, offset, bytes.length - offset);
}

const isSystemError = (error: unknown): error is NodeJS.ErrnoException => error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';

const cannotWrite = (label: string, error: unknown) => new UsageError(`cannot write ${label} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);

/** Chunks gathered to about 64 KB: a write call per finding would cost more than making it. */
const PIECE = 1 << 16;

/** The text in pieces of about PIECE characters (a string as it is). */
export function* textPieces(text: ReportText): Generator<string> {
  if (typeof text === 'string') {
    yield text;
    return;
  }
  let gathered: string[] = [];
  let length = 0;
  for (const chunk of text) {
    gathered.push(chunk);
    length += chunk.length;
    if (length < PIECE) continue;
    yield gathered.join('');
    gathered = [];
    length = 0;
  }
  if (length > 0) yield gathered.join('');
}

/**
 * Writes report text to a stream (stdout) piece by piece. A pipe is asynchronous: when a write
 * finds the stream's buffer full, the next piece waits until that one is written (its callback,
 * which comes just before 'drain'), or the whole text would queue in memory. Resolves once the last
 * piece is written; a stream that fails (EPIPE: the reader is gone) ends the writing with a
 * one-line error naming `name`, not an unhandled 'error' event.
 */
export async function writeToStream(stream: NodeJS.WritableStream, text: ReportText, name: string): Promise<void> {
  let failure: unknown;
  const fail = (error: unknown) => (failure ??= error);
  stream.on('error', fail);
  try {
    let written = Promise.resolve();
    for (const piece of textPieces(text)) {
      if (failure !== undefined) break;
      let accepted = true;
      written = new Promise((resolve) => {
        accepted = stream.write(piece, (error) => {
          if (error) fail(error);
          resolve();
        });
      });
      if (!accepted) await written;
    }
    await written;
  } finally {
    stream.off('error', fail);
  }
  if (failure !== undefined) throw cannotWrite(name, failure);
}
