/**
 * lint --fix: safe rewrites only, as data (a range and its replacement), applied by the engine.
 * The review date is normalised to YYYY-MM-DD from an unambiguous form; list values of
 * lowercase kebab-case fields are lowercased, hyphenated and de-duplicated; quoted values lose
 * trailing white space. Everything else in the file stays byte for byte as it was.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, type Node, type Pair } from 'yaml';
import type { Config } from '../schema/config.js';
import type { DocumentSchema } from '../schema/document.js';
import { parseCalendarDate, parseDateIn } from '../review/dates.js';
import { scalarEdit, splitForEditing } from './frontmatter-edit.js';
import { NON_STRING_PLAIN } from '../corpus/simple-yaml.js';
import { withinFrontmatterLimits } from '../corpus/frontmatter.js';

export interface Fix {
  /** Offsets in the whole file text. */
  start: number;
  end: number;
  replacement: string;
  field: string;
  line: number;
  description: string;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** YYYY-MM-DD from a form nobody can read two ways; undefined for 12/30/2025 and the like. */
export function normaliseDate(text: string): string | undefined {
  const trimmed = text.trim();
  let parts: [string, string, string] | undefined;
  const numeric = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(trimmed);
  if (numeric) parts = [numeric[1]!, numeric[2]!, numeric[3]!];
  const monthFirst = /^([A-Za-z]+)\.? (\d{1,2}),? (\d{4})$/.exec(trimmed);
  const dayFirst = /^(\d{1,2}) ([A-Za-z]+)\.?,? (\d{4})$/.exec(trimmed);
  const named = monthFirst ? { month: monthFirst[1]!, day: monthFirst[2]!, year: monthFirst[3]! } : dayFirst ? { month: dayFirst[2]!, day: dayFirst[1]!, year: dayFirst[3]! } : undefined;
  if (named) {
    const index = MONTHS.findIndex((month) => month.startsWith(named.month.toLowerCase()) && named.month.length >= 3);
    if (index !== -1) parts = [named.year, String(index + 1), named.day];
  }
  if (!parts) return undefined;
  const candidate = `${parts[0]}-${parts[1].padStart(2, '0')}-${parts[2].padStart(2, '0')}`;
  return parseCalendarDate(candidate);
}

function kebab(value: string): string {
  return value.trim().toLowerCase().replace(/[\s_]+/g, '-');
}

export function computeFixes(text: string, config: Config, schema: DocumentSchema): Fix[] {
  const parts = splitForEditing(text);
  // A block over the limits is a finding, and parsing it to fix it would take as long as it was meant to prevent.
  if (!parts || !withinFrontmatterLimits(parts.yaml, config.limits)) return [];
  const base = parts.prefix.length;
  const lineCounter = new LineCounter();
  const document = parseDocument(parts.yaml, { lineCounter, keepSourceTokens: true, version: '1.2', schema: 'core', uniqueKeys: true });
  if (document.errors.length > 0 || !isMap(document.contents)) return [];
  const fixes: Fix[] = [];
  // Line numbers in the whole file: the YAML starts on line 2.
  const lineOf = (offset: number) => lineCounter.linePos(offset).line + 1;
  const replace = (node: Node, replacement: string, field: string, description: string) => {
    const [start, end] = node.range!;
    fixes.push({ start: base + start, end: base + end, replacement, field, line: lineOf(start), description });
  };
  const replaceScalar = (scalar: Scalar, value: string, field: string, description: string) => {
    const edit = scalarEdit(parts.yaml, scalar, value);
    fixes.push({ start: base + edit.start, end: base + edit.end, replacement: edit.replacement, field, line: lineOf(edit.start), description });
  };

  for (const item of document.contents.items) {
    const pair = item as Pair;
    if (!isScalar(pair.key)) continue;
    const field = String(pair.key.value);
    const value = pair.value;
    if (isScalar(value) && typeof value.value === 'string' && value.range) {
      // A date in one of the team's review.dateFormats is valid as written.
      if (field === config.review.dateField && parseDateIn(value.value, config.review.dateFormats) === undefined) {
        const normalised = normaliseDate(value.value);
        if (normalised) replaceScalar(value, normalised, field, `${field} "${value.value}" → ${normalised}`);
        continue;
      }
      if ((value.type === Scalar.QUOTE_SINGLE || value.type === Scalar.QUOTE_DOUBLE) && value.value !== value.value.trimEnd()) {
        replaceScalar(value, value.value.trimEnd(), field, `${field}: trailing white space removed`);
      }
      continue;
    }
    const spec = schema.fields[field];
    if (!isSeq(value) || spec?.type !== 'list' || !spec.pattern?.startsWith('^[a-z0-9]')) continue;
    const items = value.items.filter(isScalar);
    if (items.length !== value.items.length || items.some((scalar) => typeof scalar.value !== 'string' || !scalar.range)) continue;
    const wanted = items.map((scalar) => kebab(scalar.value as string));
    // Only a rewrite that makes every value valid is safe to make unasked.
    const pattern = schema.patterns[field]!;
    if (!wanted.every((entry) => pattern.test(entry))) continue;
    const unique = [...new Set(wanted)];
    if (unique.length === items.length && wanted.every((entry, index) => entry === items[index]!.value)) continue;
    const changes = describeListChange(items.map((scalar) => scalar.value as string), unique);
    if (value.flow) {
      // Plain in a flow list, unless YAML would read the value as a number, boolean or null.
      replace(value, `[${unique.map((entry) => (NON_STRING_PLAIN.test(entry) ? `'${entry}'` : entry)).join(', ')}]`, field, `${field}: ${changes}`);
      continue;
    }
    // Block list: rewrite each item in place; remove the lines of duplicates.
    const seen = new Set<string>();
    items.forEach((scalar, index) => {
      const entry = wanted[index]!;
      if (seen.has(entry)) {
        const [start] = scalar.range!;
        const lineStart = parts.yaml.lastIndexOf('\n', start) + 1;
        const lineEnd = parts.yaml.indexOf('\n', start);
        fixes.push({ start: base + lineStart, end: base + (lineEnd === -1 ? parts.yaml.length : lineEnd + 1), replacement: '', field, line: lineOf(start), description: `${field}: duplicate "${scalar.value}" removed` });
        return;
      }
      seen.add(entry);
      if (entry !== scalar.value) replaceScalar(scalar, entry, field, `${field}: "${scalar.value}" → "${entry}"`);
    });
  }
  return fixes;
}

function describeListChange(before: string[], after: string[]): string {
  return `[${before.join(', ')}] → [${after.join(', ')}]`;
}

/** Applies non-overlapping fixes, last first, so earlier offsets stay valid. */
export function applyFixes(text: string, fixes: readonly Fix[]): string {
  let result = text;
  for (const fix of [...fixes].sort((a, b) => b.start - a.start)) result = result.slice(0, fix.start) + fix.replacement + result.slice(fix.end);
  return result;
}
