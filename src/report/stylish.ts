/** The default format for people: findings grouped by file, each with a clickable file:line:col. */
import { Chalk } from 'chalk';
import type { Finding, FormatOptions, Report } from './types.js';
import { filesText, populationText } from './population.js';
import { escapeText } from './escape.js';

export function formatStylish(report: Report, options: FormatOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const byFile = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const list = byFile.get(finding.file) ?? [];
    list.push(finding);
    byFile.set(finding.file, list);
  }
  const lines: string[] = [];
  // What --fix changed first, as it happened first: the findings are of the files as fixed.
  if (report.fixes && report.fixes.length > 0) {
    lines.push(chalk.green(`fixed ${report.fixes.length} problem${report.fixes.length === 1 ? '' : 's'}:`));
    for (const fix of report.fixes) lines.push(`  ${escapeText(fix.file)}:${fix.line}  ${escapeText(fix.description)}`);
    lines.push('');
  }
  for (const [rawFile, findings] of byFile) {
    // Escaped before chalk colours it, so that colour codes are the only control bytes.
    const file = escapeText(rawFile);
    lines.push(chalk.underline(file));
    const locations = findings.map((finding) => `${file}:${finding.line}:${finding.column}`);
    // A loop, not Math.max(...): a file can have more findings than the call stack has room for arguments.
    let width = 0;
    for (const location of locations) width = Math.max(width, location.length);
    findings.forEach((finding, index) => {
      const severity = finding.severity === 'error' ? chalk.red('error  ') : chalk.yellow('warning');
      lines.push(`  ${chalk.dim(locations[index]!.padEnd(width))}  ${severity}  ${escapeText(finding.message)}  ${chalk.dim(escapeText(finding.ruleId))}`);
    });
    lines.push('');
  }
  lines.push(summaryLine(report, chalk, options.hiddenWarnings ?? 0, options.maxWarnings));
  lines.push(chalk.dim(`review: ${populationText(report.summary)}`), chalk.dim(`files: ${filesText(report.summary)}`));
  if (report.links && report.links.total > 0) {
    const { checked, broken, skipped, cached } = report.links;
    lines.push(chalk.dim(`links: ${checked} checked, ${broken} with problems, ${skipped} skipped${cached > 0 ? `, ${cached} from cache` : ''}`));
  }
  return `${lines.join('\n')}\n`;
}

function summaryLine(report: Report, chalk: InstanceType<typeof Chalk>, hiddenWarnings: number, maxWarnings: number | undefined): string {
  const { documents, errors } = report.summary;
  // The warnings -q hid are counted apart, not as problems shown.
  const warnings = report.summary.warnings - hiddenWarnings;
  const noun = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const hidden = hiddenWarnings > 0 ? `, ${noun(hiddenWarnings, 'warning')} hidden` : '';
  if (errors + warnings === 0) {
    const checked = `${noun(documents, 'document')} checked, ${hidden ? `no errors${hidden}` : 'no problems'}`;
    // Warnings -q hid still fail a run over --max-warnings: no tick over a failing run.
    if (maxWarnings !== undefined && report.summary.warnings > maxWarnings) return chalk.yellow.bold(`✖ ${checked}, more than --max-warnings ${maxWarnings}`);
    return chalk.green(`✔ ${checked}`);
  }
  const affected = report.documents.filter((document) => document.errors + (hiddenWarnings > 0 ? 0 : document.warnings) > 0).length;
  const counts = hidden ? noun(errors, 'error') : `${noun(errors + warnings, 'problem')} (${noun(errors, 'error')}, ${noun(warnings, 'warning')})`;
  const text = `✖ ${counts} in ${affected} of ${noun(documents, 'document')}${hidden}`;
  return errors > 0 ? chalk.red.bold(text) : chalk.yellow.bold(text);
}
