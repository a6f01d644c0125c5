/**
 * Per-path overrides: the config and schema in force for one document. Each distinct set of
 * matching overrides is built once, so a large corpus builds a handful of schemas, not one per page.
 */
import type { Config, Override } from '../schema/config.js';
import { buildDocumentSchema, type DocumentSchema, type FieldLayer } from '../schema/document.js';
import { FIELD_TYPES } from '../schema/fields.js';
import { ConfigError } from '../errors.js';
import { globEntries } from '../corpus/glob-index.js';

export interface DocumentSettings {
  /** The config with the matching overrides' rules and review settings applied (fields: see schema). */
  config: Config;
  schema: DocumentSchema;
}

/** The config with the given overrides' rules and review settings applied over it, in order. */
export function applyOverrides(config: Config, overrides: readonly Override[]): Config {
  let { rules, review } = config;
  for (const override of overrides) {
    rules = { ...rules, ...override.rules };
    const frequencies = { ...review.frequencies, ...override.review?.frequencies };
    review = { ...review, ...override.review, frequencies };
  }
  return { ...config, rules, review };
}

/** The field layers of the config and of the given overrides (by index), in the order they apply. */
export function fieldLayers(config: Config, indices: readonly number[]): FieldLayer[] {
  const layers: FieldLayer[] = [{ path: 'fields', fields: config.fields }];
  for (const index of indices) {
    const fields = config.overrides[index]!.fields;
    if (fields) layers.push({ path: `overrides[${index}].fields`, fields, override: true });
  }
  return layers;
}

/**
 * An override's setting without a type changes a field; for a document that does not have the
 * field it is skipped, so the field must at least exist somewhere: in the base schema or typed
 * by some override. Anything else is a typo or a new field without a type.
 */
export function checkOverrideFields(config: Config, base: DocumentSchema): void {
  const typed = new Set(config.overrides.flatMap((override) => Object.entries(override.fields ?? {}).flatMap(([name, setting]) => (setting?.type ? [name] : []))));
  config.overrides.forEach((override, index) => {
    for (const [name, setting] of Object.entries(override.fields ?? {})) {
      if (setting && setting.type === undefined && !Object.hasOwn(base.fields, name) && !typed.has(name)) {
        throw new ConfigError(`overrides[${index}].fields.${name}.type: a new field needs a type (${FIELD_TYPES.join(', ')})`);
      }
    }
  });
}

/** Resolves a document's settings from its project path; `base` serves documents no override matches. */
export function settingsResolver(config: Config, base: DocumentSettings): (file: string) => DocumentSettings {
  if (config.overrides.length === 0) return () => base;
  const matchingOverrides = globEntries(config.overrides.map((override) => override.files));
  const built = new Map<string, DocumentSettings>([['', base]]);
  // Asked 2-3 times per document (rules, owners, verdicts): the globs are matched once per file.
  const byFile = new Map<string, DocumentSettings>();
  return (file) => {
    const known = byFile.get(file);
    if (known) return known;
    const indices = matchingOverrides(file);
    const key = indices.join(',');
    let settings = built.get(key);
    if (!settings) {
      const effective = applyOverrides(config, indices.map((index) => config.overrides[index]!));
      settings = { config: effective, schema: buildDocumentSchema(effective, fieldLayers(config, indices)) };
      built.set(key, settings);
    }
    byFile.set(file, settings);
    return settings;
  };
}
