/** A summary for $GITHUB_STEP_SUMMARY or a pull-request comment, kept under GitHub's 65,536-character limit. */
import { markdownCell, markdownCode } from './escape.js';
import { filesText, populationText } from './population.js';
import type { Report } from './types.js';

const MARKDOWN_LIMIT = 65_536;

export function formatMarkdown(report: Report, options: { hiddenWarnings?: number; maxWarnings?: number } = {}): string {
  const { documents, errors, warnings, passed } = report.summary;
  const verdict = errors > 0 ? '❌' : warnings > 0 ? '⚠️' : '✅';
  const head = [
    `## ${verdict} contentgov: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
    '',
    `${passed} of ${documents} documents pass · as of ${report.asOf}${report.commit ? ` · commit \`${shortCommit(report.commit)}\`` : ''}${report.links ? ` · links: ${report.links.checked} checked, ${report.links.broken} with problems` : ''}`,
    '',
    `Review: ${populationText(report.summary)} · files: ${markdownCell(filesText(report.summary))}`,
    '',
  ];
  const hidden = options.hiddenWarnings ?? 0;
  if (hidden > 0) head.push(`${hidden} warning${hidden === 1 ? ' is' : 's are'} not listed (--quiet).`, '');
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) head.push(`More warnings than --max-warnings ${options.maxWarnings}: the check fails.`, '');
  if (report.findings.length === 0) return `${head.join('\n')}${hidden > 0 ? 'No errors found.' : 'No problems found.'}\n`;
  const lines = [...head, '| File | Line | Severity | Rule | Message |', '| --- | ---: | --- | --- | --- |'];
  let length = lines.join('\n').length;
  // Room for the "… and N more" line.
  const budget = MARKDOWN_LIMIT - 200;
  let shown = 0;
  for (const finding of report.findings) {
    const row = `| ${markdownCode(finding.file)} | ${finding.line}:${finding.column} | ${finding.severity} | ${markdownCode(finding.ruleId)} | ${markdownCell(finding.message)} |`;
    if (length + row.length + 1 > budget) break;
    lines.push(row);
    length += row.length + 1;
    shown++;
  }
  if (shown < report.findings.length) lines.push('', `… and ${report.findings.length - shown} more findings (see the full report).`);
  return `${lines.join('\n')}\n`;
}

/** A commit's first 12 digits, and -dirty when the content had uncommitted changes (cutting at 12 dropped it). */
function shortCommit(commit: string): string {
  return commit.endsWith('-dirty') ? `${commit.slice(0, 12)}-dirty` : commit.slice(0, 12);
}
