import { Command, Option } from 'commander';
import { loadProject } from '../config/load.js';
import { lint } from '../lint.js';
import { FORMAT_NAMES, FORMATTERS, type FormatName } from '../report/formatter.js';
import { writeFileAtomic } from '../report/write.js';
import { ProgressBar, wantsProgress } from '../report/progress.js';
import { RULES_BY_ID } from '../rules/index.js';
import type { SeveritySetting } from '../report/types.js';
import { UsageError } from '../errors.js';
import { addAsOfOption, collectRule, colorEnabled, parseCount, resolveClock, type CommandResult, type Io } from './common.js';

interface LintCommandOptions {
  config?: string;
  format: FormatName;
  report?: string;
  maxWarnings?: number;
  asOf?: string;
  rule: Record<string, SeveritySetting>;
  external?: boolean;
  allowPrivateHosts?: boolean;
  linkCache: boolean;
}

export function lintCommand(io: Io, result: CommandResult): Command {
  const command = new Command('lint')
    .description('validate every document: metadata, review dates and links')
    .argument('[paths...]', 'files or folders (default: the content root)')
    .option('-c, --config <file>', 'config file (default: contentgov.config.json, searched upward)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMAT_NAMES).default('stylish'))
    .option('--report <file>', 'also write the JSON report to this file (atomically)')
    .option('--max-warnings <count>', 'exit 1 when there are more warnings than this', parseCount)
    .option('--rule <rule=severity>', 'set a rule to off, warning or error (repeatable)', collectRule, {})
    .option('--external', 'also check external URLs over the network')
    .option('--allow-private-hosts', 'let external checking request loopback and private addresses')
    .option('--no-link-cache', 'ignore and do not update the external link cache');
  addAsOfOption(command);
  return command.action(async (paths: string[], options: LintCommandOptions) => {
    for (const ruleId of Object.keys(options.rule)) {
      if (!RULES_BY_ID.has(ruleId)) throw new UsageError(`--rule ${ruleId}: no such rule`);
    }
    const project = loadProject({ cwd: io.cwd, ...(options.config ? { configFile: options.config } : {}) });
    const clock = resolveClock(options.asOf, io.env);
    const progressBar = wantsProgress(io.stderr, io.env) ? { bar: undefined as ProgressBar | undefined } : undefined;
    const report = await lint({
      project,
      cwd: io.cwd,
      paths,
      ...clock,
      ruleOverrides: options.rule,
      ...(options.external ? { external: true } : {}),
      ...(options.allowPrivateHosts ? { allowPrivateHosts: true } : {}),
      linkCache: options.linkCache,
      warn: (message) => io.stderr.write(`contentgov: warning: ${message}\n`),
      ...(progressBar
        ? {
            progress: {
              start: (total: number) => (progressBar.bar = new ProgressBar(io.stderr, total)),
              tick: (failed: boolean) => progressBar.bar?.tick(failed),
              finish: () => progressBar.bar?.finish(),
            },
          }
        : {}),
    });
    if (options.report) writeFileAtomic(options.report, FORMATTERS.json(report, { color: false }));
    io.stdout.write(FORMATTERS[options.format](report, { color: colorEnabled(io.stdout, io.env) }));
    const tooManyWarnings = options.maxWarnings !== undefined && report.summary.warnings > options.maxWarnings;
    if (tooManyWarnings) io.stderr.write(`contentgov: too many warnings (${report.summary.warnings}; --max-warnings is ${options.maxWarnings})\n`);
    result.exitCode = report.summary.errors > 0 || tooManyWarnings ? 1 : 0;
  });
}
