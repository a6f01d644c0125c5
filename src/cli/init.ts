import { Command } from 'commander';
import { initProject } from '../scaffold/init.js';
import { resolveClock, type CommandResult, type Io } from './common.js';

export function initCommand(io: Io, result: CommandResult): Command {
  return new Command('init')
    .description('set up contentgov here: a config, a sample document and a pull-request workflow')
    .option('--force', 'overwrite files that already exist')
    .action((options: { force?: boolean }) => {
      const results = initProject(io.cwd, resolveClock(undefined, io.env).asOf, options.force === true);
      for (const { file, written } of results) io.stdout.write(written ? `wrote   ${file}\n` : `skipped ${file} (it exists; --force overwrites it)\n`);
      io.stdout.write('Next: npx contentgov lint\n');
      result.exitCode = results.every((entry) => !entry.written) ? 1 : 0;
    });
}
