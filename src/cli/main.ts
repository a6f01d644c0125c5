/** Wires the commands together; exit codes: 0 clean, 1 findings that fail, 2 usage or config error. */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { UsageError } from '../errors.js';
import { escapeLines, escapeText } from '../report/escape.js';
import { TOOL } from '../version.js';
import type { CommandResult, Io } from './common.js';
import { lintCommand } from './lint.js';
import { overdueCommand } from './overdue.js';
import { explainCommand } from './explain.js';
import { schemaCommand } from './schema.js';
import { reviewCommand } from './review.js';
import { initCommand } from './init.js';
import { newCommand } from './new.js';
import { lspCommand } from './lsp.js';

const EXIT_USAGE = 2;

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const result: CommandResult = { exitCode: 0 };
  const output = {
    writeOut: (text: string) => io.stdout.write(text),
    // Commander's messages quote the arguments as given.
    writeErr: (text: string) => io.stderr.write(escapeLines(text)),
    // Its errors in the form of every other: "contentgov: …", one line.
    outputError: (text: string, write: (text: string) => void) => write(text.replace(/^error: /, 'contentgov: ')),
  };
  const program = new Command('contentgov')
    .description('Govern a repository of Markdown health-information documents.')
    .version(TOOL.version)
    .exitOverride()
    .configureOutput(output)
    .showHelpAfterError('(run contentgov --help for usage)');
  for (const command of [lintCommand(io, result), overdueCommand(io, result), explainCommand(io, result), schemaCommand(io), reviewCommand(io, result), initCommand(io), newCommand(io, result), lspCommand(io)]) {
    // addCommand does not pass the output settings on to a command made on its own.
    program.addCommand(refuseRepeats(command).exitOverride().configureOutput(output));
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
      io.stderr.write(`contentgov: ${escapeText(error.message)}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof RangeError && /^Invalid (string|array) length$/.test(error.message)) {
      // A report longer than a JavaScript string can hold: a one-line error, and nothing half-written.
      io.stderr.write(`contentgov: the output is too large to write (${error.message}); lower limits.findingsPerRule or narrow the run\n`);
      return EXIT_USAGE;
    }
    io.stderr.write(`contentgov: internal error: ${escapeLines(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
    return EXIT_USAGE;
  }
}

/** The options that may be given more than once, each adding a value. */
const REPEATABLE = new Set(['--output', '--report', '--rule']);

/**
 * Every other option that takes a value is refused the second time it is given on the command line
 * (a default, or an environment variable, is no first time): the last one silently winning would
 * change the run (`--format json --format sarif`, `--base main --base dev`).
 */
function refuseRepeats(command: Command): Command {
  for (const option of command.options) {
    if (!(option.required || option.optional) || REPEATABLE.has(option.long ?? '')) continue;
    const parse = option.parseArg;
    option.argParser((value: string, previous: unknown) => {
      if (command.getOptionValueSource(option.attributeName()) === 'cli') throw new InvalidArgumentError('given more than once; it takes one value.');
      return parse ? parse(value, previous) : value;
    });
  }
  return command;
}

function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
