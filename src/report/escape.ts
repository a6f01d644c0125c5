/**
 * Text from content (keys, titles, link targets, file names) is hostile: every formatter passes it
 * through escapeText at the point it prints it, so that nothing in it can drive a terminal, a CI log
 * or a reader's eye. The escape is visible and reads like a JavaScript string escape, so that the
 * name can be typed back (bash $'…'): \t \n \r for those three, \xHH for the other C0 and C1 controls
 * and DEL, \uHHHH for the line and paragraph separators and the bidirectional controls ("Trojan
 * Source"). Backslashes are kept as they are, so ordinary messages read unchanged.
 */

const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;
const UNSAFE_TEST = new RegExp(UNSAFE.source);
const SHORT_ESCAPES: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

const hex = (code: number, digits: number) => code.toString(16).toUpperCase().padStart(digits, '0');

function escapeCharacter(character: string): string {
  const short = SHORT_ESCAPES[character];
  if (short !== undefined) return short;
  const code = character.charCodeAt(0);
  return code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
}

/**
 * GitHub Actions runs a log line as a workflow command when it starts with "::" after blanks, or
 * holds "##[" anywhere (the runner's older syntax, matched ignoring invisible characters): such a
 * colon or bracket is escaped too (\x3A, \x5B).
 */
const COMMAND_START = /^(\s*):(?=:)/;
const LEGACY_COMMAND = /#(\p{Default_Ignorable_Code_Point}*)#(\p{Default_Ignorable_Code_Point}*)\[/gu;

/** One line of hostile text, made safe to print anywhere text is printed. */
export function escapeText(text: string): string {
  let escaped = UNSAFE_TEST.test(text) ? text.replace(UNSAFE, escapeCharacter) : text;
  if (COMMAND_START.test(escaped)) escaped = escaped.replace(COMMAND_START, '$1\\x3A');
  if (escaped.includes('#')) escaped = escaped.replace(LEGACY_COMMAND, '#$1#$2\\x5B');
  return escaped;
}

/** Text of several lines (an error with a cause, a rule's example): each line escaped, the line breaks kept. */
export function escapeLines(text: string): string {
  return text.split('\n').map(escapeText).join('\n');
}

/**
 * JSON output must parse to the exact values, but JSON.stringify leaves DEL, C1
 * controls, the separators and bidirectional controls raw (and "##[" as it is): they are written as
 * \uHHHH escapes, so a JSON report printed to a terminal or a CI log is inert too.
 */
// The bracket is matched before the look back, so that the look back runs at brackets only (linear).
const JSON_UNSAFE = /[\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]|\[(?<=#\p{Default_Ignorable_Code_Point}*#\p{Default_Ignorable_Code_Point}*\[)/gu;

export function escapeJsonText(json: string): string {
  return json.replace(JSON_UNSAFE, (character) => `\\u${hex(character.charCodeAt(0), 4)}`);
}

/**
 * Markdown text (a table cell or a list item, in a job summary or a pull-request comment): escaped
 * as text first, then every character Markdown, HTML or GitHub would act on is made literal:
 * backslash escapes for the punctuation (links, images, emphasis, raw HTML, entities, table pipes),
 * and a zero-width space after "@" so that a name is not a mention (as Dependabot writes them).
 */
export function markdownCell(text: string): string {
  return escapeText(text)
    .replace(/[\\`*_~[\]()!<>&|]/g, '\\$&')
    .replace(/@/g, '@&#8203;');
}

/**
 * A code span that shows the text literally: a fence of more backticks than the longest run inside,
 * padded with a space when the text starts or ends with a backtick or a space (CommonMark strips one
 * space from each side). Table pipes are escaped, which GFM honours inside code spans too.
 */
export function markdownCode(text: string): string {
  const inner = escapeText(text).replace(/\|/g, '\\|');
  let longest = 0;
  let run = 0;
  for (const character of inner) {
    run = character === '`' ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(inner) ? ' ' : '';
  return `${fence}${pad}${inner}${pad}${fence}`;
}
