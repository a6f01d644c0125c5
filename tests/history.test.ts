import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../src/config/load.js';
import { complianceHistory, parseSince, type BlobReading } from '../src/history.js';
import type { HistoryPoint } from '../src/report/types.js';
import { ownerResolver } from '../src/review/owners.js';
import { RULE_IDS } from '../src/rules/index.js';
import { launchChromium } from './helpers/chromium.js';
import { assertValidReport } from './helpers/report-schema.js';
import { CLI, runCli, seedDocument, tempProject, type TempProject } from './helpers/project.js';

let project: TempProject;
const git = (args: string[], env: NodeJS.ProcessEnv = {}) => execFileSync('git', args, { cwd: project.root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
/** A commit back-dated to noon UTC of `day`. */
const commitOn = (day: string) => {
  const date = `${day}T12:00:00Z`;
  git(['add', '-A']);
  git(['-c', 'user.name=Test', '-c', 'user.email=test@example.org', 'commit', '-q', '--allow-empty', '-m', day], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
};
const page = (lastReviewed: string, fields: Record<string, string> = {}) => seedDocument({ lastReviewed: `'${lastReviewed}'`, ...fields });
const AS_OF = '2026-11-25';

type Point = HistoryPoint;
const historyJson = (args: string[] = []): Point[] => {
  const result = project.run(['overdue', '--as-of', AS_OF, '--history', '--format', 'json', ...args]);
  expect(result.stderr).toBe('');
  const report = JSON.parse(result.stdout);
  assertValidReport(report);
  return report.overdue.history;
};

/** A year of changes: pages added, reviewed, renamed, deleted, made exempt, broken, in an ignored folder and outside the content. */
beforeAll(() => {
  project = tempProject();
  git(['init', '-q', '-b', 'main']);
  project.write('contentgov.config.json', JSON.stringify({ ignore: ['content/drafts/**'], review: { dueSoonDays: 20 } }));
  for (let index = 0; index < 12; index++) project.write(`content/en/page-${index}.md`, page(`2025-${String(1 + index).padStart(2, '0')}-10`, { reviewFrequency: index % 2 ? 'quarterly' : 'semiannual' }));
  project.write('content/drafts/ignored.md', page('2020-01-01'));
  project.write('notes/outside.md', page('2020-01-01'));
  commitOn('2025-11-20');
  const months = ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];
  months.forEach((month, step) => {
    // Each month: two reviews, one new page, and one other change.
    project.write(`content/en/page-${step % 12}.md`, page(`${month}-05`, { reviewFrequency: 'quarterly' }));
    project.write(`content/en/page-${(step + 5) % 12}.md`, page(`${month}-03`, { reviewFrequency: 'annual' }));
    project.write(`content/es/new-${step}.md`, page(`${month}-01`, { language: 'es', reviewFrequency: 'monthly' }));
    if (step === 2) rmSync(path.join(project.root, 'content/es/new-0.md'));
    if (step === 3) git(['mv', 'content/en/page-11.md', 'content/en/renamed.md']);
    if (step === 4) project.write('content/en/broken.md', '---\ntitle: [unclosed\n---\n');
    if (step === 5) project.write('content/en/page-7.md', page('2026-05-01', { status: 'draft' }));
    if (step === 6) project.write('content/en/bad-date.md', page('2026-02-30'));
    if (step === 7) project.write('content/en/latin1.md', Buffer.from('---\ntitle: caf\xe9\n---\n', 'latin1'));
    if (step === 8) rmSync(path.join(project.root, 'content/en/broken.md'));
    commitOn(`${month}-${step % 2 ? '28' : '02'}`);
  });
});
afterAll(() => project.cleanup());

describe('overdue --history', () => {
  it('matches, period by period, overdue --as-of run on a checkout of that period\'s commit', () => {
    const history = historyJson();
    expect(history.map((point) => point.periodEnd)).toEqual([
      '2025-11-25', '2025-12-25', '2026-01-25', '2026-02-25', '2026-03-25', '2026-04-25', '2026-05-25',
      '2026-06-25', '2026-07-25', '2026-08-25', '2026-09-25', '2026-10-25', '2026-11-25',
    ]);
    const checkout = mkdtempSync(path.join(tmpdir(), 'contentgov-history-'));
    try {
      for (const point of history) {
        expect(point.commit).toBe(git(['rev-list', '-1', `--before=${point.periodEnd}T23:59:59Z`, 'HEAD']).trim());
        const tree = path.join(checkout, point.periodEnd);
        git(['worktree', 'add', '-q', '--detach', tree, point.commit!]);
        const result = runCli(['overdue', '--as-of', point.periodEnd, '--format', 'json'], tree);
        const { current, dueSoon, overdue, unknown, exempt } = JSON.parse(result.stdout).overdue.totals;
        expect({ periodEnd: point.periodEnd, current, dueSoon, overdue, unknown, exempt }).toEqual({ periodEnd: point.periodEnd, current: point.current, dueSoon: point.dueSoon, overdue: point.overdue, unknown: point.unknown, exempt: point.exempt });
      }
    } finally {
      git(['worktree', 'prune']);
      rmSync(checkout, { recursive: true, force: true });
      git(['worktree', 'prune']);
    }
    // The year is not flat: the test would miss a history that repeated one state.
    expect(new Set(history.map((point) => `${point.current}/${point.overdue}/${point.unknown}/${point.exempt}`)).size).toBeGreaterThan(5);
    expect(history.some((point) => point.unknown > 0) && history.some((point) => point.exempt > 0)).toBe(true);
  });

  it('goes back by week with --every week, and counts nothing before the first commit', () => {
    const weekly = historyJson(['--since', '3w', '--every', 'week']);
    expect(weekly.map((point) => point.periodEnd)).toEqual(['2026-11-04', '2026-11-11', '2026-11-18', '2026-11-25']);
    const early = historyJson(['--since', '2y']);
    expect(early[0]).toMatchObject({ periodEnd: '2024-11-25', commit: null, current: 0, overdue: 0, unknown: 0 });
    // In the table and the CSV no count is shown for such a period: no page existed, which is not 0 overdue.
    expect(project.run(['overdue', '--as-of', AS_OF, '--history', '--since', '2y']).stdout).toMatch(/│ 2024-11-25 │ \(none yet\) +│ +│ +│ +│ +│ +│/);
    expect(project.run(['overdue', '--as-of', AS_OF, '--history', '--since', '2y', '--format', 'csv']).stdout.split('\r\n')[1]).toBe('2024-11-25,,,,,,,');
    // Every period before the first commit: the HTML says so, and draws no empty chart.
    const none = project.run(['overdue', '--as-of', '2020-01-01', '--history', '--since', '3m', '--format', 'html']).stdout;
    expect(none).toContain('No commit on or before any of these period ends: nothing to draw.');
    expect(none).not.toContain('<svg id="trend"');
  });

  it('prints a table and CSV of the periods, oldest first; HTML has the trend chart above the list', () => {
    const table = project.run(['overdue', '--as-of', AS_OF, '--history', '--since', '2m']);
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toMatch(/│ Period end │ Commit +│ Current │ Due soon │ Overdue │ Unknown │ Exempt │/);
    expect(table.stdout.indexOf('│ 2026-09-25 │')).toBeGreaterThan(0);
    expect(table.stdout.indexOf('│ 2026-09-25 │')).toBeLessThan(table.stdout.indexOf('│ 2026-11-25 │'));
    // The table is the history's: it says where the list of pages is.
    expect(table.stdout).toContain(`\nThe pages themselves, as of ${AS_OF}: the same command without --history, or --format html, markdown or json, which have both.\n`);
    const csv = project.run(['overdue', '--as-of', AS_OF, '--history', '--since', '2m', '--format', 'csv']).stdout.split('\r\n');
    expect(csv[0]).toBe('periodEnd,commit,current,dueSoon,overdue,unknown,exempt,problem');
    expect(csv).toHaveLength(5);
    const html = project.run(['overdue', '--as-of', AS_OF, '--history', '--format', 'html']).stdout;
    expect(html.indexOf('<svg id="trend"')).toBeGreaterThan(0);
    expect(html.indexOf('<svg id="trend"')).toBeLessThan(html.indexOf('<table class="sortable" id="documents">'));
    expect(html.match(/<polyline class="(?:overdue|unknown)" fill="none"/g)).toHaveLength(2);
  });

  it('draws no point for a period before the first commit (no page, not 0 overdue), and colours each line and its legend in a browser', async () => {
    const htmlFile = path.join(project.root, 'trend.html');
    expect(project.run(['overdue', '--as-of', AS_OF, '--history', '--since', '2y', '-o', htmlFile]).exitCode).toBe(0);
    const history = historyJson(['--since', '2y']);
    const withCommit = history.filter((point) => point.commit !== null).length;
    expect(withCommit).toBeLessThan(history.length);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
      await page.goto(`file://${htmlFile}`);
      expect(await page.locator('#trend circle.overdue').count()).toBe(withCommit);
      const colours = await page.evaluate(() =>
        ['polyline.overdue', 'text.overdue', 'polyline.unknown', 'text.unknown'].map((selector) => {
          const style = getComputedStyle(document.querySelector(`#trend ${selector}`)!);
          return selector.startsWith('text') ? style.fill : style.stroke;
        }),
      );
      expect(colours).toEqual(['rgb(180, 35, 24)', 'rgb(180, 35, 24)', 'rgb(105, 65, 198)', 'rgb(105, 65, 198)']);
      // The chart fits the page's width, its newest date label included.
      const box = await page.evaluate(() => {
        const svg = document.querySelector('#trend')!.getBoundingClientRect();
        const labels = [...document.querySelectorAll('#trend text')].map((text) => text.getBoundingClientRect());
        return { svgRight: svg.right, labelsRight: Math.max(...labels.map((label) => label.right)), page: document.documentElement.scrollWidth };
      });
      expect(box.labelsRight).toBeLessThanOrEqual(box.svgRight);
      expect(box.page).toBeLessThanOrEqual(1000);
    } finally {
      await browser.close();
    }
  });

  it('reads the pages in batches of blobs, one blob each at the least, with the same counts; a page too large to read counts unknown', () => {
    const loaded = loadProject({ cwd: project.root, ruleIds: RULE_IDS });
    const history = (reading?: BlobReading) =>
      complianceHistory({ project: loaded, asOf: AS_OF, since: parseSince('12m'), every: 'month', criteria: { all: false, withinDays: 20, groupBy: 'language' }, ownerOf: ownerResolver(loaded), ...(reading ? { reading } : {}) });
    const whole = history();
    expect(whole.every((point) => point.problem === undefined)).toBe(true);
    // Each blob in a batch of its own: more than one git read for a period.
    expect(history({ batchBytes: 1, largestBlob: 1 << 20 })).toEqual(whole);
    expect(history({ batchBytes: 600, largestBlob: 1 << 20 })).toEqual(whole);
    // Every page is larger than 64 bytes: each is counted, unknown, and none escapes.
    const tooLarge = history({ batchBytes: 1, largestBlob: 64 });
    for (const [index, point] of tooLarge.entries()) {
      const pages = whole[index]!.current + whole[index]!.dueSoon + whole[index]!.overdue + whole[index]!.unknown + whole[index]!.exempt;
      expect(point).toMatchObject({ periodEnd: whole[index]!.periodEnd, current: 0, dueSoon: 0, overdue: 0, exempt: 0, unknown: pages });
      expect(pages).toBeGreaterThan(10);
    }
  });

  it('reads 60,000 pages that share one blob in linear time (a hang guard ten times the run), each counted', () => {
    const shared = tempProject();
    try {
      const gitIn = (args: string[], input?: string) =>
        execFileSync('git', args, { cwd: shared.root, encoding: 'utf8', ...(input === undefined ? {} : { input }), env: { ...process.env, GIT_AUTHOR_DATE: '2026-11-20T12:00:00Z', GIT_COMMITTER_DATE: '2026-11-20T12:00:00Z' } });
      gitIn(['init', '-q', '-b', 'main']);
      shared.write('contentgov.config.json', '{}');
      shared.write('content/checked-out.md', page('2026-11-01'));
      // Built with git's plumbing, so the test writes one file, not 60,000.
      const blob = gitIn(['hash-object', '-w', '--stdin'], page('2026-11-01')).trim();
      const PAGES = 60_000;
      gitIn(['update-index', '--add', '--index-info'], Array.from({ length: PAGES }, (_, index) => `100644 ${blob}\tcontent/p${index}.md\n`).join(''));
      const commit = gitIn(['-c', 'user.name=Test', '-c', 'user.email=test@example.org', 'commit-tree', gitIn(['write-tree']).trim(), '-m', 'many']).trim();
      gitIn(['update-ref', 'refs/heads/main', commit]);
      // About 1.5 s. Adding each page's path by copying the list of the paths before it took 12 s at 40,000 pages, and ran into the guard here.
      const child = spawnSync(process.execPath, [CLI, 'overdue', '--as-of', AS_OF, '--history', '--since', '1w', '--every', 'week', '--format', 'json'], { cwd: shared.root, encoding: 'utf8', timeout: 15_000, maxBuffer: 64 * 1024 * 1024 });
      expect(child.signal, 'killed by the hang guard').toBeNull();
      const last = JSON.parse(child.stdout).overdue.history.at(-1) as Point;
      expect(last).toMatchObject({ periodEnd: AS_OF, commit, current: PAGES, dueSoon: 0, overdue: 0, unknown: 0, exempt: 0 });
    } finally {
      shared.cleanup();
    }
  });

  it('counts a page whose object is gone unknown, and a period whose tree is gone all unknown, and goes on', () => {
    const copy = tempProject();
    try {
      execFileSync('git', ['clone', '-q', '--no-local', project.root, copy.root]);
      const gitIn = (args: string[]) => execFileSync('git', args, { cwd: copy.root, encoding: 'utf8' });
      // Loose objects only in a fresh clone would be packed: unpack them so that one can be removed.
      const pack = gitIn(['rev-parse', '--git-path', 'objects/pack']).trim();
      for (const file of execFileSync('ls', [path.join(copy.root, pack)], { encoding: 'utf8' }).split('\n').filter((name) => name.endsWith('.pack'))) {
        execFileSync('sh', ['-c', `mv "$1" "$1.moved" && git unpack-objects -q < "$1.moved" && rm "$1.moved" "\${1%.pack}.idx"`, 'sh', path.join(copy.root, pack, file)], { cwd: copy.root });
      }
      const remove = (object: string) => rmSync(path.join(copy.root, '.git/objects', object.slice(0, 2), object.slice(2)));
      const julyCommit = gitIn(['rev-list', '-1', '--before=2026-07-25T23:59:59Z', 'HEAD']).trim();
      remove(gitIn(['rev-parse', `${julyCommit}:content/es/new-6.md`]).trim());
      const marchCommit = gitIn(['rev-list', '-1', '--before=2026-03-25T23:59:59Z', 'HEAD']).trim();
      remove(gitIn(['rev-parse', `${marchCommit}^{tree}`]).trim());
      const run = runCli(['overdue', '--as-of', AS_OF, '--history', '--format', 'json'], copy.root);
      expect(run.exitCode).toBe(0);
      const broken = JSON.parse(run.stdout).overdue.history as Point[];
      const intact = historyJson();
      const byEnd = (points: Point[], end: string) => points.find((point) => point.periodEnd === end)!;
      // The commit of 2026-02-02 is the last before both February's and March's period ends.
      const january = byEnd(intact, '2026-01-25');
      const lastKnown = january.current + january.dueSoon + january.overdue + january.unknown + january.exempt;
      for (const end of ['2026-02-25', '2026-03-25']) {
        expect(byEnd(broken, end).problem).toMatch(/^cannot read the commit: /);
        expect(byEnd(broken, end)).toMatchObject({ commit: marchCommit, current: 0, dueSoon: 0, overdue: 0, exempt: 0, unknown: lastKnown });
      }
      expect(byEnd(broken, '2026-01-25')).toEqual(january);
      expect(byEnd(broken, '2026-04-25')).toEqual(byEnd(intact, '2026-04-25'));
      const july = byEnd(broken, '2026-07-25');
      const julyIntact = byEnd(intact, '2026-07-25');
      expect(july.unknown).toBe(julyIntact.unknown + 1);
      expect(july.current + july.dueSoon + july.overdue).toBe(julyIntact.current + julyIntact.dueSoon + julyIntact.overdue - 1);
    } finally {
      copy.cleanup();
    }
  });

  it('refuses --since without --history, an unreadable span, and a project outside git, in one line', () => {
    expect(project.run(['overdue', '--since', '3m']).stderr).toBe('contentgov: --since is for --history\n');
    expect(project.run(['overdue', '--history', '--since', 'soon']).stderr).toBe('contentgov: --since soon: not a span of time (write 12m, 52w, 1y, 90d or P1Y)\n');
    const bare = tempProject();
    try {
      bare.write('content/a.md', page('2026-01-01'));
      const result = bare.run(['overdue', '--history']);
      expect([result.exitCode, result.stderr]).toEqual([2, 'contentgov: --history reads the content\'s git history, and the project is not in a git repository\n']);
    } finally {
      bare.cleanup();
    }
  });

  it('counts the pages of a content root inside a dot-folder, and still leaves out dot-folders below it', () => {
    const dotted = tempProject();
    const dottedGit = (args: string[], env: NodeJS.ProcessEnv = {}) => execFileSync('git', args, { cwd: dotted.root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    try {
      dottedGit(['init', '-q', '-b', 'main']);
      dotted.write('contentgov.config.json', JSON.stringify({ root: '.docs' }));
      dotted.write('.docs/a.md', page('2026-10-01'));
      dotted.write('.docs/b.md', page('2020-01-01'));
      dotted.write('.docs/.hidden/c.md', page('2020-01-01'));
      dotted.write('.docs/node_modules/d.md', page('2020-01-01'));
      const date = '2026-11-01T12:00:00Z';
      dottedGit(['add', '-A']);
      dottedGit(['-c', 'user.name=Test', '-c', 'user.email=test@example.org', 'commit', '-q', '-m', 'pages'], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
      const result = dotted.run(['overdue', '--as-of', AS_OF, '--history', '--since', '1m', '--format', 'json']);
      expect(result.stderr).toBe('');
      const point = (JSON.parse(result.stdout).overdue.history as Point[]).at(-1);
      const live = JSON.parse(dotted.run(['overdue', '--as-of', AS_OF, '--format', 'json']).stdout).overdue.totals;
      expect(point!.current + point!.dueSoon + point!.overdue + point!.unknown + point!.exempt).toBe(2);
      expect({ current: point!.current, overdue: point!.overdue }).toEqual({ current: live.current, overdue: live.overdue });
    } finally {
      dotted.cleanup();
    }
  });
});
