/** Site links resolved to files (links.routes, urlField, redirects, ignorePaths) and the other links settings, on real projects. */
import { afterEach, describe, expect, it } from 'vitest';
import { linkFindings, linksProject, lintJson, tempProject, titledPage as page, type TempProject } from './helpers/project.js';

let project: TempProject | undefined;
afterEach(() => {
  project?.cleanup();
  project = undefined;
});

function site(links: Record<string, unknown>, files: Record<string, string>): TempProject {
  return (project = linksProject(links, files, ['_redirects.*']));
}

const VA_ROUTES = [
  { url: '/:path/', file: 'pages/:path.md' },
  { url: '/:path/', file: 'pages/:path/index.md' },
];

describe('links.routes', () => {
  it('resolves site paths to the first route whose file exists, anchors included (a veterans health site)', () => {
    const local = site({ routes: VA_ROUTES }, {
      'pages/health-care/eligibility.md': page('Eligibility', '## Income limits'),
      'pages/health-care/apply/index.md': page('Apply'),
      'pages/home.md': page('Home', '[a](/health-care/eligibility/) [b](/health-care/apply/) [c](/health-care/eligibility/#income-limits) [d](/health-care/apply)'),
    });
    const { exitCode, report } = lintJson(local);
    expect(linkFindings(report)).toEqual([]);
    expect(report.links).toEqual({ total: 4, checked: 4, broken: 0, skipped: 0, cached: 0 });
    expect(exitCode).toBe(0);
  });

  it('finds three broken site links, naming the candidates tried', () => {
    const local = site({ routes: VA_ROUTES }, {
      'pages/health-care/eligibility.md': page('Eligibility', '## Income limits'),
      'pages/home.md': page('Home', '[a](/health-care/nope/) [b](/health-care/eligibility/#gone)\n[c](/records/)'),
    });
    const { exitCode, report } = lintJson(local);
    expect(linkFindings(report)).toEqual([
      'pages/home.md:6:1 link-missing-file broken link: "/health-care/nope/" (no file for /health-care/nope/: tried pages/health-care/nope.md, pages/health-care/nope/index.md)',
      'pages/home.md:6:25 link-missing-anchor broken anchor: "/health-care/eligibility/#gone" (pages/health-care/eligibility.md has no heading or id "gone")',
      'pages/home.md:7:1 link-missing-file broken link: "/records/" (no file for /records/: tried pages/records.md, pages/records/index.md)',
    ]);
    expect(exitCode).toBe(1);
  });

  it('maps a Middleman manual: /manual/x.html to source/manual/x.html.md, three broken links found', () => {
    const local = site({ routes: [{ url: '/manual/:path', file: 'source/manual/:path.md' }] }, {
      'source/manual/setup.html.md': page('Setup', '## Install'),
      'source/manual/deploy/heroku.html.md': page('Heroku'),
      'source/index.html.md': page('Index', '[s](/manual/setup.html#install) [h](/manual/deploy/heroku.html)\n[x](/manual/sertup.html) [y](/manual/setup.html#instal) [z](/manual/deploy/aws.html)'),
    });
    const { report } = lintJson(local);
    expect(linkFindings(report)).toEqual([
      'source/index.html.md:7:1 link-missing-file broken link: "/manual/sertup.html" (no file for /manual/sertup.html: tried source/manual/sertup.html.md)',
      'source/index.html.md:7:26 link-missing-anchor broken anchor: "/manual/setup.html#instal" (source/manual/setup.html.md has no heading or id "instal"; did you mean "#install"?)',
      'source/index.html.md:7:57 link-missing-file broken link: "/manual/deploy/aws.html" (no file for /manual/deploy/aws.html: tried source/manual/deploy/aws.html.md)',
    ]);
    expect(report.links).toMatchObject({ total: 5, broken: 3, skipped: 0 });
  });

  it('serves a Jekyll site: permalink pages, _posts routes and {{site.baseurl}} links', () => {
    const local = site(
      {
        urlField: 'permalink',
        routes: [{ url: '/blog/:slug/', file: '_posts/:slug.md' }],
        replace: [{ pattern: '\\{\\{\\s*site\\.baseurl\\s*\\}\\}', with: '' }],
      },
      {
        'about.md': page('About', '## Team', 'permalink: /about-us/\n'),
        '_posts/hello.md': page('Hello'),
        'index.md': page('Home', '[a](/about-us/#team) [b]({{site.baseurl}}/about-us/) [c]({{ site.baseurl }}/blog/hello/) [d]({{site.baseurl}}/blog/bye/)'),
      },
    );
    const { report } = lintJson(local);
    expect(linkFindings(report)).toEqual(['index.md:6:90 link-missing-file broken link: "{{site.baseurl}}/blog/bye/" (no file for /blog/bye/: tried _posts/bye.md)']);
    // The link with spaces inside its destination is not a CommonMark link at all.
    expect(report.links).toMatchObject({ total: 3, broken: 1 });
  });

  it('with a siteOrigin, an absolute link on that origin goes through the routes; a path no route matches is external', () => {
    const local = site({ siteOrigin: 'https://www.example.gov', routes: [{ url: '/health-care/:path/', file: 'pages/:path.md' }] }, {
      'pages/x.md': page('X'),
      'pages/home.md': page('Home', '[a](https://www.example.gov/health-care/x/) [b](https://www.example.gov/health-care/y/) [c](/careers/)'),
    });
    const { report } = lintJson(local);
    expect(linkFindings(report)).toEqual([
      'pages/home.md:6:45 link-missing-file broken link: "https://www.example.gov/health-care/y/" (no file for /health-care/y/: tried pages/y.md)',
    ]);
    // /careers/ has no route: it is the external https://www.example.gov/careers/, not requested without --external.
    expect(report.links).toMatchObject({ total: 3, broken: 1, skipped: 1 });
  });

  it('a route leading out of the content root is never read', () => {
    project = tempProject('contentgov-routes-');
    project.write('contentgov.config.json', JSON.stringify({ root: 'content', defaultFields: false, allowUnknownFields: true, rules: { 'review-unknown': 'off' }, links: { routes: [{ url: '/:path/', file: 'secret/:path.md' }, { url: '/x/:path/', file: 'content/:path.md' }] } }));
    project.write('secret/a.md', page('Secret'));
    project.write('content/home.md', page('Home', '[a](/a/) [b](/x/../../secret/a/) [c](/x/%2e%2e/secret/a/)'));
    const { report } = lintJson(project);
    expect(linkFindings(report)).toEqual([
      'content/home.md:6:1 link-outside-root link outside the content root: "/a/" (its routes lead outside the content root: secret/a.md)',
      // Dot segments resolve as a browser resolves them, within the site: /x/../../secret/a/ is /secret/a/.
      'content/home.md:6:10 link-outside-root link outside the content root: "/x/../../secret/a/" (its routes lead outside the content root: secret/secret/a.md)',
      'content/home.md:6:34 link-outside-root link outside the content root: "/x/%2e%2e/secret/a/" (its routes lead outside the content root: secret/secret/a.md)',
    ]);
  });

  it('a route file naming a parameter its url lacks is a config error', () => {
    const local = site({ routes: [{ url: '/:path/', file: 'pages/:slug.md' }] }, { 'a.md': page('A') });
    expect(local.run(['lint'])).toMatchObject({ exitCode: 2, stderr: 'contentgov: links.routes[0].file: ":slug" is not a parameter of its url "/:path/"\n' });
  });
});

describe('links.ignorePaths, links.skipSchemes and unconfigured site links', () => {
  it('counts site paths served by something else, and links of skipped schemes, as skipped', () => {
    const local = site({ routes: VA_ROUTES, ignorePaths: ['/api/**', '/apply'], skipSchemes: ['xref'] }, {
      'pages/home.md': page('Home', '[a](/api/v1/facilities) [b](/apply) [c](xref:System.String) <xref:System.Int32>'),
    });
    const { exitCode, report } = lintJson(local);
    expect(linkFindings(report)).toEqual([]);
    expect(report.links).toEqual({ total: 4, checked: 0, broken: 0, skipped: 4, cached: 0 });
    expect(exitCode).toBe(0);
  });

  it('without siteOrigin or routes, site links are skipped with one note for the run, not a finding per page', () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 5; index++) files[`p${index}.md`] = page(`P${index}`, '[a](/x/) [b](/y/) [c](/z/)');
    const local = site({}, files);
    const { exitCode, report, stderr } = lintJson(local);
    expect(linkFindings(report)).toEqual([]);
    expect(report.links).toEqual({ total: 15, checked: 0, broken: 0, skipped: 15, cached: 0 });
    expect(stderr).toBe('contentgov: warning: 15 site links in 5 pages not checked: set links.siteOrigin or links.routes to resolve /paths\n');
    expect(exitCode).toBe(0);
  });

  it('a page whose own address (links.urlField) is unusable gets one link-malformed finding for its site links', () => {
    const local = site({ urlField: 'permalink' }, { 'a.md': page('A', '[a](/x/) [b](/y/)', 'permalink: not an address\n'), 'b.md': page('B', '[c](/a/)', 'permalink: /b/\n') });
    const { report, stderr } = lintJson(local);
    expect(linkFindings(report)).toEqual(["a.md:7:1 link-malformed 2 site links could not be checked: a site link needs the document's permalink (or links.siteOrigin) to resolve against"]);
    expect(stderr).toBe('contentgov: warning: 1 site link in 1 page not checked: set links.siteOrigin or links.routes to resolve /paths\n');
  });

  it('with routes, a site path no route matches is a missing file', () => {
    const local = site({ routes: [{ url: '/health-care/:path/', file: 'pages/:path.md' }] }, { 'pages/home.md': page('Home', '[a](/careers/)') });
    expect(linkFindings(lintJson(local).report)).toEqual([
      'pages/home.md:6:1 link-missing-file broken link: "/careers/" (no file for /careers/: no links.routes entry matches it (add a route, or list it in links.ignorePaths))',
    ]);
  });
});

describe('links.redirects', () => {
  it('follows a redirect (a warning naming the new target), checks the new target, and reports a loop', () => {
    const local = site({ routes: VA_ROUTES, redirects: '_redirects.yml' }, {
      '_redirects.yml': '/old/: /health-care/eligibility/\n/older: /old/\n/gone/: /health-care/nope/\n/loop-a/: /loop-b/\n/loop-b/: /loop-a/\n/news/: https://news.example.gov/\n',
      'pages/health-care/eligibility.md': page('Eligibility', '## Income limits'),
      'pages/home.md': page('Home', '[a](/old/) [b](/older/#income-limits) [c](/gone/) [d](/loop-a/) [e](/old/#nope) [f](/news/)'),
    });
    const { exitCode, report } = lintJson(local);
    expect(linkFindings(report)).toEqual([
      'pages/home.md:6:1 link-redirected redirected link: "/old/" (it redirects to /health-care/eligibility/)',
      'pages/home.md:6:12 link-redirected redirected link: "/older/#income-limits" (it redirects to /health-care/eligibility/)',
      'pages/home.md:6:39 link-missing-file broken link: "/gone/" (it redirects to /health-care/nope/; no file for /health-care/nope/: tried pages/health-care/nope.md, pages/health-care/nope/index.md)',
      'pages/home.md:6:51 link-missing-file broken link: "/loop-a/" (the redirects loop: /loop-a → /loop-b → /loop-a (links.redirects))',
      'pages/home.md:6:65 link-missing-anchor broken anchor: "/old/#nope" (it redirects to /health-care/eligibility/; pages/health-care/eligibility.md has no heading or id "nope")',
      'pages/home.md:6:81 link-redirected redirected link: "/news/" (it redirects to https://news.example.gov/)',
    ]);
    expect(exitCode).toBe(1);
  });

  it('reads a JSON redirects file, and refuses one outside the project or malformed', () => {
    const local = site({ routes: VA_ROUTES, redirects: '_redirects.json' }, {
      '_redirects.json': JSON.stringify({ '/old/': '/new/' }),
      'pages/new.md': page('New'),
      'pages/home.md': page('Home', '[a](/old/)'),
    });
    expect(linkFindings(lintJson(local).report)).toEqual(['pages/home.md:6:1 link-redirected redirected link: "/old/" (it redirects to /new/)']);
    local.write('_redirects.json', '["/old/"]');
    expect(local.run(['lint'])).toMatchObject({ exitCode: 2, stderr: 'contentgov: contentgov.config.json: links.redirects: _redirects.json: must map old site paths to new ones, e.g. { "/old/": "/new/" }\n' });
    local.write('_redirects.json', '{ nope');
    expect(local.run(['lint']).stderr).toMatch(/^contentgov: contentgov.config.json: links.redirects: _redirects.json: not valid JSON/);
    local.write('contentgov.config.json', JSON.stringify({ root: '.', links: { redirects: '../outside.yml' } }));
    expect(local.run(['lint'])).toMatchObject({ exitCode: 2 });
    expect(local.run(['lint']).stderr).toContain('links.redirects: must be a path inside the project root');
  });
});

describe('links.extensions and links.caseSensitive', () => {
  it('lets x.html find its page source x.html.md (and its anchors) through links.extensions', () => {
    const files = {
      'source/manual/setup.html.md': page('Setup', '## Install'),
      'source/manual/erb.html.md.erb': page('Erb'),
      'source/index.md': page('Index', '[a](manual/setup.html) [b](manual/setup.html#install) [c](manual/setup.html#nope) [d](manual/erb.html) [e](manual/none.html)'),
    };
    const without = site({}, files);
    expect(linkFindings(lintJson(without).report)).toHaveLength(5);
    without.cleanup();
    const local = site({ extensions: ['.md', '.md.erb'] }, files);
    expect(linkFindings(lintJson(local).report)).toEqual([
      'source/index.md:6:55 link-missing-anchor broken anchor: "manual/setup.html#nope" (source/manual/setup.html.md has no heading or id "nope")',
      'source/index.md:6:104 link-missing-file broken link: "manual/none.html" (source/manual/none.html does not exist)',
    ]);
  });

  it('case-only differences: an error naming the right file by default, a warning with the right spelling when caseSensitive is false', () => {
    const files = {
      'Guides/Intro.md': page('Intro', '## Start'),
      'index.md': page('Home', '[a](guides/intro.md) [b](Guides/intro.md#start) [c](guides/intro.md#nope) [d](/guides/intro/)'),
    };
    const routes = [{ url: '/:path/', file: ':path.md' }];
    const strict = site({ routes }, files);
    expect(linkFindings(lintJson(strict).report)).toEqual([
      'index.md:6:1 link-missing-file broken link: "guides/intro.md" (guides/intro.md does not exist (case must match: "Guides/Intro.md" does))',
      'index.md:6:22 link-missing-file broken link: "Guides/intro.md#start" (Guides/intro.md does not exist (case must match: "Guides/Intro.md" does))',
      'index.md:6:49 link-missing-file broken link: "guides/intro.md#nope" (guides/intro.md does not exist (case must match: "Guides/Intro.md" does))',
      'index.md:6:75 link-missing-file broken link: "/guides/intro/" (no file for /guides/intro/: tried guides/intro.md (case must match: "Guides/Intro.md" does))',
    ]);
    strict.cleanup();
    const relaxed = site({ routes, caseSensitive: false }, files);
    const { exitCode, report } = lintJson(relaxed);
    expect(linkFindings(report)).toEqual([
      'index.md:6:1 link-case-mismatch link differs from its file in case: "guides/intro.md" (the file is spelled "Guides/Intro.md")',
      'index.md:6:22 link-case-mismatch link differs from its file in case: "Guides/intro.md#start" (the file is spelled "Guides/Intro.md")',
      'index.md:6:49 link-missing-anchor broken anchor: "guides/intro.md#nope" (Guides/Intro.md has no heading or id "nope")',
      'index.md:6:75 link-case-mismatch link differs from its file in case: "/guides/intro/" (the file is spelled "Guides/Intro.md")',
    ]);
    expect(exitCode).toBe(1);
  });
});

describe('cost', () => {
  it('resolves 20,000 site links through routes in linear time (a hang guard, 10x margin)', () => {
    const files: Record<string, string> = {};
    const links = Array.from({ length: 200 }, (_, index) => `[l${index}](/section/${'deep/'.repeat(index % 20)}page-${index % 50}/)`).join('\n');
    for (let index = 0; index < 100; index++) files[`pages/p${index}.md`] = page(`P${index}`, links);
    const local = site({ routes: [{ url: '/section/:path/', file: 'pages/:path.md' }, { url: '/:a/:b/', file: 'pages/:a/:b/index.md' }] }, files);
    const started = Date.now();
    const { report } = lintJson(local);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(report.links).toMatchObject({ total: 20_000, broken: 20_000 });
  });
});
