/** Rule documentation rendered for people: `contentgov explain` and the README's rule table. */
import { RULES } from './index.js';
import type { Rule } from './rule.js';

export function explainRule(rule: Rule): string {
  return [
    `${rule.id} (default: ${rule.defaultSeverity})`,
    '',
    rule.docs.summary,
    '',
    `Why: ${rule.docs.rationale}`,
    '',
    `Fix: ${rule.docs.fix}`,
    '',
    'Example:',
    ...rule.docs.example.split('\n').map((line) => `  ${line}`),
    '',
  ].join('\n');
}

export function ruleList(): string {
  const width = Math.max(...RULES.map((rule) => rule.id.length));
  return `${RULES.map((rule) => `${rule.id.padEnd(width)}  ${rule.defaultSeverity.padEnd(7)}  ${rule.docs.summary}`).join('\n')}\n`;
}

/** The README's rule table, generated from the same text (npm run docs:rules). */
export function ruleTableMarkdown(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    '| Rule | Default | What it checks | How to fix |',
    '| --- | --- | --- | --- |',
    ...RULES.map((rule) => `| \`${rule.id}\` | ${rule.defaultSeverity} | ${cell(rule.docs.summary)} | ${cell(rule.docs.fix)} |`),
  ].join('\n');
}
