// Types of readme-examples.mjs, for tests/readme.test.ts.
export interface Step {
  command: string;
  expected: string;
}
export interface Setup {
  emptyFolder: boolean;
  files: { from: string; to: string }[];
  save?: string;
  notRun?: string;
}
export interface Example {
  line: number;
  setup: Setup;
  steps: Step[];
  bodyStart: number;
  bodyEnd: number;
}
export const REPO: string;
export const EXAMPLES_DAY: string;
export function readmeExamples(readme: string): Example[];
export function outputMatches(expected: string, actual: string): boolean;
export function runExample(example: Example): Promise<string[]>;
export function updateReadme(readme: string): Promise<string>;
