import { afterEach, describe, expect, it } from 'vitest';
import { seedDocument, tempProject, type TempProject } from './helpers/project.js';

let project: TempProject;
afterEach(() => project?.cleanup());

describe('lint, end to end', () => {
  it('exits 0 on a valid corpus and 1 with a located finding on a bad one', () => {
    project = tempProject();
    project.write('content/good.md', seedDocument());
    expect(project.run(['lint']).exitCode).toBe(0);
    project.write('content/bad.md', seedDocument({ lastReviewed: '2025-02-30' }));
    const result = project.run(['lint', '--format', 'json']);
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.findings).toEqual([
      expect.objectContaining({ ruleId: 'review-unknown', file: 'content/bad.md', line: 8, column: 1, field: 'lastReviewed' }),
    ]);
  });
});
