/** Wires the commands together; exit codes: 0 clean, 1 findings that fail, 2 usage or config error. */
import { Command, CommanderError } from 'commander';
import { UsageError } from '../errors.js';
import { TOOL } from '../version.js';
import type { CommandResult, Io } from './common.js';
import { lintCommand } from './lint.js';
import { overdueCommand } from './overdue.js';
import { explainCommand } from './explain.js';
import { schemaCommand } from './schema.js';
import { reviewCommand } from './review.js';
import { initCommand } from './init.js';
import { newCommand } from './new.js';

export const EXIT_USAGE = 2;

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const result: CommandResult = { exitCode: 0 };
  const program = new Command('contentgov')
    .description('Govern a repository of Markdown health-information documents.')
    .version(TOOL.version)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(run contentgov --help for usage)');
  for (const command of [lintCommand(io, result), overdueCommand(io, result), explainCommand(io, result), schemaCommand(io), reviewCommand(io, result), initCommand(io), newCommand(io, result)]) {
    program.addCommand(command.exitOverride());
  }
  try {
    await program.parseAsync(argv);
    return result.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message; help and version exit cleanly.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`contentgov: ${error.message}\n`);
      return EXIT_USAGE;
    }
    io.stderr.write(`contentgov: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_USAGE;
  }
}

function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
