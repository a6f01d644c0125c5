/** Option parsing shared by the commands: nothing here decides anything about documents. */
import { InvalidArgumentError, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { parseCalendarDate, todayUtc } from '../review/dates.js';
import type { SeveritySetting } from '../report/types.js';

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
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

export function collectRule(value: string, previous: Record<string, SeveritySetting> = {}): Record<string, SeveritySetting> {
  const match = /^([a-z0-9-]+)=(off|warning|error)$/.exec(value);
  if (!match) throw new InvalidArgumentError('expected RULE=off|warning|error.');
  return { ...previous, [match[1]!]: match[2] as SeveritySetting };
}

export function addAsOfOption(command: Command): Command {
  return command.option('--as-of <date>', 'judge time as of this day, YYYY-MM-DD (default: today, UTC)', parseDateOption);
}

/** The as-of day, and the report's timestamp: fixed by --as-of or SOURCE_DATE_EPOCH so a report is reproducible. */
export function resolveClock(asOfOption: string | undefined, env: NodeJS.ProcessEnv): { asOf: string; generatedAt: string } {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) {
    const fixed = new Date(Number(epoch) * 1000);
    return { asOf: asOfOption ?? todayUtc(fixed), generatedAt: fixed.toISOString() };
  }
  if (asOfOption) return { asOf: asOfOption, generatedAt: `${asOfOption}T00:00:00.000Z` };
  const now = new Date();
  return { asOf: todayUtc(now), generatedAt: now.toISOString() };
}

/** Colour only on a TTY; NO_COLOR turns it off, FORCE_COLOR on (as chalk and most CLIs agree). */
export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
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
