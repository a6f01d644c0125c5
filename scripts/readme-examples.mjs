/**
 * The README's ```console examples, run for real: tests/readme.test.ts compares their output with the README, and
 * `npm run docs` rewrites the outputs that differ (the developer reviews the diff).
 *
 * In a block, a line `$ npx contentgov …` is a command (a trailing `\` continues it on the next line); the lines after
 * it, up to the next `$ `, are its output: stdout, then stderr. Each block runs in a fresh temporary copy of the
 * repository's content/ and config, with the built CLI, as of EXAMPLES_DAY, NO_COLOR and 100 columns. In the expected
 * output a line `…` stands for any number of lines, a `…` inside a line for any text, and `N ms` matches any timing;
 * CRLF line ends show as plain ones.
 *
 * An HTML comment on the line before the fence sets a block up (several are separated by `;`):
 *   <!-- example: in an empty folder -->                  instead of the copy of content/ and the config
 *   <!-- example: with tests/fixtures/x.md at content/y.md -->   a file added to the copy first
 *   <!-- example: then save content/en/page.md -->         a --watch command: once its first report is out, the file
 *                                                           is saved unchanged, and the output is compared up to the
 *                                                           re-check's report
 *   <!-- example: not run: REASON -->                      shown, never run
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The day the README's examples are as of (the README says so). */
export const EXAMPLES_DAY = '2026-11-25';
const COPIED = ['content', 'contentgov.config.json'];
const COMMAND = /^npx contentgov(?= |$)/;
/** Generous: hang guards, not performance bounds. */
const RUN_TIMEOUT_MS = 120_000;
const WATCH_TIMEOUT_MS = 60_000;
const QUIET_MS = 500;

/**
 * @typedef {{ command: string, expected: string }} Step
 * @typedef {{ emptyFolder: boolean, files: { from: string, to: string }[], save?: string, notRun?: string }} Setup
 * @typedef {{ line: number, setup: Setup, steps: Step[], bodyStart: number, bodyEnd: number }} Example
 */

/** @param {string} readme @returns {Example[]} */
export function readmeExamples(readme) {
  const examples = [];
  const fence = /^```console\n([\s\S]*?)^```$/gm;
  for (const match of readme.matchAll(fence)) {
    const bodyStart = match.index + '```console\n'.length;
    const line = readme.slice(0, match.index).split('\n').length;
    const previousLine = readme.slice(0, match.index).replace(/\n$/, '').split('\n').pop() ?? '';
    const directive = /^<!-- example: (.*) -->$/.exec(previousLine);
    examples.push({ line, setup: parseSetup(directive?.[1], line), steps: parseSteps(match[1], line), bodyStart, bodyEnd: bodyStart + match[1].length });
  }
  return examples;
}

/** @param {string | undefined} text @param {number} line @returns {Setup} */
function parseSetup(text, line) {
  /** @type {Setup} */
  const setup = { emptyFolder: false, files: [] };
  for (const part of text ? text.split(';').map((entry) => entry.trim()) : []) {
    let match;
    if (part === 'in an empty folder') setup.emptyFolder = true;
    else if ((match = /^with (\S+) at (\S+)$/.exec(part))) setup.files.push({ from: match[1], to: match[2] });
    else if ((match = /^then save (\S+)$/.exec(part))) setup.save = match[1];
    else if ((match = /^not run: (.+)$/.exec(part))) setup.notRun = match[1];
    else throw new Error(`README.md:${line - 1}: unknown example set-up "${part}"`);
  }
  return setup;
}

/** @param {string} body @param {number} fenceLine @returns {Step[]} */
function parseSteps(body, fenceLine) {
  /** @type {Step[]} */
  const steps = [];
  const lines = body.replace(/\n$/, '').split('\n');
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index];
    if (text.startsWith('$ ')) {
      let command = text.slice(2);
      while (command.endsWith('\\') && index + 1 < lines.length) command = `${command}\n${lines[++index]}`;
      steps.push({ command, expected: '' });
    } else if (steps.length === 0) {
      throw new Error(`README.md:${fenceLine + 1 + index}: a console block starts with its command, "$ …"`);
    } else {
      const step = steps[steps.length - 1];
      step.expected += `${text}\n`;
    }
  }
  return steps;
}

/** Whether actual output is what the README shows, with its `…` and timings. @param {string} expected @param {string} actual */
export function outputMatches(expected, actual) {
  const timing = (/** @type {string} */ text) => text.replace(/\b\d+(?:\.\d+)? ms\b/g, 'N ms');
  const lines = timing(expected).split('\n');
  lines.pop(); // expected output is whole lines, or nothing
  const pattern = lines.map((line) => (line === '…' ? '(?:[^\\n]*\\n)*?' : `${line.split('…').map(escapeRegExp).join('[^\\n]*?')}\\n`)).join('');
  return new RegExp(`^${pattern}$`).test(wholeLines(timing(actual)));
}

/** Output as whole lines: a last line without its newline gets one. @param {string} text */
function wholeLines(text) {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Runs an example's commands in a fresh folder; returns each command's output (stdout, then stderr). */
export async function runExample(/** @type {Example} */ example) {
  if (example.setup.notRun) throw new Error(`README.md:${example.line}: not run (${example.setup.notRun})`);
  const folder = mkdtempSync(path.join(tmpdir(), 'contentgov-readme-'));
  try {
    if (!example.setup.emptyFolder) for (const entry of COPIED) cpSync(path.join(REPO, entry), path.join(folder, entry), { recursive: true });
    for (const { from, to } of example.setup.files) {
      mkdirSync(path.dirname(path.join(folder, to)), { recursive: true });
      cpSync(path.join(REPO, from), path.join(folder, to));
    }
    const outputs = [];
    for (const step of example.steps) {
      if (!COMMAND.test(step.command)) throw new Error(`README.md:${example.line}: cannot run "${step.command}" (mark the block "not run: REASON")`);
      if (/ (?:-w|--watch)\b/.test(step.command) !== Boolean(example.setup.save)) throw new Error(`README.md:${example.line}: a --watch command, and only one, needs "then save FILE"`);
      const command = step.command.replace(COMMAND, `exec '${process.execPath}' '${path.join(REPO, 'bin/contentgov.js')}'`);
      outputs.push(example.setup.save ? await runWatch(command, folder, example.setup.save) : run(command, folder));
    }
    return outputs;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function exampleEnv() {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(?:FORCE_COLOR|CI|GITHUB_\w+|npm_\w+)$/.test(name)));
  return { ...env, NO_COLOR: '1', COLUMNS: '100', TZ: 'UTC', CONTENTGOV_AS_OF: EXAMPLES_DAY };
}

function run(command, cwd) {
  const child = spawnSync('/bin/sh', ['-c', command], { cwd, env: exampleEnv(), encoding: 'utf8', timeout: RUN_TIMEOUT_MS });
  if (child.error) throw new Error(`"${command}": ${child.error.message}`);
  return asShown(child.stdout + child.stderr);
}

/** --watch: the first report; the file saved as it is; the re-check's report; then Ctrl-C. */
function runWatch(command, cwd, save) {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], { cwd, env: exampleEnv() });
    let stdout = '';
    let stderr = '';
    let saved = false;
    let quiet;
    /** @type {(() => void) | undefined} */
    let outcome;
    const guard = setTimeout(() => finish(new Error(`--watch example: no report within ${WATCH_TIMEOUT_MS} ms:\n${stdout}${stderr}`)), WATCH_TIMEOUT_MS);
    const finish = (error) => {
      outcome ??= () => (error ? reject(error) : resolve(asShown(stdout + stderr)));
      child.kill('SIGINT');
    };
    child.once('close', (code) => {
      clearTimeout(guard);
      clearTimeout(quiet);
      (outcome ?? (() => reject(new Error(`--watch example: it ended (exit ${code}) before Ctrl-C:\n${stdout}${stderr}`))))();
    });
    // A report is whole once the output pauses.
    const onOutput = () => {
      clearTimeout(quiet);
      quiet = setTimeout(() => {
        if (saved) return finish();
        if (!existsSync(path.join(cwd, save))) return finish(new Error(`--watch example: no ${save} to save`));
        saved = true;
        writeFileSync(path.join(cwd, save), readFileSync(path.join(cwd, save)));
      }, QUIET_MS);
    };
    child.stdout.setEncoding('utf8').on('data', (chunk) => ((stdout += chunk), onOutput()));
    child.stderr.setEncoding('utf8').on('data', (chunk) => ((stderr += chunk), onOutput()));
  });
}

/** As a terminal shows it: CRLF line ends (the CSV's, per RFC 4180) as plain ones. @param {string} output */
function asShown(output) {
  return output.replaceAll('\r\n', '\n');
}

/** The README with the output of every example that no longer matches replaced by what it prints now. */
export async function updateReadme(/** @type {string} */ readme) {
  let updated = '';
  let position = 0;
  for (const example of readmeExamples(readme)) {
    if (example.setup.notRun) continue;
    const outputs = await runExample(example);
    if (example.steps.every((step, index) => outputMatches(step.expected, outputs[index]))) continue;
    const body = example.steps.map((step, index) => `$ ${step.command}\n${keepMatchingLines(step.expected, wholeLines(outputs[index]))}`).join('');
    updated += readme.slice(position, example.bodyStart) + body;
    position = example.bodyEnd;
  }
  return updated + readme.slice(position);
}

/**
 * The new output, where a line still matches a line of the README's that elides (a `…` in it, a timing), keeping the
 * README's: the diff shows only what changed, even when lines were added or removed around it.
 * @param {string} expected @param {string} actual
 */
function keepMatchingLines(expected, actual) {
  const eliding = expected.split('\n').filter((line) => line !== '…' && /…|\d ms\b/.test(line));
  return actual
    .split('\n')
    .map((line) => {
      const index = eliding.findIndex((shown) => outputMatches(`${shown}\n`, `${line}\n`));
      return index === -1 ? line : eliding.splice(index, 1)[0];
    })
    .join('\n');
}
