import { Command } from 'commander';
import { resolveClock, type Io } from './common.js';

export function lspCommand(io: Io): Command {
  return new Command('lsp')
    .description('run the language server over stdio, for editors: diagnostics as you type, quick fixes, hover, go to definition, completion')
    .option('--stdio', 'talk over stdin and stdout (the only transport; accepted because editors pass it)')
    .action(async () => {
      // Loaded here: the protocol libraries are needed by this command only, and every other command starts faster without them.
      const { startServer } = await import('../lsp/server.js');
      await startServer(() => resolveClock(undefined, io.env).asOf);
    });
}
