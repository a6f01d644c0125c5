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

const DIRECTIVE = /<!--\s*contentgov-disable-(next-line|file)\b(.*?)-->/g;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function findSuppressionComments(body: string, firstLine: number): SuppressionComment[] {
  // Most documents have none: one substring search decides.
  if (!body.includes('contentgov-disable')) return [];
  const found: SuppressionComment[] = [];
  let fence: string | undefined;
  body.split('\n').forEach((line, index) => {
    const marker = FENCE.exec(line)?.[1];
    if (marker && (fence === undefined || marker.startsWith(fence))) {
      fence = fence === undefined ? marker[0]!.repeat(3) : undefined;
      return;
    }
    if (fence !== undefined) return;
    for (const match of line.matchAll(DIRECTIVE)) {
      const [head, reason] = splitOnce(match[2]!, '--');
      const until = /\buntil\s+(\d{4}-\d{2}-\d{2})\b/.exec(head)?.[1];
      const rules = head
        .replace(/\buntil\s+\S+/, '')
        .split(/[\s,]+/)
        .filter(Boolean);
      found.push({
        scope: match[1] as 'next-line' | 'file',
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

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + separator.length)];
}
