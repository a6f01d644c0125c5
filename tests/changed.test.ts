import { execFileSync } from 'node:child_process';
import { renameSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertValidReport } from './helpers/report-schema.js';
import { seedDocument, tempProject, type TempProject } from './helpers/project.js';

let project: TempProject;
const git = (...args: string[]) => execFileSync('git', args, { cwd: project.root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const commitAll = (message: string) => {
  git('add', '-A');
  git('-c', 'user.name=Test', '-c', 'user.email=test@example.org', 'commit', '-q', '-m', message);
};
const lintChanged = (...args: string[]) => {
  const result = project.run(['lint', '--format', 'json', '--as-of', '2026-01-15', '--changed', ...args]);
  const report = JSON.parse(result.stdout);
  assertValidReport(report);
  return { exitCode: result.exitCode, report, judged: report.documents.map((document: { file: string }) => document.file) as string[] };
};

/** `hub` on main, then a change that renames the heading its link names: the hub is judged for that link only. */
const lintAfterHeadingRenamed = (hub: string, message: string) => {
  project.write('content/hub.md', hub);
  commitAll(message);
  git('checkout', '-q', 'main');
  git('merge', '-q', '--ff-only', 'feature');
  git('checkout', '-q', '-b', 'change');
  project.write('content/guide.md', seedDocument({}, '# Guide\n\n## Risks and side effects\n'));
  return lintChanged();
};

beforeEach(() => {
  project = tempProject();
  git('init', '-q', '-b', 'main');
  project.write('content/hub.md', seedDocument({}, '# Hub\n\n[guide](guide.md#side-effects) [old](old.md) [other](other.md)\n'));
  project.write('content/guide.md', seedDocument({}, '# Guide\n\n## Side effects\n'));
  project.write('content/old.md', seedDocument({}, '# Old\n'));
  project.write('content/other.md', seedDocument({ status: 'published' }, '# Other, broken on main already\n'));
  commitAll('base');
  git('checkout', '-q', '-b', 'feature');
});
afterEach(() => project.cleanup());

describe('--changed', () => {
  it('judges only added and modified documents, and says what it compared with', () => {
    project.write('content/new.md', seedDocument({ version: '1' }, '# New\n'));
    commitAll('add');
    project.write('content/guide.md', seedDocument({ tags: '\n- Not-Kebab' }, '# Guide\n\n## Side effects\n'));
    const { judged, report, exitCode } = lintChanged();
    expect(judged).toEqual(['content/guide.md', 'content/new.md']);
    expect(report.findings.map((finding: { file: string; field: string }) => `${finding.file} ${finding.field}`)).toEqual(['content/guide.md tags', 'content/new.md version']);
    expect(report.changes).toMatchObject({ baseRef: 'main', base: git('rev-parse', 'main').trim(), changed: ['content/guide.md', 'content/new.md'], deleted: [] });
    expect(exitCode).toBe(1);
  });

  it('judges the documents that link to a deleted or renamed file', () => {
    rmSync(path.join(project.root, 'content/old.md'));
    renameSync(path.join(project.root, 'content/other.md'), path.join(project.root, 'content/renamed.md'));
    commitAll('delete and rename');
    const { judged, report } = lintChanged();
    expect(judged).toEqual(['content/hub.md', 'content/renamed.md']);
    const hubFindings = report.findings.filter((finding: { file: string }) => finding.file === 'content/hub.md');
    expect(hubFindings.map((finding: { ruleId: string; message: string }) => `${finding.ruleId} ${finding.message}`)).toEqual([
      'link-missing-file broken link: "old.md" (content/old.md does not exist)',
      'link-missing-file broken link: "other.md" (content/other.md does not exist)',
    ]);
    expect(report.changes.deleted).toEqual(['content/old.md', 'content/other.md']);
  });

  it('judges the documents that link to an anchor a change removed', () => {
    project.write('content/guide.md', seedDocument({}, '# Guide\n\n## Risks and side effects\n'));
    const { judged, report } = lintChanged();
    expect(judged).toEqual(['content/guide.md', 'content/hub.md']);
    expect(report.findings.map((finding: { file: string; ruleId: string }) => `${finding.file} ${finding.ruleId}`)).toEqual(['content/hub.md link-missing-anchor']);
  });

  it('a page judged for its links is shown only the links the change broke, not the problems it had before', () => {
    // On main already: the hub links to a page that never existed, and its review is overdue.
    const { judged, report } = lintAfterHeadingRenamed(seedDocument({ lastReviewed: "'2024-01-01'" }, '# Hub\n\n[guide](guide.md#side-effects) [never](never.md)\n'), 'a hub with old problems');
    expect(judged).toEqual(['content/guide.md', 'content/hub.md']);
    expect(report.findings.map((finding: { file: string; ruleId: string; message: string }) => `${finding.file} ${finding.ruleId} ${finding.message}`)).toEqual([
      'content/hub.md link-missing-anchor broken anchor: "guide.md#side-effects" (content/guide.md has no heading or id "side-effects")',
    ]);
    // Its overdue review is not counted either: the footer counts the review of the pages the change touched.
    expect(report.documents.map((document: { file: string; linksOnly?: true }) => `${document.file} ${document.linksOnly ?? false}`)).toEqual(['content/guide.md false', 'content/hub.md true']);
    expect(report.summary).toMatchObject({ documents: 2, current: 1, overdue: 0, linksOnly: 1 });
    const stylish = project.run(['lint', '--as-of', '2026-01-15', '--changed']).stdout;
    expect(stylish).toContain('review: judged 1 = 1 current + 0 due soon + 0 overdue + 0 unknown; exempt 0; links only 1\n');
  });

  it('a page judged for its links only is in no review state, exempt by its status or not: the exempt counts add up', () => {
    const { judged, report } = lintAfterHeadingRenamed(seedDocument({ status: 'archived' }, '# Hub\n\n[guide](guide.md#side-effects)\n'), 'an archived hub');
    expect(judged).toEqual(['content/guide.md', 'content/hub.md']);
    expect(report.summary).toMatchObject({ documents: 2, current: 1, exempt: 0, linksOnly: 1 });
    expect(report.summary.exemptByStatus).toEqual({});
    const stylish = project.run(['lint', '--as-of', '2026-01-15', '--changed']).stdout;
    expect(stylish).toContain('review: judged 1 = 1 current + 0 due soon + 0 overdue + 0 unknown; exempt 0; links only 1\n');
  });

  it('a change to the config or the redirects file it names judges every document, and says so', () => {
    // The config tightens the schema: only a full run shows what that breaks.
    project.write('contentgov.config.json', JSON.stringify({ root: 'content', fields: { owner: { type: 'string', required: true } } }));
    commitAll('require an owner');
    const configChange = project.run(['lint', '--format', 'json', '--as-of', '2026-01-15', '--changed']);
    const report = JSON.parse(configChange.stdout);
    assertValidReport(report);
    expect(report.documents.map((document: { file: string }) => document.file)).toEqual(['content/guide.md', 'content/hub.md', 'content/old.md', 'content/other.md']);
    expect(report.findings.filter((finding: { field?: string }) => finding.field === 'owner')).toHaveLength(4);
    expect(report.changes).toMatchObject({ changed: ['contentgov.config.json'], settings: ['contentgov.config.json'] });
    expect(configChange).toMatchObject({ exitCode: 1, stderr: 'contentgov: warning: --changed: the change touches contentgov.config.json, which can break any page: every document is judged\n' });

    // On a branch where the config stands, a change to the redirects file alone does the same.
    project.write('contentgov.config.json', JSON.stringify({ root: 'content', links: { redirects: 'redirects.json' } }));
    project.write('redirects.json', '{}');
    commitAll('redirects');
    git('checkout', '-q', '-b', 'redirect-change');
    project.write('redirects.json', JSON.stringify({ '/guide': '/nowhere' }));
    const { judged, report: redirected } = lintChanged('--base', 'feature');
    expect(judged).toEqual(['content/guide.md', 'content/hub.md', 'content/old.md', 'content/other.md']);
    expect(redirected.changes.settings).toEqual(['redirects.json']);
  });

  it('a change to the file a settings link leads to judges every document, as a change to the link does', () => {
    // contentgov.config.json may be a link inside its folder: the config read is the file it leads to.
    rmSync(path.join(project.root, 'contentgov.config.json'), { force: true });
    project.write('settings/config.json', JSON.stringify({ root: 'content', links: { redirects: 'redirects.json' } }));
    project.write('settings/redirects.json', '{}');
    symlinkSync('settings/config.json', path.join(project.root, 'contentgov.config.json'));
    symlinkSync('settings/redirects.json', path.join(project.root, 'redirects.json'));
    commitAll('settings behind links');
    git('checkout', '-q', '-b', 'tighten');
    project.write('settings/config.json', JSON.stringify({ root: 'content', links: { redirects: 'redirects.json' }, fields: { owner: { type: 'string', required: true } } }));
    const config = lintChanged('--base', 'feature');
    expect(config.judged).toEqual(['content/guide.md', 'content/hub.md', 'content/old.md', 'content/other.md']);
    expect(config.report.changes.settings).toEqual(['settings/config.json']);
    expect(config.exitCode).toBe(1);

    commitAll('tighten');
    git('checkout', '-q', '-b', 'redirect');
    project.write('settings/redirects.json', JSON.stringify({ '/guide': '/nowhere' }));
    const redirects = lintChanged('--base', 'tighten');
    expect(redirects.judged).toEqual(['content/guide.md', 'content/hub.md', 'content/old.md', 'content/other.md']);
    expect(redirects.report.changes.settings).toEqual(['settings/redirects.json']);
  });

  it('compares with master when there is no origin/HEAD and no main', () => {
    git('branch', '-q', '-m', 'main', 'master');
    project.write('content/new.md', seedDocument());
    const { judged, report } = lintChanged();
    expect(judged).toEqual(['content/new.md']);
    expect(report.changes.baseRef).toBe('master');
  });

  it('compares with --base, and a base that does not exist is a usage error', () => {
    project.write('content/new.md', seedDocument());
    commitAll('one more');
    expect(lintChanged('--base', 'main').judged).toEqual(['content/new.md']);
    const result = project.run(['lint', '--changed', '--base', 'no-such-ref']);
    expect(result).toMatchObject({ exitCode: 2, stderr: 'contentgov: --changed: the base no-such-ref does not exist\n' });
  });

  it('a base that is the current commit judges nothing: exit 2 and a reason, not a silent pass', () => {
    const result = project.run(['lint', '--changed', '--base', 'HEAD']);
    expect(result).toMatchObject({ exitCode: 2, stdout: '' });
    expect(result.stderr).toBe('contentgov: --changed: the base HEAD is the current commit, so nothing would be judged; give --base with the branch the change goes into\n');
  });
});
