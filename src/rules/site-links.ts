/**
 * A document with no usable url cannot resolve its /site links. That is one root cause: its site
 * links are reported once, as a note on the finding about the url (metadata-schema) or the missing
 * frontmatter, or, when no rule reports the url, as one link-malformed finding for the document.
 * A page with no address at all, in a project with no siteOrigin or routes, is a matter of config:
 * those links are skipped with one note for the run (lint), not reported here. This runs after
 * every rule, over the document's findings: which finding names the cause is known only then.
 */
import type { ParsedDocument } from '../corpus/document.js';
import { unresolvedSiteLinks, type LinkCheck } from '../links/check.js';
import type { Finding, Severity } from '../report/types.js';

function siteLinks(count: number): string {
  return `${count} site link${count === 1 ? '' : 's'}`;
}

/** The findings, with the document's unresolved site links attributed to their root cause (or one link-malformed finding). */
export function attributeSiteLinks(document: ParsedDocument, linkChecks: readonly LinkCheck[], findings: Finding[], urlField: string, linkMalformed: Severity | undefined): Finding[] {
  const unresolved = unresolvedSiteLinks(linkChecks);
  if (unresolved.length === 0) return findings;
  const cause = findings.find((finding) => finding.ruleId === 'frontmatter-missing' || (finding.ruleId === 'metadata-schema' && finding.field === urlField));
  if (cause) {
    cause.message += `; its ${siteLinks(unresolved.length)} could not be checked`;
    return findings;
  }
  // Links no config resolves (site-unconfigured) are one note for the run, not a finding here.
  const needOrigin = unresolved.filter((check) => check.outcome === 'site-unresolved');
  if (needOrigin.length === 0 || !linkMalformed) return findings;
  const { line, column } = needOrigin[0]!.link;
  const message = `${siteLinks(needOrigin.length)} could not be checked: a site link needs the document's ${urlField} (or links.siteOrigin) to resolve against`;
  return [...findings, { ruleId: 'link-malformed', severity: linkMalformed, file: document.file, line, column, message }];
}
