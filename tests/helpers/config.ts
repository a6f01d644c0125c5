/** A config that must be refused: exit 2, nothing on stdout, one line on stderr naming the problem. */
import { expect } from 'vitest';
import { seedDocument, type TempProject } from './project.js';

export function expectRefusedConfig(project: TempProject, config: unknown, expected: string): void {
  project.write('content/a.md', seedDocument());
  project.write('contentgov.config.json', JSON.stringify(config, null, 2));
  const result = project.run(['lint']);
  expect(result.stdout).toBe('');
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toContain(`contentgov: contentgov.config.json: ${expected}`);
  expect(result.exitCode).toBe(2);
}
