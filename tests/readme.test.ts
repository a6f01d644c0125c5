/** Every ```console example in the README, run for real (scripts/readme-examples.mjs): `npm run docs` updates them. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DAY, outputMatches, readmeExamples, REPO, runExample } from '../scripts/readme-examples.mjs';

const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
const examples = readmeExamples(readme);

describe('README examples', () => {
  it(`say which day they are as of (${EXAMPLES_DAY})`, () => {
    expect(readme).toContain(`as of **${EXAMPLES_DAY}**`);
    expect(examples.length).toBeGreaterThanOrEqual(8);
  });

  for (const example of examples) {
    const title = `README.md:${example.line}: $ ${example.steps.map((step) => step.command.split('\n')[0]).join('; $ ')}`;
    if (example.setup.notRun) {
      it.skip(`${title} (not run: ${example.setup.notRun})`, () => {});
      continue;
    }
    it(title, async () => {
      const outputs = await runExample(example);
      example.steps.forEach((step, index) => {
        // The plain comparison shows the difference; `…` and timings make some differences allowed.
        if (!outputMatches(step.expected, outputs[index]!)) expect(outputs[index], `$ ${step.command}\n(npm run docs rewrites it; review the diff)`).toBe(step.expected);
      });
    });
  }
});

describe('the example conventions', () => {
  it('a line … stands for lines, a … in a line for text, N ms for any timing; the rest is exact', () => {
    expect(outputMatches('a\n…\nz\n', 'a\nb\nc\nz\n')).toBe(true);
    expect(outputMatches('a\n…\nz\n', 'a\nz\n')).toBe(true);
    expect(outputMatches('a,…\n', 'a,ee68,\n')).toBe(true);
    expect(outputMatches('[7 documents checked in 95 ms]\n', '[7 documents checked in 3 ms]\n')).toBe(true);
    expect(outputMatches('[7 documents checked in 95 ms]\n', '[5 documents checked in 95 ms]\n')).toBe(false);
    expect(outputMatches('a\nb\n', 'a\nb\nc\n')).toBe(false);
    expect(outputMatches('a (x)\n', 'a (y)\n')).toBe(false);
    expect(outputMatches('', '')).toBe(true);
    expect(outputMatches('', 'anything\n')).toBe(false);
  });

  it('commands continue over a trailing backslash; set-ups come from the comment before the block; a --watch that ends early fails', async () => {
    const [first, second] = readmeExamples(
      '<!-- example: in an empty folder; with a.md at content/b.md -->\n```console\n$ npx contentgov x \\\n  --y\nout\n\n$ npx contentgov z\n```\n\n```console\n$ npx contentgov lint --watch\n```\n',
    );
    expect(first).toMatchObject({ line: 2, setup: { emptyFolder: true, files: [{ from: 'a.md', to: 'content/b.md' }] }, steps: [{ command: 'npx contentgov x \\\n  --y', expected: 'out\n\n' }, { command: 'npx contentgov z', expected: '' }] });
    expect(() => readmeExamples('<!-- example: in a hurry -->\n```console\n$ npx contentgov lint\n```\n')).toThrow('unknown example set-up "in a hurry"');
    await expect(runExample(second!)).rejects.toThrow('needs "then save FILE"');
    const [ended] = readmeExamples('<!-- example: then save content/en/treatment/surgery.md -->\n```console\n$ npx contentgov lint --watch --nope\n```\n');
    await expect(runExample(ended!)).rejects.toThrow(/it ended \(exit 2\) before Ctrl-C:\n.*unknown option '--nope'/);
  });
});
