import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Project } from '../config/load.js';
import { changedFiles, type ChangeSet } from '../corpus/changes.js';
import { lint, settingsChanged } from '../lint.js';
import { watchCorpus } from '../watch.js';
import { FORMAT_NAMES, FORMATTERS, type FormatName } from '../report/formatter.js';
import { ProgressBar, wantsProgress } from '../report/progress.js';
import { escapeText } from '../report/escape.js';
import { textPieces, writeReportFile, writeToStream } from '../report/write.js';
import { RULES_BY_ID } from '../rules/index.js';
import { parseTimeSpan } from '../schema/time-span.js';
import { closestField } from '../schema/document.js';
import { withoutWarnings } from '../report/quiet.js';
import type { Report, SeveritySetting } from '../report/types.js';
import { UsageError } from '../errors.js';
import { appendStepSummary } from './step-summary.js';
import { addAsOfOption, checkReportTargets, collectRule, collectValues, colorEnabled, corpusTuning, loadProjectFor, parseCount, parseOutputs, parsePositive, resolveClock, type CommandResult, type Io } from './common.js';

interface LintCommandOptions {
  config?: string;
  format: FormatName;
  output?: string[];
  report?: string[];
  maxWarnings?: number;
  quiet?: boolean;
  fix?: boolean;
  watch?: boolean;
  asOf?: string;
  rule?: Record<string, SeveritySetting>;
  external?: boolean;
  allowPrivateHosts?: boolean;
  externalBudget?: string;
  progress?: boolean;
  linkCache: boolean;
  links: boolean;
  changed?: boolean;
  base?: string;
  shard?: { index: number; count: number };
  jobs?: number;
}

/** The formats `-o FILE` infers from the file's extension. */
const FORMAT_BY_EXTENSION: Record<string, FormatName> = { '.json': 'json', '.sarif': 'sarif', '.xml': 'junit', '.md': 'markdown' };

function parseShard(value: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new InvalidArgumentError('expected I/N with 1 <= I <= N, such as 2/4.');
  return { index, count };
}

function parseBudget(value: string): string {
  if (parseTimeSpan(value) === undefined) throw new InvalidArgumentError('expected a span of time of at most a day, such as "10 minutes", "90 s" or PT5M.');
  return value;
}

export function lintCommand(io: Io, result: CommandResult): Command {
  const command = new Command('lint')
    .description('validate every document: metadata, review dates and links')
    .argument('[paths...]', 'files or folders (default: the content root)')
    .option('-c, --config <file>', 'config file (default: contentgov.config.json, searched upward)')
    .addOption(new Option('-f, --format <format>', 'output format on stdout').choices(FORMAT_NAMES).default('stylish'))
    .option('-o, --output <[format:]file>', 'also write a report to this file, atomically; the format from the extension (.json .sarif .xml .md) unless given (repeatable)', collectValues)
    .option('--report <file>', 'also write the JSON report to this file (same as --output json:FILE; repeatable)', collectValues)
    .option('--max-warnings <count>', 'exit 1 when there are more warnings than this', parseCount)
    .option('-q, --quiet', 'show errors only (reports written with -o keep warnings)')
    .option('--fix', 'apply safe fixes first (review date format, list case and duplicates, trailing spaces)')
    .option('-w, --watch', 're-check documents as they are saved (and the documents that link to them)')
    .option('--rule <rule=severity>', 'set a rule to off, warning or error (repeatable)', collectRule)
    .option('--no-links', 'skip link checking: metadata and review dates only')
    .option('--external', 'also check external URLs over the network')
    .option('--allow-private-hosts', 'let external checking request loopback and private addresses')
    .option('--external-budget <duration>', 'wall time for all external checks, such as "10 minutes", "90 s" or PT5M (default: links.budget); links not answered by then are unverified', parseBudget)
    .option('--no-link-cache', 'ignore and do not update the external link cache')
    .option('--progress', 'show the external links progress bar on stderr even when it is not a terminal, or in CI')
    .option('--no-progress', 'never show the progress bar (default: shown on a terminal, not in CI)')
    .option('--changed', 'judge only documents changed since the base, and those whose links the change broke')
    .option('--base <ref>', 'with --changed: compare with the merge base of this ref (default: origin/HEAD, else main, else master)')
    .option('--shard <i/n>', 'judge only shard I of N (for matrix jobs)', parseShard)
    .option('-j, --jobs <count>', 'threads to check with (default: one per core, from 8,000 documents a thread; 1: the main thread only)', parsePositive);
  addAsOfOption(command);
  return command.action(async (paths: string[], options: LintCommandOptions) => {
    const ruleOverrides = options.rule ?? {};
    for (const ruleId of Object.keys(ruleOverrides)) {
      if (RULES_BY_ID.has(ruleId)) continue;
      const suggestion = closestField(ruleId, [...RULES_BY_ID.keys()]);
      throw new UsageError(`--rule ${ruleId}: no such rule${suggestion ? `; did you mean "${suggestion}"?` : ''}`);
    }
    if (options.base && !options.changed) throw new UsageError('--base goes with --changed');
    if (options.external && !options.links) throw new UsageError('--external checks links: it does not go with --no-links');
    if (options.watch) refuseWithWatch(paths, options);
    const outputs = [...parseOutputs('lint', options.output ?? [], FORMAT_NAMES, FORMAT_BY_EXTENSION), ...(options.report ?? []).map((file) => ({ format: 'json' as const, file }))];
    const project = loadProjectFor(io, options.config);
    checkReportTargets(project, io, outputs.map((output) => output.file));
    const clock = resolveClock(options.asOf, io.env);
    // Warning rules always run: -q only leaves their findings out of what stdout shows.
    const show = (report: Report, color: boolean) =>
      options.quiet
        ? FORMATTERS[options.format](withoutWarnings(report), { color, hiddenWarnings: report.summary.warnings, ...(options.maxWarnings !== undefined ? { maxWarnings: options.maxWarnings } : {}) })
        : FORMATTERS[options.format](report, { color });
    if (options.watch) {
      const color = colorEnabled(io.stdout, io.env);
      const watcher = watchCorpus({ project, cwd: io.cwd, paths: [], ...clock, ruleOverrides }, ({ report, changed, milliseconds }) => {
        const what = changed.length === 0 ? 'watching' : `${changed.map(escapeText).join(', ')} changed`;
        // Beside a report for people; on stderr beside one for machines, whose stdout is then a stream of reports (jq reads it).
        (options.format === 'stylish' ? io.stdout : io.stderr).write(`\n[${what}: ${report.summary.documents} document${report.summary.documents === 1 ? '' : 's'} checked in ${milliseconds.toFixed(0)} ms]\n`);
        // Interactive: each report queues whole, as the watcher cannot wait for the terminal.
        for (const piece of textPieces(show(report, color))) io.stdout.write(piece);
      });
      // Runs until interrupted; Ctrl-C ends it cleanly.
      await new Promise<void>((resolve) => process.once('SIGINT', resolve).once('SIGTERM', resolve));
      watcher.close();
      return;
    }
    const progress = wantsProgress(io.stderr, io.env, options.progress) ? progressTo(io.stderr) : undefined;
    const warn = (message: string) => io.stderr.write(`contentgov: warning: ${escapeText(message)}\n`);
    const changes = options.changed ? changeWithSettings(project, changedFiles(project.projectRoot, options.base), warn) : undefined;
    const report = await lint({
      project,
      cwd: io.cwd,
      paths,
      ...clock,
      ruleOverrides,
      links: options.links,
      ...(options.external ? { external: true } : {}),
      ...(options.allowPrivateHosts ? { allowPrivateHosts: true } : {}),
      ...(options.externalBudget ? { externalBudget: options.externalBudget } : {}),
      ...(options.fix ? { fix: true } : {}),
      ...(options.shard ? { shard: options.shard } : {}),
      ...(changes ? { changes } : {}),
      linkCache: options.linkCache,
      ...(options.jobs !== undefined ? { jobs: options.jobs } : {}),
      ...corpusTuning(io),
      warn,
      ...(progress ? { progress } : {}),
    });
    for (const output of outputs) writeReportFile(path.resolve(io.cwd, output.file), FORMATTERS[output.format](report, { color: false }), { projectRoot: project.projectRoot, cwd: io.cwd });
    appendStepSummary(io, report);
    await writeToStream(io.stdout, show(report, colorEnabled(io.stdout, io.env)), 'the report to stdout');
    const tooManyWarnings = options.maxWarnings !== undefined && report.summary.warnings > options.maxWarnings;
    if (tooManyWarnings) io.stderr.write(`contentgov: too many warnings (${report.summary.warnings}; --max-warnings is ${options.maxWarnings})\n`);
    result.exitCode = report.summary.errors > 0 || tooManyWarnings ? 1 : 0;
  });
}

/**
 * --watch re-checks the whole content root, offline, and prints each report: the options that
 * would change what is checked, or write or exit on a result, are refused rather than ignored.
 */
function refuseWithWatch(paths: readonly string[], options: LintCommandOptions): void {
  const given = [
    paths.length > 0 && 'paths',
    options.output && '-o',
    options.report && '--report',
    options.fix && '--fix',
    options.external && '--external',
    !options.links && '--no-links',
    options.changed && '--changed',
    options.shard && '--shard',
    options.maxWarnings !== undefined && '--max-warnings',
    options.jobs !== undefined && '--jobs',
    options.allowPrivateHosts && '--allow-private-hosts',
    options.externalBudget !== undefined && '--external-budget',
    !options.linkCache && '--no-link-cache',
    options.progress !== undefined && `--${options.progress ? '' : 'no-'}progress`,
  ].filter((name): name is string => typeof name === 'string');
  if (given.length > 0) throw new UsageError(`--watch checks the whole content root, offline, and only prints: it does not take ${given.join(', ')}`);
}

function progressTo(stream: NodeJS.WritableStream) {
  let bar: ProgressBar | undefined;
  return {
    start: (total: number) => (bar = new ProgressBar(stream, total)),
    tick: (failed: boolean) => bar?.tick(failed),
    finish: () => bar?.finish(),
  };
}

/** A change with the settings files it touched: then every document is judged, and the run says why. */
function changeWithSettings(project: Project, changes: ChangeSet, warn: (message: string) => void): ChangeSet {
  const settings = settingsChanged(project, changes);
  if (settings.length === 0) return changes;
  warn(`--changed: the change touches ${settings.join(' and ')}, which can break any page: every document is judged`);
  return { ...changes, settings };
}
