/** Per-path overrides, conditional requirements and the string-or-list type, on real corpora. */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProject } from '../src/config/load.js';
import { RULE_IDS } from '../src/rules/index.js';
import { expectRefusedConfig } from './helpers/config.js';
import { REPO_ROOT, lintJson, seedDocument, tempProject, type JsonReport, type TempProject } from './helpers/project.js';

let project: TempProject;
afterEach(() => project?.cleanup());

const writeConfig = (config: unknown) => project.write('contentgov.config.json', JSON.stringify(config, null, 2));
const findingsOf = (report: JsonReport) => report.findings.map((finding) => `${finding.severity} ${finding.file}:${finding.line} ${finding.ruleId} ${finding.message}`);
const statusOf = (report: JsonReport) => Object.fromEntries(report.documents.map((document) => [document.file, `${document.reviewStatus} ${document.nextReviewDue ?? '-'}`]));

describe('overrides', () => {
  it('require other fields for es/**, a later entry winning over an earlier one', () => {
    project = tempProject();
    writeConfig({
      overrides: [
        { files: ['content/es/**'], fields: { translator: { type: 'string' }, language: { pattern: '^es(-[A-Z]{2})?$' } } },
        { files: ['content/es/legal/**'], fields: { translator: { required: false } } },
      ],
    });
    project.write('content/en/a.md', seedDocument());
    project.write('content/es/a.md', seedDocument({ language: 'en' }));
    project.write('content/es/b.md', seedDocument({ language: 'es', translator: 'Ana' }));
    project.write('content/es/legal/c.md', seedDocument({ language: 'es-MX' }));
    const { report, exitCode } = lintJson(project, ['--no-links']);
    expect(findingsOf(report)).toEqual([
      'error content/es/a.md:1 metadata-schema required field "translator" is missing',
      'error content/es/a.md:7 metadata-schema "language" must be an ISO 639-1 code with an optional region, such as en, es or pt-BR; got "en"',
    ]);
    expect(exitCode).toBe(1);
    // A field an override adds is unknown elsewhere.
    project.write('content/en/a.md', seedDocument({ translator: 'Bo' }));
    expect(findingsOf(lintJson(project, ['--no-links']).report)).toContain('warning content/en/a.md:19 metadata-unknown-field unknown field "translator"');
  });

  it('turn rules off for archive/**, while --rule still wins over every override', () => {
    project = tempProject();
    writeConfig({ overrides: [{ files: ['content/archive/**'], rules: { 'metadata-schema': 'off', 'review-overdue': 'off', 'metadata-unknown-field': 'error' } }] });
    const old = seedDocument({ lastReviewed: "'2019-01-01'", version: 'one', legacyId: '7' });
    project.write('content/archive/old.md', old);
    project.write('content/current/old.md', old);
    const { report } = lintJson(project, ['--no-links']);
    expect(findingsOf(report)).toEqual([
      'error content/archive/old.md:19 metadata-unknown-field unknown field "legacyId"',
      'error content/current/old.md:8 review-overdue review overdue: due 2019-04-01 (quarterly after 2019-01-01), 2481 days ago',
      'error content/current/old.md:18 metadata-schema "version" must be v followed by numbers, such as v1 or v2.1; got "one"',
      'warning content/current/old.md:19 metadata-unknown-field unknown field "legacyId"',
    ]);
    const forced = lintJson(project, ['--no-links', '--rule', 'metadata-schema=warning']).report;
    expect(findingsOf(forced).filter((finding) => finding.includes('metadata-schema'))).toEqual([
      'warning content/archive/old.md:18 metadata-schema "version" must be v followed by numbers, such as v1 or v2.1; got "one"',
      'warning content/current/old.md:18 metadata-schema "version" must be v followed by numbers, such as v1 or v2.1; got "one"',
    ]);
  });

  it("set a folder's default review frequency and its own named frequencies", () => {
    project = tempProject();
    writeConfig({
      fields: { reviewFrequency: { required: false } },
      review: { defaultFrequency: 'annual' },
      overrides: [
        { files: ['content/fast/**'], review: { defaultFrequency: 'monthly', dueSoonDays: 5 } },
        { files: ['content/slow/**'], review: { defaultFrequency: 'decade', frequencies: { decade: 'P10Y' } } },
      ],
    });
    const unscheduled = seedDocument({ reviewFrequency: undefined, lastReviewed: "'2025-12-01'" });
    for (const folder of ['plain', 'fast', 'slow']) project.write(`content/${folder}/a.md`, unscheduled);
    project.write('content/fast/b.md', seedDocument({ reviewFrequency: 'annual', lastReviewed: "'2025-12-01'" }));
    const { report, exitCode } = lintJson(project, ['--no-links']);
    expect(statusOf(report)).toEqual({
      'content/fast/a.md': 'overdue 2026-01-01',
      'content/fast/b.md': 'current 2026-12-01',
      'content/plain/a.md': 'current 2026-12-01',
      'content/slow/a.md': 'current 2035-12-01',
    });
    expect(findingsOf(report)).toEqual(['error content/fast/a.md:8 review-overdue review overdue: due 2026-01-01 (monthly after 2025-12-01), 14 days ago']);
    expect(exitCode).toBe(1);
  });

  it('apply to review and new as to lint: the fields and the default frequency of the folder', () => {
    project = tempProject();
    writeConfig({
      fields: { reviewFrequency: { required: false } },
      overrides: [{ files: ['content/es/**'], fields: { translator: { type: 'string' } }, review: { defaultFrequency: 'monthly' } }],
    });
    project.write('content/es/a.md', seedDocument({ language: 'es', reviewFrequency: undefined }));
    project.write('content/es/b.md', seedDocument({ language: 'es', reviewFrequency: undefined, translator: 'Ana' }));
    const refused = project.run(['review', 'content/es/a.md', '--date', '2026-01-10']);
    expect(refused.stderr).toContain('required field "translator" is missing');
    expect(refused.exitCode).not.toBe(0);
    const reviewed = project.run(['review', 'content/es/b.md', '--date', '2026-01-10']);
    expect(reviewed.stdout).toBe('content/es/b.md: reviewed 2026-01-10, next review due 2026-02-10\n');
    expect(reviewed.exitCode).toBe(0);
    const args = ['--title', 'T', '--source', 'NCI', '--source-type', '02_nci_core', '--license', 'public_domain', '--cancer-types', 'skin', '--tags', 'treatment', '--url', 'https://example.org/t'];
    expect(project.run(['new', 'content/es/c.md', ...args]).stderr).toContain('translator');
    expect(project.run(['new', 'content/en/c.md', ...args]).exitCode).toBe(0);
  });

  it.each([
    [{ overrides: [{ files: [], rules: {} }] }, 'overrides[0].files: '],
    [{ overrides: [{ files: ['a/**'], rules: { 'no-such-rule': 'off' } }] }, 'overrides[0].rules.no-such-rule: no such rule'],
    [{ overrides: [{ files: ['a/**'], fields: { steward: { required: true } } }] }, 'overrides[0].fields.steward.type: a new field needs a type'],
    [{ overrides: [{ files: ['a/**'] }, { files: ['b/**'], review: { defaultFrequency: 'sometimes' } }] }, 'overrides[1].review.defaultFrequency: is not a named frequency'],
    [{ overrides: [{ files: ['a/**'], review: { dueSoon: 3 } }] }, 'overrides[0].review.dueSoon: unknown key'],
  ])('a bad override %j exits 2 naming its path', (config, expected) => {
    project = tempProject();
    expectRefusedConfig(project, config, expected);
  });
});

describe('the config JSON Schema', () => {
  it('that init points $schema at, and schema --config-schema prints, offers overrides, requiredWhen and string-or-list', () => {
    project = tempProject();
    const printed = JSON.parse(project.run(['schema', '--config-schema']).stdout);
    expect(JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas/contentgov.config.schema.json'), 'utf8'))).toEqual(printed);
    const override = printed.properties.overrides.items;
    expect(Object.keys(override.properties)).toEqual(['files', 'fields', 'rules', 'review']);
    const fieldSpec = printed.properties.fields.additionalProperties.anyOf[0];
    expect(fieldSpec.properties.type.enum).toContain('string-or-list');
    expect(fieldSpec.properties.requiredWhen.description).toMatch(/^Required only when/);
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(printed);
    expect(validate({ overrides: [{ files: ['content/es/**'], fields: { translator: { type: 'string', requiredWhen: { status: 'active' } } }, review: { dueSoonDays: 7 } }] })).toBe(true);
    expect(validate({ overrides: [{ files: ['content/es/**'], review: { dueSoon: 7 } }] })).toBe(false);
  });
});

describe('settings per document', () => {
  it('are built once per distinct set of matching overrides: a handful for 10,000 pages', () => {
    project = tempProject();
    writeConfig({
      overrides: [
        { files: ['content/es/**'], fields: { translator: { type: 'string' } } },
        { files: ['content/archive/**'], rules: { 'metadata-schema': 'off' } },
        { files: ['content/news/**', 'content/es/1*/**'], review: { dueSoonDays: 7 } },
      ],
    });
    const loaded = loadProject({ cwd: project.root, ruleIds: RULE_IDS });
    const files = Array.from({ length: 10_000 }, (_, index) => `content/${['en', 'es', 'archive', 'news'][index % 4]}/${index % 50}/p${index}.md`);
    const schemas = new Set(files.map((file) => loaded.settingsFor(file).schema));
    // none, es, archive, news, es + news (es/1*/)
    expect(schemas.size).toBe(5);
    expect(loaded.settingsFor('content/en/0/p0.md').schema).toBe(loaded.schema);
    expect(Object.keys(loaded.settingsFor('content/es/1/p1.md').schema.fields)).toContain('translator');
    expect(loaded.settingsFor('content/es/1/p1.md').config.review.dueSoonDays).toBe(7);
    expect(loaded.settingsFor('content/archive/2/p2.md').config.rules).toEqual({ 'metadata-schema': 'off' });
  });
});

describe('requiredWhen', () => {
  it('requires a field only when another field has the value (or one of the values) named', () => {
    project = tempProject();
    writeConfig({
      fields: {
        owner: { type: 'string', requiredWhen: { status: 'active' } },
        retiredBy: { type: 'string', requiredWhen: { status: ['archived', 'retired'], audienceLevel: 'patient' } },
      },
    });
    project.write('content/active.md', seedDocument());
    project.write('content/active-owned.md', seedDocument({ owner: 'skin-team' }));
    project.write('content/draft.md', seedDocument({ status: 'draft' }));
    project.write('content/retired.md', seedDocument({ status: 'retired', owner: 'x' }));
    project.write('content/retired-pro.md', seedDocument({ status: 'retired', audienceLevel: 'researcher' }));
    const { report, exitCode } = lintJson(project, ['--no-links']);
    expect(findingsOf(report)).toEqual([
      'error content/active.md:1 metadata-schema required field "owner" is missing (required when status is "active")',
      'error content/retired.md:1 metadata-schema required field "retiredBy" is missing (required when status is "retired" and audienceLevel is "patient")',
    ]);
    expect(exitCode).toBe(1);
  });

  it('is an if/then in the metadata JSON Schema that `contentgov schema` prints', () => {
    project = tempProject();
    writeConfig({ defaultFields: false, fields: { status: { type: 'enum', values: ['active', 'draft'] }, owner: { type: 'string', requiredWhen: { status: 'active' } } } });
    const printed = project.run(['schema']);
    expect(printed.exitCode).toBe(0);
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(printed.stdout));
    expect([{ status: 'active' }, { status: 'active', owner: 'Ana' }, { status: 'draft' }].map((metadata) => validate(metadata))).toEqual([false, true, true]);
  });

  it('names a condition on a field the schema does not have, and a field both required and conditional', () => {
    project = tempProject();
    project.write('content/a.md', seedDocument());
    writeConfig({ fields: { owner: { type: 'string', requiredWhen: { stauts: 'active' } } } });
    expect(project.run(['lint']).stderr).toBe('contentgov: contentgov.config.json: fields.owner.requiredWhen.stauts: no such field\n');
    writeConfig({ fields: { owner: { type: 'string', requiredWhen: { Status: 'active' } } } });
    expect(project.run(['lint']).stderr).toBe('contentgov: contentgov.config.json: fields.owner.requiredWhen.Status: no such field; did you mean "status"?\n');
    writeConfig({ fields: { owner: { type: 'string', required: true, requiredWhen: { status: 'active' } } } });
    const both = project.run(['lint']);
    expect(both.stderr).toBe('contentgov: contentgov.config.json: fields.owner: "required": true and "requiredWhen" contradict; keep one\n');
    expect(both.exitCode).toBe(2);
  });
});

describe('the string-or-list type', () => {
  it('accepts one value or a non-empty list, each checked against the pattern (Jekyll tags)', () => {
    project = tempProject();
    // A new type replaces the default field, so the pattern is given again.
    writeConfig({ fields: { tags: { type: 'string-or-list', pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' } } });
    project.write('content/one.md', seedDocument({ tags: 'treatment' }));
    project.write('content/list.md', seedDocument({ tags: '[treatment, skin]' }));
    project.write('content/bad-item.md', seedDocument({ tags: '[treatment, Skin Care]' }));
    project.write('content/bad-one.md', seedDocument({ tags: 'Skin Care' }));
    project.write('content/empty.md', seedDocument({ tags: '[]' }));
    const { report, exitCode } = lintJson(project, ['--no-links']);
    expect(findingsOf(report)).toEqual([
      'error content/bad-item.md:14 metadata-schema "tags" must be text or a non-empty list of text matching /^[a-z0-9]+(?:-[a-z0-9]+)*$/; item 2 is "Skin Care"',
      'error content/bad-one.md:14 metadata-schema "tags" must be text or a non-empty list of text matching /^[a-z0-9]+(?:-[a-z0-9]+)*$/; got "Skin Care"',
      'error content/empty.md:14 metadata-schema "tags" must be text or a non-empty list of text matching /^[a-z0-9]+(?:-[a-z0-9]+)*$/; got an empty list',
    ]);
    expect(exitCode).toBe(1);
  });

  it('describes itself in messages when it has no description, and takes values', () => {
    project = tempProject();
    writeConfig({ fields: { categories: { type: 'string-or-list', values: ['news', 'guide'] }, labels: { type: 'string-or-list', pattern: '^[a-z]+$' } } });
    project.write('content/a.md', seedDocument({ categories: '[news, blog]', labels: 'A' }));
    expect(findingsOf(lintJson(project, ['--no-links']).report)).toEqual([
      'error content/a.md:19 metadata-schema "categories" must be one of news, guide, or a non-empty list of them; item 2 is "blog"',
      'error content/a.md:20 metadata-schema "labels" must be text or a non-empty list of text matching /^[a-z]+$/; got "A"',
    ]);
  });
});
