/**
 * Atomic writes: a temp file beside the target (created exclusively, so a planted name is never
 * followed), then rename, so a crash never leaves half a file. A target that exists keeps its
 * permissions (0640 stays 0640). Two kinds of write, never mixed:
 * - content (`review`, `--fix`, `new`, `init`, the link cache): the caller has resolved and
 *   checked the real path, so an in-root symbolic link keeps its link and its target is edited;
 * - reports (`-o`, `--report`, the issues folder): the path comes from the command line but runs
 *   through a checkout a pull request wrote, so no symbolic link at its end is followed and its
 *   folder must really be inside the project root or the working directory.
 */
import { chmodSync, lstatSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isInside, realpathOfNew, safeRealpath, specialKind } from '../corpus/root.js';
import { UsageError } from '../errors.js';

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
export function writeReportFile(target: string, contents: string, places: ReportPlaces): void {
  replaceFile(target, path.join(reportFolder(target, places), path.basename(target)), contents);
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

/** Replaces `destination` (whose folder is real) atomically; `label` names it in errors. */
function replaceFile(label: string, destination: string, contents: string): void {
  let mode: number | undefined;
  let stats;
  try {
    stats = lstatSync(destination);
  } catch {
    // Not there yet: a new file, with the default mode.
  }
  if (stats?.isSymbolicLink()) throw new UsageError(`cannot write ${label}: it is a symbolic link; not followed`);
  if (stats?.isDirectory()) throw new UsageError(`cannot write ${label}: it is a folder`);
  if (stats && specialKind(stats)) throw new UsageError(`cannot write ${label}: it is not a regular file`);
  if (stats) mode = stats.mode & 0o7777;
  try {
    mkdirSync(path.dirname(destination), { recursive: true });
  } catch (error) {
    throw new UsageError(`cannot write ${label}: cannot create its folder (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const temporary = `${destination}.tmp-${process.pid}-${Date.now()}`;
  try {
    // wx: a file (or link) already at the temp name makes the write fail rather than be followed.
    writeFileSync(temporary, contents, { flag: 'wx', ...(mode === undefined ? {} : { mode }) });
  } catch (error) {
    throw new UsageError(`cannot write ${label} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    // The umask may have narrowed the mode given at creation: set it exactly.
    if (mode !== undefined) chmodSync(temporary, mode);
    renameSync(temporary, destination);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new UsageError(`cannot write ${label} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
