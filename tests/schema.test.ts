import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintJson, seedDocument, tempProject, type TempProject } from './helpers/project.js';

/** Each case writes one document into a shared project; one lint run judges them all. */
const VALID: Record<string, string[]> = {
  // '12' and "[…]" as strings: a value's answer is remembered, and 12 or a list must not share it (see INVALID).
  title: ['Cryosurgery', "'Quoted: with colon'", "'12'"],
  url: ['https://www.cancer.gov/a/b', 'http://example.org/page?x=1'],
  source: ['NCI'],
  citation: ['"NCI, 2025"'],
  sourceType: ['02_nci_core', '10_x'],
  license: ['public_domain', 'cc_by_4'],
  language: ['en', 'es', 'pt-BR'],
  audienceLevel: ['patient', 'caregiver', 'health_professional', 'researcher', 'general'],
  cancerTypes: ['\n- skin\n- non-small-cell-lung', '[breast, prostate]'],
  tags: ['\n- treatment'],
  lastReviewed: ["'2025-12-30'", '2025-12-30', '"2024-02-29"'],
  reviewFrequency: ['monthly', 'quarterly', 'semiannual', 'annual', 'biennial', 'P90D', '6 months'],
  status: ['active', 'draft', 'archived', 'retired'],
  version: ['v1', 'v2.1.3'],
};

const INVALID: Record<string, string[]> = {
  title: ["''", '"   "', '12', '\n- a'],
  url: ['/relative/path', 'ftp://example.org/file', 'not a url', 'https://'],
  source: ["''"],
  citation: ['[]'],
  sourceType: ['2_nci', 'nci_core', '02_NCI', '02-nci'],
  license: ['Public Domain', 'public-domain'],
  language: ['english', 'EN', 'pt-br', 'e'],
  audienceLevel: ['patients', 'Patient'],
  cancerTypes: ['[]', '\n- Skin', '\n- non_small', '\n- a b', 'skin', `'["breast","prostate"]'`],
  tags: ['[]', '\n- Treatment'],
  lastReviewed: ['2025-02-30', '2025-13-45', "'30/12/2025'", '2025-1-5', 'yesterday'],
  reviewFrequency: ['sometimes', 'P0D', '12'],
  status: ['published', 'Active'],
  version: ['1', 'v', 'v1.', 'version1'],
};

let project: TempProject;
let findingsByFile: Map<string, { ruleId: string; field?: string; line: number; column: number; message: string }[]>;
const cases: { file: string; field: string; value: string; valid: boolean }[] = [];

beforeAll(() => {
  project = tempProject();
  for (const [valid, table] of [[true, VALID], [false, INVALID]] as const) {
    for (const [field, values] of Object.entries(table)) {
      values.forEach((value, index) => {
        const file = `content/${valid ? 'valid' : 'invalid'}/${field}-${index}.md`;
        project.write(file, seedDocument({ [field]: value }));
        cases.push({ file, field, value, valid });
      });
    }
  }
  // Review rules are tested on their own; here only the metadata counts (review-unknown off: the schema reports the review fields itself).
  const { report } = lintJson(project, ['--rule', 'review-due-soon=off', '--rule', 'review-overdue=off', '--rule', 'review-unknown=off']);
  findingsByFile = new Map();
  for (const finding of report.findings) {
    const list = findingsByFile.get(finding.file) ?? [];
    list.push(finding);
    findingsByFile.set(finding.file, list);
  }
});
afterAll(() => project.cleanup());

describe('default document schema', () => {
  it.each(Object.entries(VALID).flatMap(([field, values]) => values.map((value) => [field, value])))('accepts %s: %j', (field, value) => {
    const file = cases.find((entry) => entry.valid && entry.field === field && entry.value === value)!.file;
    expect(findingsByFile.get(file) ?? []).toEqual([]);
  });

  it.each(Object.entries(INVALID).flatMap(([field, values]) => values.map((value) => [field, value])))('rejects %s: %j with one located finding', (field, value) => {
    const file = cases.find((entry) => !entry.valid && entry.field === field && entry.value === value)!.file;
    const findings = findingsByFile.get(file) ?? [];
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({ ruleId: 'metadata-schema', field, column: 1 });
    expect(finding!.message).toContain(`"${field}"`);
    // The finding points at the line of the offending key.
    const lines = seedDocument({ [field]: value }).split('\n');
    expect(lines[finding!.line - 1]).toMatch(new RegExp(`^${field}:`));
  });
});

describe('metadata findings', () => {
  let local: TempProject;
  afterAll(() => local.cleanup());

  it('reports a missing field at the opening --- and one finding per bad field', () => {
    local = tempProject();
    local.write('content/a.md', seedDocument({ citation: undefined, status: 'published', version: '1' }));
    const { exitCode, report } = lintJson(local);
    expect(exitCode).toBe(1);
    expect(report.findings.map((finding) => [finding.field, finding.line, finding.column])).toEqual([
      ['citation', 1, 1],
      ['status', 12, 1],
      ['version', 17, 1],
    ]);
    expect(report.findings[0]!.message).toBe('required field "citation" is missing');
  });

  it('warns about an unknown field with a did-you-mean', () => {
    local.write('content/a.md', seedDocument({ lastReviewed: undefined, lastreviewed: "'2025-12-30'", reviewer: 'Ana' }));
    const { exitCode, report } = lintJson(local);
    expect(exitCode).toBe(1);
    const unknown = report.findings.filter((finding) => finding.ruleId === 'metadata-unknown-field');
    expect(unknown.map((finding) => [finding.field, finding.severity, finding.message])).toEqual([
      ['lastreviewed', 'warning', 'unknown field "lastreviewed"; did you mean "lastReviewed"?'],
      ['reviewer', 'warning', 'unknown field "reviewer"'],
    ]);
    // A missing review date makes the review impossible to judge: one finding, from review-unknown.
    const missing = report.findings.filter((finding) => finding.field === 'lastReviewed');
    expect(missing).toEqual([expect.objectContaining({ ruleId: 'review-unknown', line: 1 })]);
  });

  it('explains what a valid value looks like', () => {
    local.write('content/a.md', seedDocument({ lastReviewed: '2025-02-30', tags: '\n- ok\n- Not Kebab' }));
    const { report } = lintJson(local, ['--rule', 'review-unknown=off']);
    expect(report.findings.map((finding) => finding.message)).toEqual([
      '"lastReviewed" must be a real calendar date written YYYY-MM-DD; got "2025-02-30"',
      '"tags" must be a non-empty list of lowercase kebab-case values (a-z, 0-9 and hyphens; no spaces or accents); item 2 is "Not Kebab"',
    ]);
  });
});
