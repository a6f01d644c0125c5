/** The document schema in force: contentgov's fields, changed by the project's config. */
import { z } from 'zod';
import type { Config } from './config.js';
import { DEFAULT_FIELDS, FIELD_TYPES, describeExpected, fieldValidator, inapplicableSetting, plainlyValid, type FieldContext, type FieldSpec, type RequiredWhen } from './fields.js';
import { DEFAULT_FREQUENCIES, resolveFrequency } from '../review/duration.js';
import { ConfigError } from '../errors.js';
import { compileUserPattern, type UserPattern } from './pattern.js';

export interface DocumentSchema {
  fields: Readonly<Record<string, FieldSpec>>;
  /** The names of `fields`, in order: every document's checks walk them (an array walks faster than for…in over the fields). */
  fieldNames: readonly string[];
  validators: Readonly<Record<string, z.ZodType>>;
  /** Each field's pattern, compiled once with the schema (validation and fixes read it here). */
  patterns: Readonly<Record<string, UserPattern>>;
  context: FieldContext;
  allowUnknownFields: boolean;
}

export interface FieldProblem {
  field: string;
  message: string;
}


/** Field definitions as one place of the config writes them: `fields`, or `overrides[2].fields`. */
export interface FieldLayer {
  path: string;
  /** An override's layer: a setting without a type for a field this document does not have changes nothing. */
  override?: boolean;
  fields: Readonly<Record<string, FieldSetting | null>>;
}

type FieldSetting = NonNullable<Config['fields'][string]>;

/** A name without blanks: `owner: Ana Lopez` would be two owners, Ana and Lopez, each sent a reminder. */
const OWNER_FIELD: FieldSpec = { type: 'string-or-list', required: false, pattern: '^\\S+$', description: 'who must review the page: a name without spaces (a handle such as @ana-lopez, or a team), or a list of them (review.ownerField)' };

/**
 * The schema for the config's fields and, over them in order, the layers given (the fields of the
 * overrides that match a document). Null-prototype objects and hasOwn throughout, so that fields
 * named constructor or toString are fields like any other.
 */
export function buildDocumentSchema(config: Config, layers: readonly FieldLayer[] = [{ path: 'fields', fields: config.fields }]): DocumentSchema {
  const fields: Record<string, FieldSpec> = Object.assign(Object.create(null), config.defaultFields ? DEFAULT_FIELDS : {});
  // The field review.ownerField names is one the overdue report reads: known, unless the config removes it.
  if (config.defaultFields && !Object.hasOwn(fields, config.review.ownerField)) fields[config.review.ownerField] = OWNER_FIELD;
  for (const layer of layers) {
    for (const [name, setting] of Object.entries(layer.fields)) {
      if (setting === null) {
        delete fields[name];
        continue;
      }
      const base = Object.hasOwn(fields, name) ? fields[name] : undefined;
      if (!base && layer.override && setting.type === undefined) continue;
      fields[name] = mergeField(base, setting, `${layer.path}.${name}`);
    }
  }
  for (const [name, spec] of Object.entries(fields)) {
    for (const condition of Object.keys(spec.requiredWhen ?? {})) {
      if (Object.hasOwn(fields, condition)) continue;
      const suggestion = closestField(condition, Object.keys(fields));
      throw new ConfigError(`${fieldPath(layers, name)}.requiredWhen.${condition}: no such field${suggestion ? `; did you mean "${suggestion}"?` : ''}`);
    }
  }
  const context: FieldContext = { frequencies: { ...DEFAULT_FREQUENCIES, ...config.review.frequencies }, dateFormats: config.review.dateFormats };
  for (const [name, spec] of Object.entries(fields)) {
    // A duration field's values are the frequencies it allows: one that is none would make every page wrong.
    const unknown = spec.type === 'duration' ? spec.values?.find((value) => resolveFrequency(value, context.frequencies) === undefined) : undefined;
    if (unknown !== undefined) throw new ConfigError(`${fieldPath(layers, name)}.values: ${JSON.stringify(unknown)} is not a known frequency or a duration of at most 100 years`);
  }
  const validators: Record<string, z.ZodType> = Object.create(null);
  const patterns: Record<string, UserPattern> = Object.create(null);
  for (const [name, spec] of Object.entries(fields)) {
    if (spec.pattern !== undefined) patterns[name] = compileUserPattern(spec.pattern, `fields.${name}.pattern`);
    validators[name] = fieldValidator(spec, context, patterns[name]);
  }
  return { fields, fieldNames: Object.keys(fields), validators, patterns, context, allowUnknownFields: config.allowUnknownFields };
}

/** A new type replaces the field; otherwise the setting is merged over what is there. */
function mergeField(base: FieldSpec | undefined, setting: FieldSetting, path: string): FieldSpec {
  if (setting.required === true && setting.requiredWhen) throw new ConfigError(`${path}: "required": true and "requiredWhen" contradict; keep one`);
  const merged = base && (setting.type === undefined || setting.type === base.type) ? { ...base, ...setting } : { required: true, ...setting };
  // requiredWhen makes the field conditional; an explicit "required" drops an inherited condition.
  if (setting.requiredWhen) merged.required = false;
  else if (setting.required !== undefined) delete merged.requiredWhen;
  if (merged.type === undefined) throw new ConfigError(`${path}.type: a new field needs a type (${FIELD_TYPES.join(', ')})`);
  if (merged.type === 'enum' && !merged.values) throw new ConfigError(`${path}.values: an enum field needs its values`);
  const inapplicable = inapplicableSetting(merged as FieldSpec, path);
  if (inapplicable) throw new ConfigError(inapplicable);
  return merged as FieldSpec;
}

/** The config path of the layer that last set a field, for an error about it. */
function fieldPath(layers: readonly FieldLayer[], name: string): string {
  const layer = [...layers].reverse().find((candidate) => Object.hasOwn(candidate.fields, name));
  return `${layer?.path ?? 'fields'}.${name}`;
}

/** One problem per bad field, in the schema's field order. */
export function validateMetadata(schema: DocumentSchema, data: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of schema.fieldNames) {
    const spec = schema.fields[field]!;
    const value = Object.hasOwn(data, field) ? data[field] : undefined;
    if (value === undefined || value === null) {
      const condition = spec.requiredWhen && conditionText(spec.requiredWhen, data);
      if (spec.required || condition) {
        const problem = value === null ? `required field "${field}" is empty` : `required field "${field}" is missing`;
        problems.push({ field, message: condition ? `${problem} (required when ${condition})` : problem });
      }
      continue;
    }
    const message = plainlyValid(spec, value) ? undefined : fieldMessage(schema, field, spec, value);
    if (message !== undefined) problems.push({ field, message });
  }
  return problems;
}

/**
 * A field's value's problem, or undefined. Validators are pure functions of the value (the
 * schema's context is fixed when it is built), and a corpus repeats most values (status,
 * language, tags…): a value's answer is kept per schema and field, up to a bound per field.
 */
function fieldMessage(schema: DocumentSchema, field: string, spec: FieldSpec, value: unknown): string | undefined {
  const known = answersFor(schema, field, value);
  if (!known) return checkField(schema, field, spec, value);
  const { answers, key } = known;
  const answer = answers.get(key);
  if (answer !== undefined) return answer ?? undefined;
  const message = checkField(schema, field, spec, value);
  if (answers.size < ANSWERS_PER_FIELD) answers.set(key, message ?? null);
  return message;
}

interface FieldAnswers {
  /** By the value itself: a string, number or boolean (a Map tells "1" from 1). */
  scalars: Map<unknown, string | null>;
  /** A list of strings, by its JSON text. */
  lists: Map<unknown, string | null>;
}

/** Each schema's known answers, by field; null: the value is valid. */
const knownAnswers = new WeakMap<DocumentSchema, Map<string, FieldAnswers>>();
/** Unique values (titles, urls) fill a field's answers up to here, and are then checked each time. */
const ANSWERS_PER_FIELD = 4096;

/** Where a value's answer is kept, and under which key; undefined for a value that is not kept (a date, an object, a mixed list). */
function answersFor(schema: DocumentSchema, field: string, value: unknown): { answers: Map<unknown, string | null>; key: unknown } | undefined {
  const scalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
  if (!scalar && !(Array.isArray(value) && value.every((item) => typeof item === 'string'))) return undefined;
  let byField = knownAnswers.get(schema);
  if (!byField) knownAnswers.set(schema, (byField = new Map()));
  let answers = byField.get(field);
  if (!answers) byField.set(field, (answers = { scalars: new Map(), lists: new Map() }));
  return scalar ? { answers: answers.scalars, key: value } : { answers: answers.lists, key: JSON.stringify(value) };
}

function checkField(schema: DocumentSchema, field: string, spec: FieldSpec, value: unknown): string | undefined {
  const result = schema.validators[field]!.safeParse(value);
  if (result.success) return undefined;
  const expected = describeExpected(spec, schema.context);
  const itemIndex = failingItem(result.error.issues);
  const got =
    typeof itemIndex === 'number' && Array.isArray(value)
      ? `item ${itemIndex + 1} is ${showValue(value[itemIndex])}`
      : `got ${showValue(value)}`;
  return `"${field}" must be ${expected}; ${got}`;
}

/** The index of the first bad list item, also inside a union (string-or-list). */
function failingItem(issues: readonly z.core.$ZodIssue[]): number | undefined {
  for (const issue of issues) {
    if (typeof issue.path[0] === 'number') return issue.path[0];
    if (issue.code !== 'invalid_union') continue;
    for (const branch of issue.errors) {
      const found = failingItem(branch);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** "status is active", when every condition holds for the document; else undefined. */
function conditionText(requiredWhen: RequiredWhen, data: Record<string, unknown>): string | undefined {
  const parts: string[] = [];
  for (const [field, expected] of Object.entries(requiredWhen)) {
    const value = Object.hasOwn(data, field) ? data[field] : undefined;
    const allowed = Array.isArray(expected) ? expected : [expected];
    if (!allowed.some((candidate) => candidate === value)) return undefined;
    parts.push(`${field} is ${showValue(value)}`);
  }
  return parts.join(' and ');
}

export function showValue(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value) && value.length === 0) return 'an empty list';
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/** Names longer than this get no "did you mean": a suggestion costs time in proportion to length × distance. */
const SUGGESTION_MAX_LENGTH = 256;

/**
 * The closest known field name, for "did you mean": the first of the nearest within a quarter of
 * its length (at least 1) in case-insensitive edit distance. Exact, and linear in the input: a
 * candidate whose length alone puts it out of reach is skipped, and the distance is only computed
 * up to the most that could still win.
 */
export function closestField(unknownField: string, knownFields: readonly string[]): string | undefined {
  if (unknownField.length > SUGGESTION_MAX_LENGTH) return undefined;
  const lower = unknownField.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const known of knownFields) {
    // Only a distance below the best so far can win, and none above the candidate's own allowance.
    const limit = Math.min(Math.max(1, Math.floor(known.length / 4)), best ? best.distance - 1 : Infinity);
    if (limit < 0) break;
    const distance = editDistanceWithin(lower, known.toLowerCase(), limit);
    if (distance !== undefined) best = { name: known, distance };
  }
  return best?.name;
}

/**
 * The edit distance of `a` and `b` when it is at most `limit`, else undefined. Only the diagonal
 * band |i - j| <= limit can hold such a path, and the rows stop once the whole band is over it.
 */
export function editDistanceWithin(a: string, b: string, limit: number): number | undefined {
  if (Math.abs(a.length - b.length) > limit) return undefined;
  if (a === b) return 0;
  const over = limit + 1;
  let previous = new Array<number>(b.length + 1).fill(over);
  let current = new Array<number>(b.length + 1).fill(over);
  for (let j = 0; j <= Math.min(b.length, limit); j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const low = Math.max(1, i - limit);
    const high = Math.min(b.length, i + limit);
    // The cells either side of the band read as out of reach (the arrays are reused from row to row).
    current[low - 1] = low === 1 && i <= limit ? i : over;
    if (high < b.length) current[high + 1] = over;
    let rowBest = current[low - 1]!;
    for (let j = low; j <= high; j++) {
      const cell = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1), over);
      current[j] = cell;
      if (cell < rowBest) rowBest = cell;
    }
    if (rowBest > limit) return undefined;
    [previous, current] = [current, previous];
  }
  const distance = previous[b.length]!;
  return distance <= limit ? distance : undefined;
}

/** The metadata schema as a zod object, for JSON Schema export. */
export function documentObjectSchema(schema: DocumentSchema): z.ZodObject {
  const shape = Object.fromEntries(
    Object.entries(schema.validators).map(([name, validator]) => {
      const spec = schema.fields[name]!;
      const described = validator.describe(spec.description ?? describeExpected(spec, schema.context));
      return [name, spec.required ? described : described.optional()];
    }),
  );
  return schema.allowUnknownFields ? z.looseObject(shape) : z.strictObject(shape);
}
