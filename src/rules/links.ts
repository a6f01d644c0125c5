/** The link rules: each a link outcome, a severity and its documentation. */
import { linkRule } from './link-rule.js';
import type { Rule } from './rule.js';

export const linkMissingFile = linkRule(
  'link-missing-file',
  'missing-file',
  'error',
  {
    summary: 'A relative link names a file that exists inside the content root, with exactly that case (after links.extensions); a site link resolves to a file through links.routes, a page\'s url or links.redirects.',
    rationale: 'A broken link strands a patient mid-journey. Case matters: a link that works on a Mac fails on the Linux server.',
    fix: 'Correct the path, or restore or rename the target; after renaming a page, update every page that links to it.',
    example: 'See [side effects](../treatment/side-efects.md).',
  },
  () => 'broken link',
);

export const linkMissingAnchor = linkRule(
  'link-missing-anchor',
  'missing-anchor',
  'error',
  {
    summary: 'A #fragment names a heading (GitHub slug rules), an <a id>/<a name> or a {#id} of the target document (#top, the top of any page, always does).',
    rationale: 'A link to a renamed heading lands at the top of a long page, and the reader loses the passage it promised.',
    fix: 'Use the heading\'s current slug (lowercase, punctuation dropped, spaces as hyphens; repeated headings get -1, -2), or add an explicit id.',
    example: 'See [risks](cryosurgery.md#risks-of-cryosurgery) when the heading is "## Side effects".',
  },
  () => 'broken anchor',
);

export const linkOutsideRoot = linkRule(
  'link-outside-root',
  'outside-root',
  'error',
  {
    summary: 'A relative link stays inside the content root.',
    rationale: 'A page must not reach files outside the published content; contentgov never reads them, so such a link cannot be verified.',
    fix: 'Link to a page inside the content root, or to the public URL of the file.',
    example: 'See [notes](../../internal/notes.md).',
  },
  () => 'link outside the content root',
);

export const linkUnsafeScheme = linkRule(
  'link-unsafe-scheme',
  'unsafe-scheme',
  'error',
  {
    summary: 'No javascript:, vbscript: or data: links.',
    rationale: 'Such links run code or carry hidden content in the reader\'s browser; in content from pull requests they are an attack.',
    fix: 'Link to an https: page, or to a file in the content root.',
    example: '[click](javascript:alert(document.cookie))',
  },
  () => 'unsafe link',
);

export const linkMalformed = linkRule(
  'link-malformed',
  'malformed',
  'error',
  {
    summary: 'A link is well formed: a valid URL, mailto: address or tel: number, and site links can be resolved (one finding per document whose url is unusable for its /site links, unless the url is reported already; site links with no url, links.siteOrigin or links.routes to resolve them are skipped, with one note per run).',
    rationale: 'A malformed link cannot work for any reader.',
    fix: 'Correct the address; for /site links give the document a url, or set links.siteOrigin or links.routes.',
    example: '[write to us](mailto:info.cancer.gov)',
  },
  () => 'malformed link',
);

export const linkExternalBroken = linkRule(
  'link-external-broken',
  'external-broken',
  'error',
  {
    summary: 'An external URL answers (with --external): no 4xx or 5xx after retries, DNS failure, refused connection or redirect loop.',
    rationale: 'Patients follow links to other institutions; a dead one erodes trust in the whole page.',
    fix: 'Update the link to the page\'s new address (the redirect chain in the message helps), or remove it.',
    example: '[NCI factsheet](https://www.cancer.gov/no-such-page)',
  },
  () => 'broken external link',
);

export const linkExternalTimeout = linkRule(
  'link-external-timeout',
  'external-timeout',
  'warning',
  {
    summary: 'An external URL answers within links.timeout seconds (default 15).',
    rationale: 'A slow site may be down for good or only busy; a warning keeps CI green while flagging it.',
    fix: 'Check the link by hand; if the site is slow but fine, raise links.timeout or exclude it.',
    example: '[slow site](https://slow.example.org/)',
  },
  () => 'external link timed out',
);

export const linkExternalUnverified = linkRule(
  'link-external-unverified',
  'external-unverified',
  'warning',
  {
    summary: 'An external site would not say whether the page exists (LinkedIn\'s 999, a Cloudflare challenge, 429 after the retry budget), or the link was not checked (the run\'s budget ran out, no network).',
    rationale: 'Only proven-broken links should fail CI; these are surfaced for a human without crying wolf.',
    fix: 'Open the link in a browser; set links.hosts["host"] to "unverified" or "skip" to settle the verdict for that host.',
    example: '[our page](https://www.linkedin.com/company/nci)',
  },
  () => 'unverified external link',
);

export const linkPrivateHost = linkRule(
  'link-private-host',
  'private-host',
  'warning',
  {
    summary: 'External links do not point at loopback, private, link-local, cloud-metadata or other special-purpose addresses (IANA registries); such hosts are never requested.',
    rationale: 'A document in an untrusted pull request must not make CI probe the internal network (SSRF).',
    fix: 'Link to a public address; to check a local or staging server on purpose, use --allow-private-hosts or links.remap.',
    example: '[metadata](http://169.254.169.254/latest/meta-data/)',
  },
  () => 'link to a private address, not requested',
);
