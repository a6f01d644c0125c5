/**
 * Writes a file atomically: a temp file beside the target, then rename, so a crash never leaves
 * half a file. A target that exists keeps its permissions (0640 stays 0640); a symbolic link is
 * written through to its target and stays a link (callers that write content check first that the
 * target is inside the content root).
 */
import { chmodSync, mkdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';

export function writeFileAtomic(target: string, contents: string): void {
  let destination = target;
  let mode: number | undefined;
  try {
    const stats = statSync(target);
    if (stats.isDirectory()) throw new UsageError(`cannot write ${target}: it is a folder`);
    if (!stats.isFile()) throw new UsageError(`cannot write ${target}: it is not a regular file`);
    destination = realpathSync(target);
    mode = stats.mode & 0o7777;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // Not there yet: a new file, with the default mode.
  }
  try {
    mkdirSync(path.dirname(destination), { recursive: true });
  } catch (error) {
    throw new UsageError(`cannot write ${target}: cannot create its folder (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const temporary = `${destination}.tmp-${process.pid}-${Date.now()}`;
  try {
    writeFileSync(temporary, contents, mode === undefined ? {} : { mode });
    // The umask may have narrowed the mode given at creation: set it exactly.
    if (mode !== undefined) chmodSync(temporary, mode);
    renameSync(temporary, destination);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new UsageError(`cannot write ${target} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
