import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../src/schema/json-schema.js';
import { RULES } from '../src/rules/index.js';
import { ruleTableMarkdown } from '../src/rules/docs.js';
import { SCHEDULED_WORKFLOW } from '../src/scaffold/templates.js';
import { REPO_ROOT, runCli } from './helpers/project.js';

describe('documentation generated from the code', () => {
  it('the README rule table is current (npm run docs)', () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`<!-- rules:start -->\n${ruleTableMarkdown()}\n<!-- rules:end -->`);
    for (const rule of RULES) expect(readme).toContain(`| \`${rule.id}\` |`);
  });

  it('the committed config schema is current (npm run docs), and the bundled config passes it', () => {
    const committed = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas/contentgov.config.schema.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(configJsonSchema())));
    expect(JSON.parse(readFileSync(path.join(REPO_ROOT, 'contentgov.config.json'), 'utf8')).$schema).toBe('./schemas/contentgov.config.schema.json');
  });

  it('the repository\'s weekly workflow is the one init writes (npm run docs)', () => {
    expect(readFileSync(path.join(REPO_ROOT, '.github/workflows/content-scheduled.yml'), 'utf8')).toBe(SCHEDULED_WORKFLOW);
  });

  it('explain prints a rule, lists them, and suggests a near miss', () => {
    const explained = runCli(['explain', 'link-missing-anchor'], REPO_ROOT);
    expect(explained.exitCode).toBe(0);
    expect(explained.stdout).toMatch(/^link-missing-anchor \(default: error\)\n\n.+\n\nWhy: .+\n\nFix: .+\n\nExample:\n {2}/);
    expect(runCli(['explain', '--list'], REPO_ROOT).stdout.trim().split('\n')).toHaveLength(RULES.length);
    expect(runCli(['explain', 'link-missing-anchors'], REPO_ROOT)).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('did you mean "link-missing-anchor"?') });
  });

  it('schema prints the metadata JSON Schema with the config in force', () => {
    const schema = JSON.parse(runCli(['schema'], REPO_ROOT).stdout);
    expect(schema.properties.sourceType.pattern).toBe('^\\d{2}_[a-z0-9_]+$');
    expect(schema.properties.owner).toMatchObject({ type: 'string', pattern: '^[a-z0-9-]+$' });
    expect(schema.required).toContain('lastReviewed');
    expect(schema.required).not.toContain('owner');
    expect(JSON.parse(runCli(['schema', '--config-schema'], REPO_ROOT).stdout).properties.review).toBeDefined();
  });
});
