/** Option parsing shared by the commands: nothing here decides anything about documents. */
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { loadProject, type Project } from '../config/load.js';
import { UsageError } from '../errors.js';
import { excludedBy, isInside, toProjectPath } from '../corpus/discover.js';
import { contentRootOf, projectPathInRoot } from '../corpus/root.js';
import { checkReportTarget, type ReportPlaces } from '../report/write.js';
import { RULE_IDS } from '../rules/index.js';
import { parseCalendarDate, todayUtc } from '../review/dates.js';
import type { SeveritySetting } from '../report/types.js';

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Commands report their exit code through this; main returns it. */
export interface CommandResult {
  exitCode: number;
}

export function parseDateOption(value: string): string {
  const date = parseCalendarDate(value);
  if (!date) throw new InvalidArgumentError('expected a real calendar date YYYY-MM-DD.');
  return date;
}

export function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number.');
  return Number(value);
}

export function parsePositive(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a whole number of at least 1.');
  return Number(value);
}

export function collectRule(value: string, previous: Record<string, SeveritySetting> = {}): Record<string, SeveritySetting> {
  const match = /^([a-z0-9-]+)=(off|warning|warn|error)$/.exec(value);
  if (!match) throw new InvalidArgumentError('expected RULE=off|warning|error.');
  // "warn", as ESLint writes it, is "warning".
  return { ...previous, [match[1]!]: (match[2] === 'warn' ? 'warning' : match[2]) as SeveritySetting };
}

export function addAsOfOption(command: Command): Command {
  return command.option('--as-of <date>', 'judge time as of this day, YYYY-MM-DD (default: CONTENTGOV_AS_OF, else today, UTC)', parseDateOption);
}

/** 9999-12-31T23:59:59Z, the last second with a four-digit year. */
const LAST_EPOCH_SECOND = 253_402_300_799;

/**
 * The as-of day, and the report's timestamp. The day is --as-of, else CONTENTGOV_AS_OF, else
 * today (UTC). SOURCE_DATE_EPOCH fixes only the timestamp, as reproducible builds mean it to: a CI
 * job that sets it to its last commit must not judge reviews as of that commit's day, or pages that
 * fell due since would escape.
 */
export function resolveClock(asOfOption: string | undefined, env: NodeJS.ProcessEnv): { asOf: string; generatedAt: string } {
  const asOf = asOfOption ?? asOfFromEnvironment(env.CONTENTGOV_AS_OF);
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    // The reproducible-builds specification: a malformed value ends the run rather than being ignored.
    if (!/^\d+$/.test(epoch)) throw new UsageError(`SOURCE_DATE_EPOCH=${shortValue(epoch)} is not a whole number of seconds since 1970-01-01`);
    // Past 9999-12-31 a date has no YYYY-MM-DD form (and past ±8.64e15 ms no Date at all).
    if (Number(epoch) > LAST_EPOCH_SECOND) throw new UsageError(`SOURCE_DATE_EPOCH=${shortValue(epoch)} is after the year 9999; give seconds since 1970-01-01`);
    const fixed = new Date(Number(epoch) * 1000);
    return { asOf: asOf ?? todayUtc(), generatedAt: fixed.toISOString() };
  }
  if (asOf) return { asOf, generatedAt: `${asOf}T00:00:00.000Z` };
  const now = new Date();
  return { asOf: todayUtc(now), generatedAt: now.toISOString() };
}

/**
 * The day a review is recorded as: the one given, else today. A later one is refused: the page
 * would stay out of the overdue report until then.
 */
export function reviewDay(given: string | undefined, option: string, env: NodeJS.ProcessEnv): string {
  const today = resolveClock(undefined, env).asOf;
  if (given !== undefined && given > today) throw new UsageError(`a review cannot be recorded in the future: ${option} ${given} is after today (${today}, UTC)`);
  return given ?? today;
}

function asOfFromEnvironment(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const date = parseCalendarDate(value);
  if (!date) throw new UsageError(`CONTENTGOV_AS_OF=${shortValue(value)} is not a real calendar date YYYY-MM-DD`);
  return date;
}

function shortValue(value: string): string {
  return value.length > 20 ? `${value.slice(0, 20)}…` : value;
}

/**
 * How a run over the corpus is carried out, from the environment (for the tests and the bench):
 * CONTENTGOV_COMPACT=1 or 0 holds any corpus compact, or none; CONTENTGOV_STATS=1 prints how the
 * run was shared among threads.
 */
export function corpusTuning(io: { env: NodeJS.ProcessEnv; stderr: { write(text: string): unknown } }): { compact?: boolean; onSharing?: (line: string) => void } {
  const compact = io.env.CONTENTGOV_COMPACT;
  return {
    ...(compact === '1' || compact === '0' ? { compact: compact === '1' } : {}),
    ...(io.env.CONTENTGOV_STATS ? { onSharing: (line: string) => io.stderr.write(`${line}\n`) } : {}),
  };
}

/** The project of a command: the config found from the working directory, or named with --config. */
export function loadProjectFor(io: { cwd: string }, configOption: string | undefined): Project {
  return loadProject({ cwd: io.cwd, ...(configOption ? { configFile: configOption } : {}), ruleIds: RULE_IDS });
}

/**
 * Refuses, before the run, each report file it could not write (report/write.ts), and one that
 * would be a document: a Markdown report in the content root would replace a page, or be judged
 * as a page without frontmatter on the next run. `markdownFolders` will hold Markdown files
 * (the reminders of --format issues). Returns where reports may go.
 */
export function checkReportTargets(project: Project, io: { cwd: string }, files: readonly string[], markdownFolders: readonly string[] = []): ReportPlaces {
  const places: ReportPlaces = { projectRoot: project.projectRoot, cwd: io.cwd };
  const wouldBeDocument = documentTest(project);
  // Every target is checked before any is refused as a document: the order of the messages stays that of the checks.
  const reports = files.map((file) => ({ file: path.resolve(io.cwd, file), real: checkReportTarget(path.resolve(io.cwd, file), places) }));
  const folders = markdownFolders.map((name) => {
    const folder = path.resolve(io.cwd, name);
    return { folder, real: path.dirname(checkReportTarget(path.join(folder, 'index.json'), places)) };
  });
  for (const { file, real } of reports) {
    if (file.endsWith('.md') && wouldBeDocument(real)) throw new UsageError(`cannot write ${file}: a Markdown file in the content root is a document (write the report elsewhere, or list it in the config's ignore)`);
  }
  for (const { folder, real } of folders) {
    if (wouldBeDocument(path.join(real, 'reminder.md'))) throw new UsageError(`cannot write the reminders in ${folder}: Markdown files in the content root are documents (write them elsewhere, or list the folder in the config's ignore)`);
  }
  return places;
}

/** Whether a file at this real path would be a document of the corpus: in the content root, in no folder or glob discovery skips. */
function documentTest(project: Project): (real: string) => boolean {
  const root = contentRootOf(project);
  const contentPrefix = toProjectPath(project.projectRoot, project.contentRoot);
  const isExcluded = excludedBy(project.config.ignore, contentPrefix);
  return (real) => isInside(root.real, real) && !isExcluded(projectPathInRoot(contentPrefix, root, real));
}

/** Colour only on a TTY; NO_COLOR turns it off, FORCE_COLOR on (as chalk and most CLIs agree). */
export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** Collects a repeatable option's values as written, to be parsed once the command knows its choices. */
export function collectValues(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

interface OutputTarget<Format extends string> {
  format: Format;
  /** As written; resolved against the working directory by the command. */
  file: string;
}

/**
 * `-o [FORMAT:]FILE`, the same in every command: the FORMAT: prefix when given, else the format
 * the file's extension names, else a one-line usage error naming the choices. A prefix is two or
 * more letters, so `C:\report.json` is a Windows path, not a format.
 */
export function parseOutputs<Format extends string>(
  command: string,
  values: readonly string[],
  formats: readonly Format[],
  byExtension: Readonly<Record<string, Format>>,
): OutputTarget<Format>[] {
  const choices = `${command} formats: ${formats.join(', ')}; inferred from ${Object.keys(byExtension).join(' ')}`;
  return values.map((value) => {
    const prefixed = /^([A-Za-z][\w-]+):(.*)$/s.exec(value);
    if (prefixed) {
      const [, format, file] = prefixed as unknown as [string, string, string];
      if (!(formats as readonly string[]).includes(format)) throw new UsageError(`-o ${value}: no format "${format}" (${choices})`);
      if (file === '') throw new UsageError(`-o ${value}: no file name after "${format}:"`);
      return { format: format as Format, file };
    }
    const extension = path.extname(value).toLowerCase();
    const format = Object.hasOwn(byExtension, extension) ? byExtension[extension] : undefined;
    if (format === undefined) {
      const what = extension === '' ? 'of a file without an extension' : `from "${extension}"`;
      throw new UsageError(`-o ${value}: cannot infer the format ${what}; write FORMAT:FILE (${choices})`);
    }
    return { format, file: value };
  });
}

/**
 * The width a table must fit: COLUMNS when set (as ls and most CLIs honour it), else the
 * terminal's. Off a terminal there is none, so piped output is the same on every machine.
 */
export function outputWidth(stream: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv): number | undefined {
  if (env.COLUMNS !== undefined && /^[1-9]\d*$/.test(env.COLUMNS)) return Number(env.COLUMNS);
  return stream.isTTY === true && stream.columns !== undefined && stream.columns > 0 ? stream.columns : undefined;
}

/**
 * An option value written into frontmatter: one line of text. A line break (`x\n---\n…`) would
 * end the frontmatter early; the error does not echo the value, which may hold control characters.
 */
export function parseOneLine(option: string): (value: string) => string {
  return (value) => {
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value)) throw new UsageError(`${option}: one line of text, without line breaks or control characters`);
    return value;
  };
}
