/** Every JSON report a test produces is checked against the published schema. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { fileURLToPath } from 'node:url';

const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile(JSON.parse(readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schemas/report.schema.json'), 'utf8')));

export function assertValidReport(report: unknown): void {
  if (!validate(report)) throw new Error(`the report does not match schemas/report.schema.json: ${ajv.errorsText(validate.errors)}`);
}
