/** The project config (contentgov.config.json), validated with zod so a bad key is named. */
import { z } from 'zod';
import { FIELD_TYPES } from './fields.js';
import { parseDuration } from '../review/duration.js';

const severitySetting = z.enum(['off', 'warning', 'error']);

const regex = z.string().refine(
  (source) => {
    try {
      new RegExp(source, 'u');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'is not a valid regular expression' },
);

const durationText = z.string().refine((text) => parseDuration(text) !== undefined, {
  message: 'is not a duration (use ISO 8601 such as P3M or P90D, or plain text such as "6 months")',
});

export const fieldSpecSchema = z.strictObject({
  type: z.enum(FIELD_TYPES).optional(),
  required: z.boolean().optional(),
  pattern: regex.optional(),
  values: z.array(z.string()).min(1).optional(),
  description: z.string().optional(),
});

export const reviewConfigSchema = z.strictObject({
  /** The field holding the date of the last review. */
  dateField: z.string().min(1).default('lastReviewed'),
  /** The field holding the review frequency. */
  frequencyField: z.string().min(1).default('reviewFrequency'),
  /** Used when a document has no frequency field. */
  defaultFrequency: z.string().min(1).optional(),
  /** Named frequencies, added to (or overriding) monthly, quarterly, semiannual, annual, biennial. */
  frequencies: z.record(z.string().min(1), durationText).default({}),
  statusField: z.string().min(1).default('status'),
  /** Only documents whose status is one of these are judged; the others are exempt. */
  statuses: z.array(z.string()).default(['active']),
  dueSoonDays: z.number().int().min(0).default(30),
});

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  /** The content root, relative to the config file. */
  root: z.string().min(1).default('content'),
  /** Globs, relative to the project root (where the config is), of files and folders to skip. */
  ignore: z.array(z.string()).default([]),
  /** Start from contentgov's own fields (true) or from none (false). */
  defaultFields: z.boolean().default(true),
  /** Add, change (merged over the default) or remove (null) metadata fields. */
  fields: z.record(z.string().min(1), fieldSpecSchema.nullable()).default({}),
  allowUnknownFields: z.boolean().default(false),
  /** Rule id to off, warning or error. */
  rules: z.record(z.string(), severitySetting).default({}),
  review: reviewConfigSchema.default(reviewConfigSchema.parse({})),
});

export type ConfigInput = z.input<typeof configSchema>;
export type Config = z.output<typeof configSchema>;
