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

/** Wildcards a glob may put in one path segment (a whole-segment `**` aside). */
export const GLOB_STARS_PER_SEGMENT = 2;

/**
 * Why a config glob is refused, or undefined. Globs run on picomatch's backtracking expressions
 * (which need lookaround, so RE2 cannot run them): each `*` in a segment multiplies the time a
 * hostile file name can take, `*-*-*-*-*-*-draft.md` took 79 s on three files, and the extglob
 * repeaters `*(…)`/`+(…)` nest into exponential ones. Two stars keep a 255-character name in
 * microseconds.
 */
export function globProblem(glob: string): string | undefined {
  if (/[*+]\(/.test(glob)) return `${JSON.stringify(glob)} uses an extglob repeater (*(…) or +(…)), which can take exponential time; use * or {a,b}`;
  for (const segment of glob.split('/')) {
    if (segment === '**') continue;
    const stars = segment.split('*').length - 1 + (segment.split('!(').length - 1);
    if (stars > GLOB_STARS_PER_SEGMENT) {
      return `${JSON.stringify(glob)} has ${stars} wildcards in the path segment ${JSON.stringify(segment)}; at most ${GLOB_STARS_PER_SEGMENT} are allowed, as each more multiplies the time a file name can take to match`;
    }
  }
  return undefined;
}
