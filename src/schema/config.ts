/** The project config (contentgov.config.json), validated with zod so a bad key is named. */
import path from 'node:path';
import { z } from 'zod';
import { FIELD_TYPES } from './fields.js';
import { parseDuration } from '../review/duration.js';
import { parseTimeSpan } from './time-span.js';
import { globProblem, patternProblem } from './pattern.js';
import { dateFormatProblem } from '../review/dates.js';

/** A rule's severity; "warn", as ESLint writes it, is read as "warning". */
const severitySetting = z.enum(['off', 'warning', 'warn', 'error']).transform((setting): 'off' | 'warning' | 'error' => (setting === 'warn' ? 'warning' : setting));

const regex = z.string().superRefine((source, context) => {
  const problem = patternProblem(source);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

/** Globs of the config (ignore, overrides[].files, suppressions[].files, links.ignorePaths): see globProblem. */
function refuseSlowGlob(text: string, context: z.RefinementCtx): void {
  const problem = globProblem(text);
  if (problem) context.addIssue({ code: 'custom', message: problem });
}

const durationText = z.string().refine((text) => parseDuration(text) !== undefined, {
  message: 'is not a duration of at most 100 years (use ISO 8601 such as P3M or P90D, or plain text such as "6 months")',
});

const conditionValue = z.union([z.string(), z.number(), z.boolean()]);

const fieldSpecSchema = z.strictObject({
  type: z.enum(FIELD_TYPES).optional(),
  required: z.boolean().optional(),
  pattern: regex.optional(),
  /** Required only when each named field has this value (or one of these values); e.g. { "status": "active" }. */
  requiredWhen: z
    .record(z.string().min(1), z.union([conditionValue, z.array(conditionValue).min(1)]))
    .optional()
    .describe('Required only when each named field has this value (or one of these values), e.g. { "status": "active" }'),
  values: z.array(z.string()).min(1).optional(),
  description: z.string().optional(),
});

const reviewConfigSchema = z.strictObject({
  /** The field holding the date of the last review. */
  dateField: z.string().min(1).default('lastReviewed'),
  /** The field holding the review frequency. */
  frequencyField: z.string().min(1).default('reviewFrequency'),
  /** Used when a document has no frequency field. */
  defaultFrequency: z.string().min(1).optional(),
  /** Named frequencies, added to (or overriding) monthly, quarterly, semiannual, annual, biennial. */
  frequencies: z.record(z.string().min(1), durationText).default({}),
  statusField: z.string().min(1).default('status'),
  /** Documents whose status is one of these are exempt from review; every other value, or none, is judged. */
  exemptStatuses: z.array(z.string()).default(['draft', 'archived', 'retired']).describe('statuses exempt from review; every other status value (a typo, an unknown value, none) is judged like active'),
  /** date-fns parse patterns the review date (and every date field) may be written in, besides YYYY-MM-DD. */
  dateFormats: z
    .array(
      z.string().superRefine((pattern, context) => {
        const problem = dateFormatProblem(pattern);
        if (problem) context.addIssue({ code: 'custom', message: `"${pattern}" is not a usable date-fns pattern: ${problem}` });
      }),
    )
    .default([])
    .describe('date-fns parse patterns (such as "MM/dd/yyyy"), tried in order, that dates may be written in besides YYYY-MM-DD (always accepted); strict: 1/8/2026 does not match MM/dd/yyyy'),
  dueSoonDays: z.number().int().min(0).default(30),
  /** The frontmatter field naming a page's owner; before CODEOWNERS. */
  ownerField: z.string().min(1).default('owner').describe("frontmatter field naming who must review the page (a name or a list of names); it wins over CODEOWNERS (.github/CODEOWNERS, CODEOWNERS or docs/CODEOWNERS at the repository's top), then review.defaultOwner"),
  /** The owner of pages neither the field nor CODEOWNERS names. */
  defaultOwner: z.string().min(1).optional().describe('owner of the pages that neither review.ownerField nor CODEOWNERS names; without it they are "(unowned)"'),
});

/** The longest wait for one request that a setting may ask: more is a mistake of unit, not a slow site. */
const MAX_REQUEST_SECONDS = 600;

/**
 * A span of time as a number in `unit`, or as text ("15 s", "1 min", PT15S) read into that unit:
 * a number alone leaves its unit to be guessed, and links.timeout, retryDelay and maxRetryAfter do
 * not all count in the same one. Above `max` is refused with `hint`, which names the unit; 0 only
 * where `zero` allows it (no wait before a retry, no Retry-After honoured), never a timeout.
 */
function timeSpan(unit: 'seconds' | 'milliseconds', max: number, hint: string, { zero }: { zero: boolean }) {
  const perSecond = unit === 'seconds' ? 1 : 1000;
  const milliseconds = (value: number | string) => (typeof value === 'number' ? (value * 1000) / perSecond : parseTimeSpan(value, { zero }));
  return z
    .union([z.number(), z.string()])
    .superRefine((value, context) => {
      const problem =
        typeof value === 'string' && milliseconds(value) === undefined
          ? 'is not a span of time (use "15 s", "500 ms", "1 min" or PT15S)'
          : typeof value === 'number' && (zero ? value < 0 : value <= 0)
            ? (zero ? 'must be 0 or more' : 'must be more than 0')
            : milliseconds(value)! > (max * 1000) / perSecond
              ? `is at most ${max} ${unit}: write ${hint}, or a span of time such as "15 s"`
              : undefined;
      if (problem) context.addIssue({ code: 'custom', message: problem });
    })
    .transform((value) => (milliseconds(value)! * perSecond) / 1000)
    .describe(`${unit === 'seconds' ? 'Seconds' : 'Milliseconds'} (at most ${max}), or a span of time such as "15 s", "500 ms" or PT15S`);
}

const statusCodes = z.array(z.union([z.number().int().min(100).max(999), z.string().regex(/^\d{3}-\d{3}$/, 'use a status code or a range such as "200-299"')]));

export const linksConfigSchema = z.strictObject({
  headingIds: z.boolean().default(false).describe('Read `{#id}` ending a heading as its anchor instead of its slug (Pandoc, kramdown, Hugo); off, it is heading text, as on GitHub.'),
  /** Origin that /path links resolve against; default: the origin of each document's url. */
  siteOrigin: z.url({ protocol: /^https?$/ }).optional(),
  /** Check external URLs over the network (also --external). */
  external: z.boolean().default(false),
  /** Not followed, with a warning: only --allow-private-hosts opens private hosts, as a config may come from a pull request. */
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
  /** Wall time for all external checks of a run; URLs not answered by then are unverified (also --external-budget). */
  budget: z.string().refine((text) => parseTimeSpan(text) !== undefined, { message: 'is not a span of time of at most a day (use "10 minutes", "90 s" or PT10M)' }).default('10 minutes'),
  /** Per request: seconds, or a span of time ("15 s"); read as seconds. */
  timeout: timeSpan('seconds', MAX_REQUEST_SECONDS, 'a number of seconds, such as 15 (15000, read as milliseconds elsewhere, would be over 4 hours)', { zero: false }).prefault(15),
  retries: z.number().int().min(0).max(10).default(2),
  /** Before the first retry (doubled each time, with jitter): milliseconds, or a span of time ("1 s"); read as milliseconds. */
  retryDelay: timeSpan('milliseconds', MAX_REQUEST_SECONDS * 1000, 'a number of milliseconds, such as 1000', { zero: true }).prefault(1000),
  /** Longest Retry-After honoured: seconds, or a span of time ("1 min"); read as seconds. */
  maxRetryAfter: timeSpan('seconds', 24 * 3600, 'a number of seconds, such as 60', { zero: true }).prefault(60),
  maxRedirects: z.number().int().min(0).max(50).default(10),
  concurrency: z.number().int().min(1).default(128),
  perHostConcurrency: z.number().int().min(1).default(4),
  cache: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** How long a result is trusted. */
      ttl: durationText.default('1 day'),
      /** Relative to the project root, and inside it. */
      path: z
        .string()
        .min(1)
        .refine((file) => !path.isAbsolute(file) && !path.normalize(file).split(/[\\/]/).includes('..'), { message: 'must be a path inside the project root' })
        .default('.contentgov-cache/links.json'),
    })
    .default({ enabled: true, ttl: '1 day', path: '.contentgov-cache/links.json' }),
  routes: z
    .array(
      z.strictObject({
        url: z.string().regex(/^\//, 'a route url is a site path starting with /').describe('Site path template, e.g. "/:path/"; :name matches one or more path segments'),
        file: z.string().min(1).describe('File template relative to the project root, e.g. "pages/:path.md", using the names of url'),
      }),
    )
    .default([])
    .describe('Ordered site-path-to-file routes: a /site link resolves to the first route whose file exists'),
  urlField: z.string().min(1).default('url').describe("Frontmatter field holding a page's own address: an absolute URL or a site path such as /x/"),
  ignorePaths: z.array(z.string().min(1).superRefine(refuseSlowGlob)).default([]).describe('Globs of site paths served by something else (an app, an API): links to them are skipped'),
  redirects: z
    .string()
    .min(1)
    .refine((file) => !path.isAbsolute(file) && !path.normalize(file).split(/[\\/]/).includes('..'), { message: 'must be a path inside the project root' })
    .optional()
    .describe('JSON or YAML file (relative to the config) mapping old site paths to new ones, followed before judging'),
  extensions: z.array(z.string().min(1)).default([]).describe('Suffixes tried in order when a relative link\'s path does not exist, e.g. [".md"] lets x.html find x.html.md'),
  replace: z
    .array(z.strictObject({ pattern: regex, with: z.string() }))
    .default([])
    .describe('Rewrites applied to each link target before it is resolved, e.g. removing {{ site.baseurl }}'),
  caseSensitive: z.boolean().default(true).describe('false: a link that matches a file only when case is ignored is a link-case-mismatch warning, not a missing file'),
  skipSchemes: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9+.-]*$/, 'a scheme such as "xref", without the colon')).default([]).describe('Link schemes not checked, counted as skipped, e.g. ["xref"]'),
});

const fieldsSchema = z.record(z.string().min(1), fieldSpecSchema.nullable());
const rulesSchema = z.record(z.string(), severitySetting);

/**
 * One entry of `overrides`: fields, rules and review settings for the documents its globs match
 * (relative to the project root, like `ignore`), applied over the top level in order, later
 * entries winning. Review keys left out keep the value in force; none has a default here.
 */
const overrideSchema = z.strictObject({
  files: z.array(z.string().min(1).superRefine(refuseSlowGlob)).min(1).describe('Globs of the documents it applies to, relative to the config file, like ignore'),
  fields: fieldsSchema.optional(),
  rules: rulesSchema.optional(),
  review: z
    .strictObject(Object.fromEntries(Object.entries(reviewConfigSchema.shape).map(([key, setting]) => [key, withoutDefault(setting).optional()])))
    .optional() as z.ZodOptional<z.ZodType<Partial<z.output<typeof reviewConfigSchema>>, Partial<z.input<typeof reviewConfigSchema>>>>,
});

function withoutDefault(setting: z.ZodType): z.ZodType {
  return setting instanceof z.ZodDefault ? (setting.unwrap() as z.ZodType) : setting;
}

/** The longest text a JavaScript string holds (V8's String::kMaxLength): no larger file can be decoded at all. */
export const LONGEST_TEXT = 0x1fff_ffe8;

const limitsConfigSchema = z.strictObject({
  fileBytes: z
    .number()
    .int()
    .min(1)
    .max(LONGEST_TEXT)
    .default(8 * 1024 * 1024)
    .describe(`Largest Markdown file read, in bytes; a larger one is a file-unreadable finding and is not read (at most ${LONGEST_TEXT}, the longest text JavaScript holds).`),
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
  findingsPerRule: z
    .number()
    .int()
    .min(1)
    .default(1_000)
    .describe('Most findings of one rule listed for one document; the rest are one more finding of that rule that counts them.'),
});

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  /** The content root, relative to the config file. */
  root: z.string().min(1).default('content'),
  /** Globs, relative to the project root (where the config is), of files and folders to skip. */
  ignore: z.array(z.string().superRefine(refuseSlowGlob)).default([]),
  /** Start from contentgov's own fields (true) or from none (false). */
  defaultFields: z.boolean().default(true),
  /** Add, change (merged over the default) or remove (null) metadata fields. */
  fields: fieldsSchema.default({}),
  allowUnknownFields: z.boolean().default(false),
  /** Rule id to off, warning or error. */
  rules: rulesSchema.prefault({}),
  review: reviewConfigSchema.default(reviewConfigSchema.parse({})),
  links: linksConfigSchema.prefault({}),
  limits: limitsConfigSchema.default(limitsConfigSchema.parse({})).describe('Bounds on what one document can make a run do.'),
  /** Silence a rule for matching files; a reason is required, and an until day makes it expire. */
  suppressions: z
    .array(
      z.strictObject({
        rule: z.string().min(1),
        files: z.string().min(1).superRefine(refuseSlowGlob),
        reason: z.string().trim().min(1, 'a suppression needs a reason'),
        until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD').optional(),
      }),
    )
    .default([]),
  /** Per-path fields, rules and review settings, like ESLint's and markdownlint-cli2's overrides. */
  overrides: z
    .array(overrideSchema)
    .prefault([])
    .describe('Fields, rules and review settings for the documents matching "files"; later entries win'),
});

export type Override = z.output<typeof overrideSchema>;
export type Config = z.output<typeof configSchema>;
