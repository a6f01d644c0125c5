/** The document schema in force: contentgov's fields, changed by the project's config. */
import { z } from 'zod';
import type { Config } from './config.js';
import { DEFAULT_FIELDS, FIELD_TYPES, describeExpected, fieldValidator, type FieldContext, type FieldSpec } from './fields.js';
import { DEFAULT_FREQUENCIES } from '../review/duration.js';
import { ConfigError } from '../errors.js';

export interface DocumentSchema {
  fields: Readonly<Record<string, FieldSpec>>;
  validators: Readonly<Record<string, z.ZodType>>;
  context: FieldContext;
  allowUnknownFields: boolean;
}

export interface FieldProblem {
  field: string;
  message: string;
}


export function buildDocumentSchema(config: Config): DocumentSchema {
  const fields: Record<string, FieldSpec> = config.defaultFields ? { ...DEFAULT_FIELDS } : {};
  for (const [name, override] of Object.entries(config.fields)) {
    if (override === null) {
      delete fields[name];
      continue;
    }
    const base = fields[name];
    // A new type replaces the field; otherwise the override is merged over what is there.
    const merged = base && (override.type === undefined || override.type === base.type) ? { ...base, ...override } : { required: true, ...override };
    if (merged.type === undefined) throw new ConfigError(`fields.${name}.type: a new field needs a type (${FIELD_TYPES.join(', ')})`);
    if (merged.type === 'enum' && !merged.values) throw new ConfigError(`fields.${name}.values: an enum field needs its values`);
    fields[name] = merged as FieldSpec;
  }
  const context: FieldContext = { frequencies: { ...DEFAULT_FREQUENCIES, ...config.review.frequencies }, dateFormats: config.review.dateFormats };
  const validators = Object.fromEntries(Object.entries(fields).map(([name, spec]) => [name, fieldValidator(spec, context)]));
  return { fields, validators, context, allowUnknownFields: config.allowUnknownFields };
}

/** One problem per bad field, in the schema's field order. */
export function validateMetadata(schema: DocumentSchema, data: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [field, spec] of Object.entries(schema.fields)) {
    const value = Object.hasOwn(data, field) ? data[field] : undefined;
    if (value === undefined || value === null) {
      if (spec.required) problems.push({ field, message: value === null ? `required field "${field}" is empty` : `required field "${field}" is missing` });
      continue;
    }
    const result = schema.validators[field]!.safeParse(value);
    if (result.success) continue;
    const expected = describeExpected(spec, schema.context);
    const itemIndex = result.error.issues[0]?.path[0];
    const got =
      typeof itemIndex === 'number' && Array.isArray(value)
        ? `item ${itemIndex + 1} is ${showValue(value[itemIndex])}`
        : `got ${showValue(value)}`;
    problems.push({ field, message: `"${field}" must be ${expected}; ${got}` });
  }
  return problems;
}

export function showValue(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value) && value.length === 0) return 'an empty list';
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/** The closest known field name, for "did you mean". */
export function closestField(unknownField: string, knownFields: readonly string[]): string | undefined {
  const lower = unknownField.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const known of knownFields) {
    const distance = known.toLowerCase() === lower ? 0 : editDistance(lower, known.toLowerCase());
    if (distance <= Math.max(1, Math.floor(known.length / 4)) && (!best || distance < best.distance)) best = { name: known, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
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
