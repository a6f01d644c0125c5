import { closestField } from '../schema/document.js';
import type { Rule } from './rule.js';

export const metadataUnknownField: Rule = {
  id: 'metadata-unknown-field',
  defaultSeverity: 'warning',
  docs: {
    summary: 'Every metadata field is one the schema knows (set allowUnknownFields or declare it under fields).',
    rationale: 'An unknown field is most often a typo of a known one, which then reads as missing.',
    fix: 'Rename it to the field suggested, or declare it under "fields" in contentgov.config.json.',
    example: '---\nlastreviewed: 2025-12-30\n---',
  },
  check(document, { schema }) {
    const frontmatter = document.frontmatter;
    if (frontmatter?.kind !== 'ok' || schema.allowUnknownFields) return [];
    return Object.keys(frontmatter.data)
      .filter((field) => !Object.hasOwn(schema.fields, field))
      .map((field) => {
        const suggestion = closestField(field, schema.fieldNames);
        const hint = suggestion ? `; did you mean "${suggestion}"?` : '';
        return { ...(frontmatter.keyPositions[field] ?? frontmatter.open), message: `unknown field "${field}"${hint}`, field };
      });
  },
};
