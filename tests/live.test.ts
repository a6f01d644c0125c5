/**
 * The live corpus (watch mode, the language server) updates its index in place when a save
 * changes only a page's headings: after each such save it must judge as a corpus read afresh does.
 */
import { rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProject } from '../src/config/load.js';
import { contentRootOf } from '../src/corpus/root.js';
import { parseOptionsOf, readDocument } from '../src/corpus/read.js';
import { LiveCorpus } from '../src/live.js';
import { RULE_IDS } from '../src/rules/index.js';
import { seedDocument, tempProject, type TempProject } from './helpers/project.js';

let project: TempProject;
afterEach(() => project?.cleanup());

const PAGES = ['content/a.md', 'content/b.md', 'content/sub/c.md'];
const HEADINGS = ['Side effects', 'Risks', 'Outlook', 'Costs'];

/** A page with some of the headings, linking to the others' headings by path, site path and canonical address. */
function page(index: number, headings: readonly string[]): string {
  const links = [
    '[a](/a/#side-effects) [b](https://www.cancer.gov/b#risks)',
    '[c](sub/c.md#outlook) [a](a.md#costs)',
    '[a](../a.md#risks) [b](https://www.cancer.gov/b/#costs)',
  ][index]!;
  const url = `https://www.cancer.gov/${['a', 'b', 'sub/c'][index]}`;
  return seedDocument({ url }, `${headings.map((heading) => `## ${heading}\n`).join('\n')}\n${links}\n`);
}

describe('LiveCorpus', () => {
  it('judges as a fresh corpus does after each save that changes only headings', () => {
    project = tempProject();
    PAGES.forEach((file, index) => project.write(file, page(index, HEADINGS)));
    const loaded = loadProject({ cwd: project.root, ruleIds: RULE_IDS });
    const options = { project: loaded, cwd: project.root, paths: [], asOf: '2026-01-15', generatedAt: '2026-01-15T00:00:00.000Z' };
    const live = new LiveCorpus(options);
    const judgeAll = (corpus: LiveCorpus) => corpus.check(corpus.documentsOf(PAGES)).findings;
    // A page loses headings, then another, then gets them back: each time the broken anchors move.
    const saves: [number, string[]][] = [
      [0, ['Risks', 'Outlook']],
      [1, ['Side effects']],
      [2, []],
      [0, HEADINGS],
      [1, ['Costs', 'Risks']],
    ];
    let brokenSeen = 0;
    for (const [index, headings] of saves) {
      const file = PAGES[index]!;
      project.write(file, page(index, headings));
      const document = readDocument({ path: path.join(project.root, file), file, root: contentRootOf(loaded) }, parseOptionsOf(loaded.config));
      const before = live.index;
      live.replace(new Map([[file, document]]));
      // Updated in place, not rebuilt: the anchors-only path is the one under test.
      expect(live.index).not.toBe(before);
      const findings = judgeAll(live);
      expect(findings).toEqual(judgeAll(new LiveCorpus(options)));
      brokenSeen += findings.filter((finding) => finding.ruleId === 'link-missing-anchor').length;
    }
    expect(brokenSeen).toBeGreaterThan(4);
  });

  it('judges as a fresh corpus does when a page that could not be read becomes a link out of the root', () => {
    project = tempProject();
    project.write('content/a.md', seedDocument({}, '[x](b.md#nope)\n'));
    // Not UTF-8: not read, so a fragment into it is not judged.
    project.write('content/b.md', Buffer.concat([Buffer.from(seedDocument({}, '# B ')), Buffer.from([0xe9, 0x0a])]));
    project.write('outside.md', '# Outside\n');
    const loaded = loadProject({ cwd: project.root, ruleIds: RULE_IDS });
    const options = { project: loaded, cwd: project.root, paths: [], asOf: '2026-01-15', generatedAt: '2026-01-15T00:00:00.000Z' };
    const live = new LiveCorpus(options);
    const anchorFindings = (corpus: LiveCorpus) => corpus.check(corpus.documentsOf(['content/a.md'])).findings.filter((finding) => finding.ruleId === 'link-missing-anchor');
    expect(anchorFindings(live)).toEqual([]);
    const file = 'content/b.md';
    rmSync(path.join(project.root, file));
    symlinkSync(path.join(project.root, 'outside.md'), path.join(project.root, file));
    live.replace(new Map([[file, readDocument({ path: path.join(project.root, file), file, root: contentRootOf(loaded) }, parseOptionsOf(loaded.config))]]));
    const fresh = anchorFindings(new LiveCorpus(options));
    expect(fresh).toHaveLength(1);
    expect(anchorFindings(live)).toEqual(fresh);
  });
});
