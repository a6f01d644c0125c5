/**
 * review and lint --fix edit the frontmatter block the reader reads, not another one: the block
 * ends where corpus/frontmatter.ts ends it, whatever line separators a hostile page holds.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseReport, seedDocument, tempProject, type TempProject } from './helpers/project.js';

let project: TempProject | undefined;
afterEach(() => project?.cleanup());

describe('review records the date in the block the reader reads', () => {
  for (const [name, separator] of [
    ['U+2028', '\u2028'],
    ['U+2029', '\u2029'],
  ] as const) {
    it(`a value ending in ${name} then --- (the block ended there, and status, tags and title went into the body)`, () => {
      project = tempProject();
      const before = seedDocument({ citation: `NCI, 2025${separator}---`, lastReviewed: "'2024-01-02'" });
      const file = project.write('content/a.md', before);
      const lintBefore = parseReport(project.run(['lint', '--format', 'json']));
      expect(lintBefore.findings.map((finding) => finding.ruleId)).toEqual(['review-overdue']);
      const review = project.run(['review', 'content/a.md', '--date', '2026-01-10']);
      expect(review.stderr).toBe('');
      expect(review.exitCode).toBe(0);
      // Only the date changed, byte for byte.
      expect(readFileSync(file, 'utf8')).toBe(before.replace("lastReviewed: '2024-01-02'", "lastReviewed: '2026-01-10'"));
      const lintAfter = parseReport(project.run(['lint', '--format', 'json']));
      expect(lintAfter.findings).toEqual([]);
      project.cleanup();
      project = undefined;
    });
  }
});
