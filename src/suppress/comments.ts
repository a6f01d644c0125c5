/**
 * Suppression comments in a document body:
 *   <!-- contentgov-disable-next-line RULE[, RULE…] [until YYYY-MM-DD] -- reason -->
 *   <!-- contentgov-disable-file RULE[, RULE…] [until YYYY-MM-DD] -- reason -->
 * A reason is required; an `until` day makes the suppression expire.
 */

export interface SuppressionComment {
  scope: 'next-line' | 'file';
  rules: string[];
  reason?: string;
  until?: string;
  line: number;
  column: number;
}

const DIRECTIVE_START = /<!--\s*contentgov-disable-(next-line|file)\b/g;
const LINE_TERMINATOR = /[\r\u2028\u2029]/g;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** What nearly every document has: one list for them all, frozen, not one kept per document. */
const NONE: SuppressionComment[] = Object.freeze([]) as unknown as SuppressionComment[];

export function findSuppressionComments(body: string, firstLine: number): SuppressionComment[] {
  // Most documents have none: a substring search decides, for the commentless first by the shorter
  // (and four times faster) search for a comment's opening.
  if (!body.includes('<!--') || !body.includes('contentgov-disable')) return NONE;
  const found: SuppressionComment[] = [];
  let fence: string | undefined;
  body.split('\n').forEach((line, index) => {
    const marker = FENCE.exec(line)?.[1];
    if (marker && (fence === undefined || marker.startsWith(fence))) {
      fence = fence === undefined ? marker[0]!.repeat(3) : undefined;
      return;
    }
    if (fence !== undefined) return;
    for (const match of directives(line)) {
      const [head, reason] = splitOnce(match.text, '--');
      const until = /\buntil\s+(\d{4}-\d{2}-\d{2})\b/.exec(head)?.[1];
      const rules = head
        .replace(/\buntil\s+\S+/, '')
        .split(/[\s,]+/)
        .filter(Boolean);
      found.push({
        scope: match.scope,
        rules,
        ...(reason?.trim() ? { reason: reason.trim() } : {}),
        ...(until ? { until } : {}),
        line: firstLine + index,
        column: match.index + 1,
      });
    }
  });
  return found;
}

/**
 * What /<!--\s*contentgov-disable-(next-line|file)\b(.*?)-->/g matched, in one pass: that
 * expression searched from each unclosed directive to the end of the line, quadratic on a line of
 * them. The search for `-->` only moves forward; the text may hold no line terminator (`.`).
 */
function* directives(line: string): Generator<{ scope: 'next-line' | 'file'; text: string; index: number }> {
  const terminators = Array.from(line.matchAll(LINE_TERMINATOR), (match) => match.index);
  let nextTerminator = 0;
  let close = -1;
  DIRECTIVE_START.lastIndex = 0;
  for (let start = DIRECTIVE_START.exec(line); start; start = DIRECTIVE_START.exec(line)) {
    const from = DIRECTIVE_START.lastIndex;
    if (close < from) close = line.indexOf('-->', from);
    if (close === -1) return;
    while (nextTerminator < terminators.length && terminators[nextTerminator]! < from) nextTerminator++;
    if (terminators[nextTerminator] !== undefined && terminators[nextTerminator]! < close) continue;
    yield { scope: start[1] as 'next-line' | 'file', text: line.slice(from, close), index: start.index };
    DIRECTIVE_START.lastIndex = close + 3;
  }
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + separator.length)];
}
