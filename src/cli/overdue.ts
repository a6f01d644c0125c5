import { rmSync } from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { overdueReport } from '../overdue.js';
import { OVERDUE_FORMAT_NAMES, OVERDUE_FORMATTERS, type OverdueFormatName } from '../report/formatter.js';
import { checkReportTarget, reportFolder, writeReportFile, writeToStream, type ReportPlaces } from '../report/write.js';
import { readRegularFile } from '../corpus/root.js';
import { jsonChunks } from '../report/json.js';
import { ownerIssues } from '../report/overdue/issues.js';
import { parseSince, type Every } from '../history.js';
import type { Report } from '../report/types.js';
import { UsageError } from '../errors.js';
import { escapeText } from '../report/escape.js';
import { addAsOfOption, checkReportTargets, collectValues, colorEnabled, corpusTuning, loadProjectFor, outputWidth, parseCount, parseOutputs, resolveClock, type CommandResult, type Io } from './common.js';

/** Not a formatter: a folder of files, one per owner. */
const ISSUES = 'issues';

/** The formats `-o FILE` infers from the file's extension. */
const FORMAT_BY_EXTENSION: Record<string, OverdueFormatName> = { '.csv': 'csv', '.html': 'html', '.json': 'json', '.md': 'markdown' };

interface OverdueCommandOptions {
  config?: string;
  format: OverdueFormatName | typeof ISSUES;
  output?: string[];
  all?: boolean;
  source?: string;
  sourceType?: string;
  language?: string;
  owner?: string;
  linkBase?: string;
  within?: number;
  groupBy?: string;
  compare?: string;
  history?: boolean;
  since?: string;
  every?: Every;
  failOn?: 'overdue' | 'due-soon';
  asOf?: string;
}

export function overdueCommand(io: Io, result: CommandResult): Command {
  const command = new Command('overdue')
    .description('list documents overdue, unknown (review cannot be judged) or due soon for review (for compliance reports)')
    .argument('[paths...]', 'files or folders (default: the content root)')
    .option('-c, --config <file>', 'config file (default: contentgov.config.json, searched upward)')
    .addOption(new Option('-f, --format <format>', 'output format; issues: one Markdown reminder per owner and an index.json, in the folder -o names').choices([...OVERDUE_FORMAT_NAMES, ISSUES]).default('table'))
    .option('-o, --output <[format:]file>', 'write the report to this file (atomically) instead of stdout; the format from the extension (.csv .html .json .md) unless given (repeatable); with --format issues, the folder', collectValues)
    .option('--all', 'list every judged document, not only overdue, unknown and due-soon ones')
    .option('--source <source>', 'only documents from this source')
    .option('--source-type <sourceType>', 'only documents of this sourceType')
    .option('--language <language>', 'only documents in this language')
    .option('--owner <owner>', 'only documents this owner must review (review.ownerField, CODEOWNERS, review.defaultOwner, or "(unowned)")')
    .option('--link-base <url>', 'with --format issues: put this before each page\'s path in its link (e.g. https://github.com/ORG/REPO/blob/main/)')
    .option('--within <days>', 'count documents due within this many days as due soon (default: review.dueSoonDays)', parseCount)
    .option('--group-by <field>', 'group rows with subtotals: source, sourceType, language, folder, owner or any metadata field')
    .option('--compare <previous.json>', 'add what changed since a JSON report written earlier')
    .option('--history', 'add the counts at each period end, judged as of that day on the last commit before it (git history; table and csv print only these)')
    .option('--since <span>', 'with --history: how far back (12m, 52w, 1y, 90d)', '12m')
    .addOption(new Option('--every <period>', 'with --history: one period end a month or a week apart').choices(['month', 'week']).default('month'))
    .addOption(
      new Option('--fail-on <status>', 'exit 1 when a document is overdue or unknown (its review cannot be judged, so it may be overdue); with due-soon, also when one is due soon').choices(['overdue', 'due-soon']),
    );
  addAsOfOption(command);
  return command.action(async (paths: string[], options: OverdueCommandOptions) => {
    const issuesFolder = options.format === ISSUES ? issuesOutput(options.output ?? []) : undefined;
    if (options.linkBase !== undefined && !issuesFolder) throw new UsageError('--link-base is for --format issues');
    for (const option of ['since', 'every'] as const) {
      if (!options.history && command.getOptionValueSource(option) === 'cli') throw new UsageError(`--${option} is for --history`);
    }
    if (options.history && (issuesFolder || paths.length > 0)) throw new UsageError('--history covers the whole content root, in a report (not --format issues or named paths)');
    if (issuesFolder) {
      const ignored = [options.all && '--all', options.groupBy !== undefined && '--group-by', options.compare !== undefined && '--compare'].filter((name): name is string => typeof name === 'string');
      if (ignored.length > 0) throw new UsageError(`--format issues lists each owner's overdue, unknown and due-soon pages: it does not take ${ignored.join(', ')}`);
    }
    // The reminders are a folder, not a report: -o issues:DIR is the one mistake to expect.
    const asReport = (options.output ?? []).find((value) => value.startsWith(`${ISSUES}:`));
    if (!issuesFolder && asReport) throw new UsageError(`-o ${asReport}: the reminders are a folder, not a report: write --format issues -o ${asReport.slice(ISSUES.length + 1)}`);
    const outputs = issuesFolder ? [] : parseOutputs('overdue', options.output ?? [], OVERDUE_FORMAT_NAMES, FORMAT_BY_EXTENSION);
    const formats = outputs.length > 0 ? outputs.map((output) => output.format) : [options.format];
    // CSV is a row per page: no report it writes would show the changes.
    if (options.compare !== undefined && formats.every((format) => format === 'csv')) throw new UsageError('--compare adds a section CSV has no place for: write table, json, markdown or html as well');
    // With -o nothing goes to stdout, so an explicit --format can only mean the files' format: it must agree.
    const disagreeing = command.getOptionValueSource('format') === 'cli' ? outputs.find((output) => output.format !== options.format) : undefined;
    if (disagreeing) throw new UsageError(`--format ${options.format} disagrees with -o ${disagreeing.file} (${disagreeing.format}); write -o ${options.format}:${disagreeing.file}, or drop --format`);
    const project = loadProjectFor(io, options.config);
    // The issues folder is written last through its index.json: refused now if that could not be.
    const places = checkReportTargets(project, io, outputs.map((output) => output.file), issuesFolder ? [issuesFolder] : []);
    const clock = resolveClock(options.asOf, io.env);
    const report = await overdueReport({
      project,
      cwd: io.cwd,
      paths,
      ...clock,
      criteria: {
        all: options.all === true,
        withinDays: options.within ?? project.config.review.dueSoonDays,
        ...(options.source !== undefined ? { source: options.source } : {}),
        ...(options.sourceType !== undefined ? { sourceType: options.sourceType } : {}),
        ...(options.language !== undefined ? { language: options.language } : {}),
        ...(options.owner !== undefined ? { owner: options.owner } : {}),
        ...(options.groupBy !== undefined ? { groupBy: options.groupBy } : {}),
      },
      ...(options.compare !== undefined ? { compareWith: path.resolve(io.cwd, options.compare) } : {}),
      ...(options.history ? { history: { since: parseSince(options.since ?? '12m'), every: options.every ?? 'month' } } : {}),
      ...corpusTuning(io),
      warn: (message) => io.stderr.write(`contentgov: warning: ${escapeText(message)}\n`),
    });
    if (issuesFolder) writeOwnerIssues(path.resolve(io.cwd, issuesFolder), report, options.linkBase, places);
    for (const output of outputs) writeReportFile(path.resolve(io.cwd, output.file), OVERDUE_FORMATTERS[output.format](report, { color: false }), places);
    if (outputs.length === 0 && options.format !== ISSUES) {
      const width = outputWidth(io.stdout, io.env);
      await writeToStream(io.stdout, OVERDUE_FORMATTERS[options.format](report, { color: colorEnabled(io.stdout, io.env), ...(width !== undefined ? { width } : {}) }), 'the report to stdout');
    }
    const totals = report.overdue!.totals;
    // A page whose review cannot be judged may be overdue: it fails the check as an overdue one does.
    const failing = totals.overdue + totals.unknown + (options.failOn === 'due-soon' ? totals.dueSoon : 0);
    const failed = options.failOn !== undefined && failing > 0;
    result.exitCode = failed ? 1 : 0;
  });
}

function issuesOutput(outputs: readonly string[]): string {
  if (outputs.length !== 1) throw new UsageError('--format issues writes a folder of files: name it with one -o DIR');
  return outputs[0]!;
}

/**
 * The reminders, each file written atomically, index.json last. A reminder an earlier run wrote
 * (listed in the index.json found there) for an owner with nothing left is removed: the folder
 * holds the current lists only, and a workflow closes the issues index.json no longer lists.
 */
function writeOwnerIssues(folder: string, report: Report, linkBase: string | undefined, places: ReportPlaces): void {
  const { index, files } = ownerIssues(report, linkBase);
  // The folder is checked as a report's is (it may be a planted link) before anything in it is read or removed.
  const real = reportFolder(path.join(folder, 'index.json'), places);
  const stale = previousIssueFiles(path.join(real, 'index.json')).filter((file) => !files.has(file));
  // Every name is checked before the first is removed or written: a link or a folder at one must not leave the folder half-written.
  for (const file of [...stale, ...files.keys(), 'index.json']) checkReportTarget(path.join(folder, file), places);
  for (const file of stale) rmSync(path.join(real, file), { force: true });
  for (const [file, text] of files) writeReportFile(path.join(folder, file), text, places);
  writeReportFile(path.join(folder, 'index.json'), jsonChunks(index), places);
}

/** An earlier index.json larger than this is not one ownerIssues wrote (it lists a line per owner): not read, nothing removed. */
const MAX_INDEX_BYTES = 64 * 1024 * 1024;

/** The file names an earlier index.json lists, when they are names ownerIssues writes: nothing else in the folder is touched. */
function previousIssueFiles(indexFile: string): string[] {
  // A regular file only, not followed if a link: a FIFO there must not block the run.
  const read = readRegularFile(indexFile, MAX_INDEX_BYTES);
  if ('problem' in read) return [];
  let previous: unknown;
  try {
    previous = JSON.parse(read.bytes.toString('utf8'));
  } catch {
    return [];
  }
  if (!Array.isArray(previous)) return [];
  return previous.flatMap((entry: unknown) => {
    const file = (entry as { file?: unknown } | null)?.file;
    return typeof file === 'string' && /^[a-z0-9-]+\.md$/.test(file) ? [file] : [];
  });
}
