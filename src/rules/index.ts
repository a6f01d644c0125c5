/** The rule registry: add a rule by writing its file and listing it here. */
import { fileOutsideRoot } from './file-outside-root.js';
import { fileUnreadable } from './file-unreadable.js';
import { frontmatterMissing } from './frontmatter-missing.js';
import { frontmatterSyntax } from './frontmatter-syntax.js';
import { frontmatterTooLarge } from './frontmatter-too-large.js';
import { frontmatterUnsafe } from './frontmatter-unsafe.js';
import { metadataSchema } from './metadata-schema.js';
import { metadataUnknownField } from './metadata-unknown-field.js';
import { reviewDueSoon } from './review-due-soon.js';
import { reviewFutureDate } from './review-future-date.js';
import { reviewOverdue } from './review-overdue.js';
import { reviewUnknown } from './review-unknown.js';
import {
  linkExternalBroken,
  linkExternalTimeout,
  linkExternalUnverified,
  linkMalformed,
  linkMissingAnchor,
  linkMissingFile,
  linkOutsideRoot,
  linkPrivateHost,
  linkUnsafeScheme,
} from './links.js';
import { linkCaseMismatch } from './link-case-mismatch.js';
import { linkRedirected } from './link-redirected.js';
import type { Rule } from './rule.js';
import { suppressionExpired, suppressionInvalid, suppressionUnused } from './suppressions.js';

export const RULES: readonly Rule[] = [fileUnreadable, fileOutsideRoot, frontmatterMissing, frontmatterSyntax, frontmatterUnsafe, frontmatterTooLarge, metadataSchema, metadataUnknownField, reviewOverdue,
  reviewDueSoon,
  reviewFutureDate,
  reviewUnknown,
  linkMissingFile,
  linkMissingAnchor,
  linkOutsideRoot,
  linkUnsafeScheme,
  linkMalformed,
  linkRedirected,
  linkCaseMismatch,
  linkExternalBroken,
  linkExternalTimeout,
  linkExternalUnverified,
  linkPrivateHost,
  suppressionInvalid,
  suppressionExpired,
  suppressionUnused,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.id, rule]));
/** The ids a config's rules settings may name (see config/load). */
export const RULE_IDS: ReadonlySet<string> = new Set(RULES_BY_ID.keys());
