import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { initProject } from '../scaffold/init.js';
import { resolveClock, type Io } from './common.js';

/** A folder inside the project, as the config's `root` and the workflow's paths name it. */
function parseRoot(value: string): string {
  const root = path.posix.normalize(value.replaceAll('\\', '/')).replace(/\/$/, '');
  if (path.posix.isAbsolute(root) || root === '..' || root.startsWith('../')) throw new InvalidArgumentError('expected a folder inside this project, such as docs.');
  return root;
}

export function initCommand(io: Io): Command {
  return new Command('init')
    .description('set up contentgov here: a config, a sample document, the pull-request and weekly workflows and a .gitignore entry')
    .option('--root <dir>', 'the content root: the folder of Markdown documents', parseRoot, 'content')
    .option('--force', 'overwrite the starter files that already exist (.gitignore is only ever appended to)')
    .action((options: { root: string; force?: boolean }) => {
      const results = initProject(io.cwd, { today: resolveClock(undefined, io.env).asOf, root: options.root, force: options.force === true });
      for (const { file, action, detail } of results) io.stdout.write(`${action.padEnd(7)} ${file}${detail ? ` (${detail})` : ''}\n`);
      // Everything in place already is a success: init is safe to run again.
      io.stdout.write(results.every((entry) => entry.action === 'kept') ? 'Nothing to do: contentgov is set up here.\n' : 'Next: npx contentgov lint\n');
    });
}
