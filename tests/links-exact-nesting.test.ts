/**
 * Pages under 64 KB that the line scanner hands to the exact extractor (micromark) must not crash
 * the run or take time growing with the square of their nesting: a block quote or list nested a
 * few thousand deep (one line of `>` or `- `) overflowed the stack in the extractor's tree walk
 * (`internal error: RangeError: Maximum call stack size exceeded`, exit 2 for the whole run), and
 * micromark's own work grows with depth × lines; a heading of nested emphasis overflowed the walk
 * that gathers a heading's text.
 */
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { extractExact } from '../src/links/exact.js';
import { extractLinks } from '../src/links/extract.js';
import { CLI, seedDocument, tempProject, type JsonReport, type TempProject } from './helpers/project.js';

const HANG_GUARD_MS = 10_000;

let project: TempProject | undefined;
afterEach(() => {
  project?.cleanup();
  project = undefined;
});

function lint(body: string): { exitCode: number | null; report: JsonReport; stderr: string } {
  project = tempProject('contentgov-nesting-');
  project.write('contentgov.config.json', '{}');
  project.write('content/doc.md', seedDocument({}, `${body}\n\n[sentinel](#nowhere)\n`));
  const child = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', '--as-of', '2026-01-15'], { cwd: project.root, encoding: 'utf8', timeout: HANG_GUARD_MS });
  expect(child.signal, 'killed at the hang guard').toBeNull();
  expect(child.stderr).not.toContain('internal error');
  return { exitCode: child.status, report: JSON.parse(child.stdout) as JsonReport, stderr: child.stderr };
}

describe('deep nesting under the exact extractor', () => {
  it.each([
    ['a block quote nested 5,000 deep (5 KB)', `${'>'.repeat(5_000)} # h`],
    ['a list nested 5,000 deep (10 KB)', `${'- '.repeat(5_000)}# h`],
    ['a block quote 2,000 deep followed by 25,000 lazy lines (52 KB)', `${'>'.repeat(2_000)} a\n${'a\n'.repeat(25_000)}> # h`],
  ])('%s lints, finding the broken anchor after it', (_name, body) => {
    const { exitCode, report } = lint(body);
    expect(exitCode).toBe(1);
    expect(report.findings.filter((finding) => finding.ruleId === 'link-missing-anchor')).toHaveLength(1);
  });

  it('a heading of 4,000 nested emphases gives its anchor, without a stack overflow', () => {
    const heading = `# ${'*a '.repeat(4_000)}x${' a*'.repeat(4_000)}`;
    // The walks over the tree are iterative: the extractor itself takes it.
    expect(extractExact(`${heading}\n`, 1).anchors).toHaveLength(1);
  });

  it('a shallow nesting still goes to the exact extractor', () => {
    expect(extractLinks('> > - # Deep *heading*\n', 1).anchors).toEqual(['deep-heading']);
  });
});
