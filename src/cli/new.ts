import path from 'node:path';
import { Command } from 'commander';
import { loadProject } from '../config/load.js';
import { escapeText } from '../report/escape.js';
import { addAsOfOption, resolveClock, type CommandResult, type Io } from './common.js';

interface NewOptions {
  config?: string;
  title: string;
  url?: string;
  source?: string;
  sourceType?: string;
  language?: string;
  audience?: string;
  cancerTypes?: string;
  tags?: string;
  frequency?: string;
  asOf?: string;
}

const list = (value: string | undefined) => value?.split(',').map((item) => item.trim()).filter(Boolean);

export function newCommand(io: Io, result: CommandResult): Command {
  const command = new Command('new')
    .description('create a document with valid frontmatter (status draft, reviewed today)')
    .argument('<path>', 'the new file, inside the content root')
    .requiredOption('--title <title>', 'the page title')
    .option('-c, --config <file>', 'config file (default: contentgov.config.json, searched upward)')
    .option('--url <url>', "the page's canonical address (default: links.siteOrigin + the path)")
    .option('--source <source>', 'the publisher, such as NCI')
    .option('--source-type <sourceType>', 'such as 02_nci_core')
    .option('--language <code>', 'such as en or es')
    .option('--audience <level>', 'audienceLevel')
    .option('--cancer-types <list>', 'comma-separated')
    .option('--tags <list>', 'comma-separated')
    .option('--frequency <frequency>', 'reviewFrequency');
  addAsOfOption(command);
  return command.action(async (target: string, options: NewOptions) => {
    const project = loadProject({ cwd: io.cwd, ...(options.config ? { configFile: options.config } : {}) });
    const given: Record<string, unknown> = {
      url: options.url,
      source: options.source,
      sourceType: options.sourceType,
      language: options.language,
      audienceLevel: options.audience,
      cancerTypes: list(options.cancerTypes),
      tags: list(options.tags),
      reviewFrequency: options.frequency,
    };
    const fields = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
    // Loaded here: gray-matter is needed by this command only, and every other command starts faster without it.
    const { createDocument } = await import('../scaffold/new-document.js');
    const file = createDocument(project, path.resolve(io.cwd, target), { title: options.title, today: resolveClock(options.asOf, io.env).asOf, fields });
    io.stdout.write(`wrote ${escapeText(file)}\n`);
    result.exitCode = 0;
  });
}
