import path from 'node:path';
import { Command } from 'commander';
import { escapeText } from '../report/escape.js';
import { UsageError } from '../errors.js';
import { loadProjectFor, parseDateOption, parseOneLine, reviewDay, type CommandResult, type Io } from './common.js';

interface NewOptions {
  config?: string;
  title?: string;
  url?: string;
  source?: string;
  sourceType?: string;
  license?: string;
  language?: string;
  audience?: string;
  cancerTypes?: string;
  tags?: string;
  frequency?: string;
  asOf?: string;
}

const list = (value: string | undefined) => value?.split(',').map((item) => item.trim()).filter(Boolean);

export function newCommand(io: Io, result: CommandResult): Command {
  // Every value is written into the frontmatter: one line each (see parseOneLine).
  return new Command('new')
    .description('create a document with valid frontmatter (status draft, reviewed today)')
    // Optional for commander, so a missing PATH is reported before a missing --title.
    .argument('[path]', 'the new file, inside the content root')
    .option('--title <title>', 'the page title (required)', parseOneLine('--title'))
    .option('-c, --config <file>', 'config file (default: contentgov.config.json, searched upward)')
    .option('--url <url>', "the page's canonical address (default: links.siteOrigin + the path)", parseOneLine('--url'))
    .option('--source <source>', 'the publisher, such as NCI', parseOneLine('--source'))
    .option('--source-type <sourceType>', 'such as 02_nci_core', parseOneLine('--source-type'))
    .option('--license <license>', 'the licence the page is under, such as public_domain (required unless templates/new.md gives one)', parseOneLine('--license'))
    .option('--language <code>', 'such as en or es', parseOneLine('--language'))
    .option('--audience <level>', 'audienceLevel', parseOneLine('--audience'))
    .option('--cancer-types <list>', 'comma-separated', parseOneLine('--cancer-types'))
    .option('--tags <list>', 'comma-separated', parseOneLine('--tags'))
    .option('--frequency <frequency>', 'reviewFrequency', parseOneLine('--frequency'))
    .option('--as-of <date>', 'the day recorded as the last review, YYYY-MM-DD (default: today, UTC)', parseDateOption)
    .action(async (target: string | undefined, options: NewOptions) => {
      if (target === undefined) throw new UsageError('new: give the PATH of the new file, inside the content root (contentgov new PATH --title TITLE)');
      if (options.title === undefined) throw new UsageError('new: give the page title with --title TITLE');
      const project = loadProjectFor(io, options.config);
      const given: Record<string, unknown> = {
        url: options.url,
        source: options.source,
        sourceType: options.sourceType,
        license: options.license,
        language: options.language,
        audienceLevel: options.audience,
        cancerTypes: list(options.cancerTypes),
        tags: list(options.tags),
        reviewFrequency: options.frequency,
      };
      const fields = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
      // Loaded here: gray-matter is needed by this command only, and every other command starts faster without it.
      const { createDocument } = await import('../scaffold/new-document.js');
      const file = createDocument(project, path.resolve(io.cwd, target), { title: options.title, today: reviewDay(options.asOf, '--as-of', io.env), fields });
      io.stdout.write(`wrote ${escapeText(file)}\n`);
      result.exitCode = 0;
    });
}
