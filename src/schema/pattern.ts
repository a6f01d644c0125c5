/**
 * Regular expressions from the config (field patterns, links.exclude, links.remap) run on content
 * from pull requests, so they are compiled with RE2 (re2js): matching is linear in the input for
 * every pattern, where a backtracking engine takes exponential time on `^(a+)+$`. RE2 has no
 * lookaround and no backreferences; a pattern that needs them is a config error, not a slow run.
 */
import { RE2JS } from 're2js';
import { ConfigError } from '../errors.js';

export type UserPattern = RE2JS;

function compile(source: string): UserPattern | string {
  try {
    return RE2JS.compile(source);
  } catch (error) {
    const reason = (error as Error).message.replace(/^error parsing regexp: /i, '');
    return `is not a regular expression contentgov can run (${reason}); patterns use RE2 syntax, without lookaround or backreferences`;
  }
}

/** Why RE2 refuses the pattern, or undefined when it compiles. */
export function patternProblem(source: string): string | undefined {
  const compiled = compile(source);
  return typeof compiled === 'string' ? compiled : undefined;
}

/** Compiles a pattern of the config; `configPath` (fields.owner.pattern) names it in the error. */
export function compileUserPattern(source: string, configPath: string): UserPattern {
  const compiled = compile(source);
  if (typeof compiled === 'string') throw new ConfigError(`${configPath}: ${compiled}`);
  return compiled;
}
