/**
 * The document schema is declared as data (one FieldSpec per field) so that a project's config can
 * change an enum, make a field optional or describe a corpus whose fields are not ours; the zod
 * schema is built from that data.
 */
import { z } from 'zod';
import { parseCalendarDate, parseDateIn } from '../review/dates.js';
import { resolveFrequency } from '../review/duration.js';
import type { UserPattern } from './pattern.js';

export const FIELD_TYPES = ['string', 'url', 'date', 'enum', 'list', 'string-or-list', 'boolean', 'number', 'duration'] as const;
type FieldType = (typeof FIELD_TYPES)[number];

export interface FieldSpec {
  type: FieldType;
  required: boolean;
  /** Required only when each named field has the value given (or one of the values listed). */
  requiredWhen?: RequiredWhen;
  /** For string and list items: a regular expression (RE2 syntax) the value must match. */
  pattern?: string;
  /** For enum, string and list items: the allowed values. */
  values?: string[];
  /** What a valid value looks like, in words, for messages and the JSON Schema. */
  description?: string;
}

const KEBAB_CASE = '^[a-z0-9]+(?:-[a-z0-9]+)*$';

export const DEFAULT_FIELDS: Readonly<Record<string, FieldSpec>> = {
  title: { type: 'string', required: true, description: 'the page title' },
  url: { type: 'url', required: true, description: "the page's canonical http(s) address" },
  source: { type: 'string', required: true, description: 'the publisher, such as NCI' },
  citation: { type: 'string', required: true, description: 'how to cite the page, such as "NCI, 2025"' },
  sourceType: { type: 'string', required: true, pattern: '^\\d{2}_[a-z0-9_]+$', description: 'two digits, an underscore and snake_case, such as 02_nci_core' },
  license: { type: 'string', required: true, pattern: '^[a-z0-9]+(?:_[a-z0-9]+)*$', description: 'a snake_case licence name, such as public_domain' },
  language: { type: 'string', required: true, pattern: '^[a-z]{2}(?:-[A-Z]{2})?$', description: 'an ISO 639-1 code with an optional region, such as en, es or pt-BR' },
  audienceLevel: { type: 'enum', required: true, values: ['patient', 'caregiver', 'health_professional', 'researcher', 'general'] },
  cancerTypes: { type: 'list', required: true, pattern: KEBAB_CASE, description: 'a non-empty list of lowercase kebab-case values (a-z, 0-9 and hyphens; no spaces or accents)' },
  tags: { type: 'list', required: true, pattern: KEBAB_CASE, description: 'a non-empty list of lowercase kebab-case values (a-z, 0-9 and hyphens; no spaces or accents)' },
  lastReviewed: { type: 'date', required: true, description: 'the day of the last review' },
  reviewFrequency: { type: 'duration', required: true, description: 'how often the page is reviewed' },
  status: { type: 'enum', required: true, values: ['active', 'draft', 'archived', 'retired'] },
  version: { type: 'string', required: true, pattern: '^v\\d+(?:\\.\\d+)*$', description: 'v followed by numbers, such as v1 or v2.1' },
  // Set by `contentgov review --by`.
  reviewedBy: { type: 'string', required: false, description: 'who reviewed the page last' },
};

/** Context a field type may need, e.g. the named review frequencies. */
export interface FieldContext {
  frequencies: Readonly<Record<string, string>>;
  /** review.dateFormats: the patterns every date field may be written in, besides YYYY-MM-DD. */
  dateFormats: readonly string[];
}

type ConditionValue = string | number | boolean;
export type RequiredWhen = Record<string, ConditionValue | ConditionValue[]>;

const NON_BLANK = /\S/;
const HTTP_PREFIX = /^https?:\/\//;

/** `pattern` is spec.pattern, compiled (once, by buildDocumentSchema). */
export function fieldValidator(spec: FieldSpec, context: FieldContext, pattern: UserPattern | undefined): z.ZodType {
  // Patterns and enums as zod checks (not refinements) so that the JSON Schema carries them.
  const text = (): z.ZodType<string> => {
    if (spec.values) return z.enum(spec.values as [string, ...string[]]);
    const nonBlank = z.string().regex(NON_BLANK);
    return pattern ? nonBlank.refine((value) => pattern.test(value)).meta({ pattern: pattern.pattern() }) : nonBlank;
  };
  switch (spec.type) {
    case 'string':
      return text();
    case 'url': {
      const url = z.string().regex(HTTP_PREFIX).refine(isHttpUrl);
      return pattern ? url.refine((value) => pattern.test(value)).meta({ pattern: pattern.pattern() }) : url;
    }
    case 'date':
      if (context.dateFormats.length > 0) return z.union([z.string(), z.number(), z.date()]).refine((value) => parseDateIn(value, context.dateFormats) !== undefined);
      return z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.date()]).refine((value) => parseCalendarDate(value) !== undefined);
    case 'enum':
      return z.enum((spec.values ?? []) as [string, ...string[]]);
    case 'list':
      return z.array(text()).min(1);
    case 'string-or-list':
      return z.union([text(), z.array(text()).min(1)]);
    case 'boolean':
      return z.boolean();
    case 'number':
      return z.number().refine(Number.isFinite);
    case 'duration':
      return (spec.values ? z.enum(spec.values as [string, ...string[]]) : z.string()).refine((value) => resolveFrequency(value, context.frequencies) !== undefined);
  }
}

/**
 * Whether fieldValidator's validator accepts the value, told without zod for a plain text field
 * and a url (every page's title and url differ: neither is answered from the answers kept by
 * value), exactly as those validators test; false means only that zod must tell, and say why.
 */
export function plainlyValid(spec: FieldSpec, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (spec.type === 'url') return spec.pattern === undefined && HTTP_PREFIX.test(value) && isHttpUrl(value);
  return spec.type === 'string' && spec.values === undefined && spec.pattern === undefined && NON_BLANK.test(value);
}

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol, hostname } = new URL(value);
  return (protocol === 'https:' || protocol === 'http:') && hostname.length > 0;
}

/** "what a valid value looks like", for messages. */
export function describeExpected(spec: FieldSpec, context: FieldContext): string {
  switch (spec.type) {
    case 'enum':
      return `one of ${spec.values?.join(', ')}`;
    case 'date':
      return `a real calendar date written ${['YYYY-MM-DD', ...context.dateFormats].join(' or ')}`;
    case 'url':
      return `an absolute http(s) URL${patternWords(spec)}`;
    case 'boolean':
      return 'true or false';
    case 'number':
      return 'a number';
    case 'duration':
      if (spec.values) return `one of ${spec.values.join(', ')}`;
      return `one of ${Object.keys(context.frequencies).join(', ')}, or a duration of at most 100 years such as P90D or 6 months`;
    case 'list':
      return spec.values ? `a non-empty list of values from: ${spec.values.join(', ')}` : (spec.description ?? `a non-empty list${patternWords(spec)}`);
    case 'string-or-list':
      if (spec.values) return `one of ${spec.values.join(', ')}, or a non-empty list of them`;
      return spec.description ?? `text or a non-empty list of text${patternWords(spec)}`;
    case 'string':
      if (spec.values) return `one of ${spec.values.join(', ')}`;
      return spec.pattern ? (spec.description ?? `text${patternWords(spec)}`) : `non-empty text`;
  }
}

function patternWords(spec: FieldSpec): string {
  return spec.pattern ? ` matching /${spec.pattern}/` : '';
}

/** The types a field's `pattern` and `values` apply to: on any other, a setting that would silently do nothing is refused. */
const PATTERN_TYPES: ReadonlySet<FieldType> = new Set(['string', 'url', 'list', 'string-or-list']);
const VALUES_TYPES: ReadonlySet<FieldType> = new Set(['string', 'enum', 'list', 'string-or-list', 'duration']);

/** Why a field's `pattern` or `values` cannot apply to its type (`path`: the field's place in the config), or undefined. */
export function inapplicableSetting(spec: FieldSpec, path: string): string | undefined {
  if (spec.pattern !== undefined && !PATTERN_TYPES.has(spec.type)) return `${path}.pattern: a pattern applies to ${[...PATTERN_TYPES].join(', ')} fields, not to a ${spec.type} field`;
  if (spec.values !== undefined && !VALUES_TYPES.has(spec.type)) return `${path}.values: values apply to ${[...VALUES_TYPES].join(', ')} fields, not to a ${spec.type} field`;
  return undefined;
}
