import { Command } from 'commander';
import { z } from 'zod';
import { loadProject } from '../config/load.js';
import { configSchema } from '../schema/config.js';
import { documentObjectSchema } from '../schema/document.js';
import type { CommandResult, Io } from './common.js';

export function configJsonSchema(): unknown {
  return z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' });
}

export function schemaCommand(io: Io, _result: CommandResult): Command {
  return new Command('schema')
    .description("print the JSON Schema of document metadata (for the YAML language server), or of the config")
    .option('-c, --config <file>', 'config file (default: contentgov.config.json, searched upward)')
    .option('--config-schema', "print the config file's own JSON Schema instead")
    .action((options: { config?: string; configSchema?: boolean }) => {
      if (options.configSchema) {
        io.stdout.write(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
        return;
      }
      const project = loadProject({ cwd: io.cwd, ...(options.config ? { configFile: options.config } : {}) });
      const jsonSchema = z.toJSONSchema(documentObjectSchema(project.schema), { unrepresentable: 'any' });
      io.stdout.write(`${JSON.stringify({ title: 'contentgov document metadata', ...jsonSchema }, null, 2)}\n`);
    });
}
