/** The git commit of the content, for reports an auditor can trace back. */
import { execFileSync } from 'node:child_process';

export function contentCommit(directory: string): string | undefined {
  try {
    const run = (args: string[]) => execFileSync('git', ['-C', directory, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const commit = run(['rev-parse', 'HEAD']);
    const dirty = run(['status', '--porcelain', '--', '.']) !== '';
    return dirty ? `${commit}-dirty` : commit;
  } catch {
    // Not a repository, no commit yet, or no git: the report simply has no commit.
    return undefined;
  }
}
