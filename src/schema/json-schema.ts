/** JSON Schemas generated from the zod schemas, for editors (VS Code's yaml.schemas) and other tools. */
import { z } from 'zod';
import { configSchema } from './config.js';
import { documentObjectSchema, type DocumentSchema } from './document.js';

export function configJsonSchema(): unknown {
  return z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' });
}

export function metadataJsonSchema(schema: DocumentSchema): unknown {
  const conditions = Object.entries(schema.fields).flatMap(([name, spec]) => (spec.requiredWhen ? [requiredWhenJsonSchema(name, spec.requiredWhen)] : []));
  return {
    title: 'contentgov document metadata',
    ...z.toJSONSchema(documentObjectSchema(schema), { unrepresentable: 'any' }),
    ...(conditions.length > 0 ? { allOf: conditions } : {}),
  };
}

/** requiredWhen as JSON Schema's if/then: when every named field has a listed value, the field is required. */
function requiredWhenJsonSchema(name: string, requiredWhen: NonNullable<DocumentSchema['fields'][string]['requiredWhen']>): unknown {
  const properties = Object.fromEntries(Object.entries(requiredWhen).map(([field, expected]) => [field, { enum: Array.isArray(expected) ? expected : [expected] }]));
  return { if: { properties, required: Object.keys(requiredWhen) }, then: { required: [name] } };
}
