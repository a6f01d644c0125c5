/** JSON Schemas generated from the zod schemas, for editors (VS Code's yaml.schemas) and other tools. */
import { z } from 'zod';
import { configSchema } from './config.js';
import { documentObjectSchema, type DocumentSchema } from './document.js';

export function configJsonSchema(): unknown {
  return z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' });
}

export function metadataJsonSchema(schema: DocumentSchema): unknown {
  return { title: 'contentgov document metadata', ...z.toJSONSchema(documentObjectSchema(schema), { unrepresentable: 'any' }) };
}
