/**
 * A document with no usable url cannot resolve its /site links. That is one root cause: its site
 * links are reported once, as a note on the finding about the url (metadata-schema) or the missing
 * frontmatter, or, when no rule reports the url, as one link-malformed finding for the document.
 * A page with no address at all, in a project with no siteOrigin or routes, is a matter of config:
 * those links are skipped with one note for the run (lint), not reported here.
 */
import type { ParsedDocument } from '../corpus/document.js';
import { unresolvedSiteLinks } from '../links/check.js';
import { validateMetadata } from '../schema/document.js';
import type { RuleContext, RuleFinding } from './rule.js';

function siteLinks(count: number): string {
  return `${count} site link${count === 1 ? '' : 's'}`;
}

/** "; its 12 site links could not be checked", for the finding that names the root cause. */
export function siteLinksNote(document: ParsedDocument, field?: string, urlField = 'url'): string {
  if (field !== undefined && field !== urlField) return '';
  const count = unresolvedSiteLinks(document).length;
  return count === 0 ? '' : `; its ${siteLinks(count)} could not be checked`;
}

/** One finding for all of a document's unresolved site links, unless the root cause is reported already. */
export function unresolvedSiteLinksFinding(document: ParsedDocument, context: RuleContext): RuleFinding[] {
  // Links no config resolves (site-unconfigured) are one note for the run, not a finding here.
  const unresolved = unresolvedSiteLinks(document).filter((check) => check.outcome === 'site-unresolved');
  if (unresolved.length === 0 || rootCauseReported(document, context)) return [];
  const { line, column } = unresolved[0]!.link;
  return [{ line, column, message: `${siteLinks(unresolved.length)} could not be checked: a site link needs the document's ${context.config.links.urlField} (or links.siteOrigin) to resolve against` }];
}

function rootCauseReported(document: ParsedDocument, context: RuleContext): boolean {
  const frontmatter = document.frontmatter;
  if (frontmatter?.kind === 'missing') return context.severities.has('frontmatter-missing');
  if (frontmatter?.kind !== 'ok') return false;
  return context.severities.has('metadata-schema') && validateMetadata(context.schema, frontmatter.data).some((problem) => problem.field === context.config.links.urlField);
}
