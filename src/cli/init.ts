import { existsSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { writeFileAtomic } from '../report/write.js';
import { INIT_CONFIG, INIT_WORKFLOW, sampleDocument } from '../scaffold/templates.js';
import { resolveClock, type CommandResult, type Io } from './common.js';

export function initCommand(io: Io, result: CommandResult): Command {
  return new Command('init')
    .description('set up contentgov here: a config, a sample document and a pull-request workflow')
    .option('--force', 'overwrite files that already exist')
    .action((options: { force?: boolean }) => {
      const files: [string, string][] = [
        ['contentgov.config.json', INIT_CONFIG],
        ['content/example-page.md', sampleDocument(resolveClock(undefined, io.env).asOf)],
        ['.github/workflows/content.yml', INIT_WORKFLOW],
      ];
      let skipped = 0;
      for (const [file, contents] of files) {
        const target = path.join(io.cwd, file);
        if (existsSync(target) && !options.force) {
          io.stdout.write(`skipped ${file} (it exists; --force overwrites it)\n`);
          skipped++;
          continue;
        }
        writeFileAtomic(target, contents);
        io.stdout.write(`wrote   ${file}\n`);
      }
      io.stdout.write('Next: npx contentgov lint\n');
      result.exitCode = skipped > 0 && skipped === files.length ? 1 : 0;
    });
}
