import { Command } from 'commander';
import { configJsonSchema, metadataJsonSchema } from '../schema/json-schema.js';
import { escapeJsonText } from '../report/escape.js';
import { loadProjectFor, type Io } from './common.js';

export function schemaCommand(io: Io): Command {
  return new Command('schema')
    .description("print the JSON Schema of document metadata (for tools that validate YAML or JSON), or of the config")
    .option('-c, --config <file>', 'config file (default: contentgov.config.json, searched upward)')
    .option('--config-schema', "print the config file's own JSON Schema instead")
    .action((options: { config?: string; configSchema?: boolean }) => {
      const schema = options.configSchema
        ? configJsonSchema()
        : metadataJsonSchema(loadProjectFor(io, options.config).schema);
      // Field names and patterns come from the config, which a pull request can change.
      io.stdout.write(`${escapeJsonText(JSON.stringify(schema, null, 2))}\n`);
    });
}
