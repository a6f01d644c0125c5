import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { normaliseDate } from '../src/edit/fixes.js';
import { lintJson, seedDocument, tempProject, type TempProject } from './helpers/project.js';

let project: TempProject;
afterEach(() => project?.cleanup());
const read = (file: string) => readFileSync(path.join(project.root, file), 'utf8');

describe('lint --fix', () => {
  it('normalises only unambiguous dates', () => {
    expect(['2025/12/30', '2025.12.30', '2025-12-30T08:00:00Z', '2025-1-5', 'December 30, 2025', '30 Dec 2025', 'Dec. 30, 2025'].map(normaliseDate)).toEqual([
      '2025-12-30', '2025-12-30', '2025-12-30', '2025-01-05', '2025-12-30', '2025-12-30', '2025-12-30',
    ]);
    expect(['12/30/2025', '30/12/2025', '2025/02/30', 'Smarch 3, 2025', 'yesterday'].map(normaliseDate)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('lists what it fixed before what is left to fix, as it happened', () => {
    project = tempProject();
    project.write('content/a.md', seedDocument({ lastReviewed: '"December 30, 2025"', extra: 'x' }));
    const { stdout } = project.run(['lint', '--fix']);
    const fixed = stdout.indexOf('fixed 1 problem:\n  content/a.md:');
    const left = stdout.indexOf('content/a.md\n  content/a.md:');
    expect(fixed).toBe(0);
    expect(left).toBeGreaterThan(fixed);
    expect(stdout).toContain('unknown field "extra"');
  });

  it('rewrites only what it fixes, byte for byte elsewhere: comments, CRLF, quoting, the body', () => {
    project = tempProject();
    const original = [
      '---',
      '# Reviewed by the skin team',
      'audienceLevel: patient',
      "cancerTypes: [Skin, skin, 'Basal Cell']",
      "citation: 'NCI, 2025   '",
      'language: en  # English',
      'lastReviewed: "December 30, 2025"',
      'license: public_domain',
      'reviewFrequency: quarterly',
      'source: NCI',
      'sourceType: 02_nci_core',
      'status: active',
      'tags:',
      '  - Treatment',
      '  - treatment',
      '  - side_effects',
      'title: "Cryosurgery"',
      'url: https://www.cancer.gov/about-cancer/treatment/types/surgery/cryosurgery',
      'version: v1',
      '---',
      '',
      '# Body  ',
      'Text with trailing spaces   ',
      '',
    ].join('\r\n');
    project.write('content/a.md', original);
    const { exitCode, report } = lintJson(project, ['--fix']);
    const expected = original
      .replace("cancerTypes: [Skin, skin, 'Basal Cell']", 'cancerTypes: [skin, basal-cell]')
      .replace("citation: 'NCI, 2025   '", "citation: 'NCI, 2025'")
      .replace('lastReviewed: "December 30, 2025"', 'lastReviewed: "2025-12-30"')
      .replace('  - Treatment\r\n  - treatment\r\n  - side_effects', '  - treatment\r\n  - side-effects');
    expect(read('content/a.md')).toBe(expected);
    expect(report.fixes).toEqual([
      { file: 'content/a.md', line: 4, field: 'cancerTypes', description: 'cancerTypes: [Skin, skin, Basal Cell] → [skin, basal-cell]' },
      { file: 'content/a.md', line: 5, field: 'citation', description: 'citation: trailing white space removed' },
      { file: 'content/a.md', line: 7, field: 'lastReviewed', description: 'lastReviewed "December 30, 2025" → 2025-12-30' },
      { file: 'content/a.md', line: 14, field: 'tags', description: 'tags: "Treatment" → "treatment"' },
      { file: 'content/a.md', line: 15, field: 'tags', description: 'tags: duplicate "treatment" removed' },
      { file: 'content/a.md', line: 16, field: 'tags', description: 'tags: "side_effects" → "side-effects"' },
    ]);
    expect(report.findings).toEqual([]);
    expect(exitCode).toBe(0);
    // A second run finds nothing left to fix and changes nothing.
    expect(lintJson(project, ['--fix']).report.fixes).toEqual([]);
    expect(read('content/a.md')).toBe(expected);
  });

  it('leaves ambiguous or unsafe values for a person, and reports them', () => {
    project = tempProject();
    const original = seedDocument({ lastReviewed: "'12/30/2025'", tags: '\n- Not Kebab!' });
    project.write('content/a.md', original);
    const { report } = lintJson(project, ['--fix']);
    expect(report.findings.map((finding) => finding.field)).toEqual(['lastReviewed', 'tags']);
    expect(read('content/a.md')).toBe(original);
  });

  it('turns a block-scalar date into a quoted one without joining it to the next line', () => {
    project = tempProject();
    const original = seedDocument({ lastReviewed: '|-\n  2025/12/30' }).replace(/\n/g, '\r\n');
    project.write('content/a.md', original);
    const { report, exitCode } = lintJson(project, ['--fix']);
    expect(read('content/a.md')).toBe(original.replace('|-\r\n  2025/12/30', "'2025-12-30'"));
    expect(report.findings).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it('keeps a flow-list value that looks like a boolean or number as text', () => {
    project = tempProject();
    const original = seedDocument({ tags: "['True', treatment, 'TRUE']", cancerTypes: "['2024', skin]" });
    project.write('content/a.md', original);
    const { report } = lintJson(project, ['--fix']);
    expect(read('content/a.md')).toBe(original.replace("['True', treatment, 'TRUE']", "['true', treatment]"));
    expect(report.findings).toEqual([]);
  });

  it('refuses a report it cannot write before it fixes anything, or checks anything', () => {
    project = tempProject();
    const original = seedDocument({ lastReviewed: '"December 30, 2025"' });
    project.write('content/a.md', original);
    project.write('report.json', 'an earlier report');
    for (const [output, refusal] of [
      ['/dev/null/lint.json', 'contentgov: cannot write /dev/null/lint.json: reports are written only inside the project folder or the working directory'],
      ['content', `contentgov: cannot write ${path.join(project.root, 'content')}: it is a folder`],
    ]) {
      const result = project.run(['lint', '--fix', '--as-of', '2026-01-15', '-o', `json:${output}`]);
      expect(result).toMatchObject({ exitCode: 2, stdout: '', stderr: `${refusal}\n` });
      expect(read('content/a.md')).toBe(original);
    }
    // The same run with a place it may write: fixed, and written.
    expect(project.run(['lint', '--fix', '--as-of', '2026-01-15', '-o', 'json:report.json']).exitCode).toBe(0);
    expect(read('content/a.md')).not.toBe(original);
    expect(JSON.parse(read('report.json')).fixes).toHaveLength(1);
  });
});
