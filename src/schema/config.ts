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

const statusCodes = z.array(z.union([z.number().int().min(100).max(999), z.string().regex(/^\d{3}-\d{3}$/, 'use a status code or a range such as "200-299"')]));

export const linksConfigSchema = z.strictObject({
  /** Origin that /path links resolve against; default: the origin of each document's url. */
  siteOrigin: z.url({ protocol: /^https?$/ }).optional(),
  /** Check external URLs over the network (also --external). */
  external: z.boolean().default(false),
  /** Request loopback, private and cloud-metadata addresses (also --allow-private-hosts). */
  allowPrivateHosts: z.boolean().default(false),
  /** Regular expressions: matching URLs are not checked. */
  exclude: z.array(regex).default([]),
  /** Rewrite URLs before checking (like lychee's --remap), e.g. to a staging server. */
  remap: z.array(z.strictObject({ pattern: regex, replacement: z.string() })).default([]),
  acceptedStatusCodes: statusCodes.default(['200-299']),
  /** First request method. HEAD saves bandwidth; GET (lychee's default) lets undici keep connections alive. */
  method: z.enum(['head', 'get']).default('head'),
  /** Per-host verdict: "check" (default), "unverified" (never fails) or "skip". */
  hosts: z.record(z.string().min(1), z.enum(['check', 'unverified', 'skip'])).default({}),
  /** Seconds per request. */
  timeout: z.number().positive().default(15),
  retries: z.number().int().min(0).max(10).default(2),
  /** Milliseconds before the first retry; doubled each time, with jitter. */
  retryDelay: z.number().int().min(0).default(1000),
  /** Longest Retry-After honoured, in seconds. */
  maxRetryAfter: z.number().min(0).default(60),
  maxRedirects: z.number().int().min(0).max(50).default(10),
  concurrency: z.number().int().min(1).default(128),
  perHostConcurrency: z.number().int().min(1).default(4),
  cache: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** How long a result is trusted. */
      ttl: durationText.default('1 day'),
      /** Relative to the project root. */
      path: z.string().min(1).default('.contentgov-cache/links.json'),
    })
    .default({ enabled: true, ttl: '1 day', path: '.contentgov-cache/links.json' }),
});

export const limitsConfigSchema = z.strictObject({
  frontmatterBytes: z
    .number()
    .int()
    .min(1)
    .default(262_144)
    .describe('Largest frontmatter block read, in bytes; a larger one is a frontmatter-too-large finding and is not parsed.'),
  frontmatterKeys: z
    .number()
    .int()
    .min(1)
    .default(2_000)
    .describe('Most keys a frontmatter block may have, nested ones included; more is a frontmatter-too-large finding.'),
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
  links: linksConfigSchema.default(linksConfigSchema.parse({})),
  limits: limitsConfigSchema.default(limitsConfigSchema.parse({})).describe('Bounds on what one document can make a run do.'),
  /** Silence a rule for matching files; a reason is required, and an until day makes it expire. */
  suppressions: z
    .array(
      z.strictObject({
        rule: z.string().min(1),
        files: z.string().min(1),
        reason: z.string().trim().min(1, 'a suppression needs a reason'),
        until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD').optional(),
      }),
    )
    .default([]),
});

export type Config = z.output<typeof configSchema>;
