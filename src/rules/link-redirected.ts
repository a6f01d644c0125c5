/** link-redirected: a site link whose path links.redirects sends elsewhere. */
import { linkRule } from './link-rule.js';

export const linkRedirected = linkRule(
  'link-redirected',
  'redirected',
  'warning',
  {
    summary: 'A site link does not name a path that links.redirects sends elsewhere; the new target is checked too (a broken one, or a loop of redirects, is link-missing-file).',
    rationale: 'A redirect costs the reader a round trip and breaks when the redirects file is tidied; the link should say where the page is now.',
    fix: 'Point the link at the new path the message names.',
    example: 'See [eligibility](/health-care/eligibility/) when links.redirects maps it to /health-care/how-to-apply/.',
  },
  () => 'redirected link',
);
