/** JUnit XML: one test case per document; a document with errors fails, carrying its findings. */
import type { Finding, Report } from './types.js';

export function escapeXml(text: string): string {
  // Characters XML 1.0 cannot carry at all are dropped; the rest are escaped.
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const line = (finding: Finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.severity} ${finding.message} (${finding.ruleId})`;

export function formatJunit(report: Report): string {
  const byFile = new Map<string, Finding[]>();
  for (const finding of report.findings) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  const failures = report.documents.filter((document) => document.errors > 0).length;
  const cases = report.documents.map((document) => {
    const findings = byFile.get(document.file) ?? [];
    const errors = findings.filter((finding) => finding.severity === 'error');
    const warnings = findings.filter((finding) => finding.severity === 'warning');
    const slash = document.file.lastIndexOf('/');
    const attributes = `classname="${escapeXml(slash === -1 ? '.' : document.file.slice(0, slash))}" name="${escapeXml(document.file)}" file="${escapeXml(document.file)}"`;
    const parts: string[] = [];
    if (errors.length > 0) {
      const summary = `${errors.length} error${errors.length === 1 ? '' : 's'}: ${errors[0]!.message}`;
      parts.push(`      <failure message="${escapeXml(summary)}" type="${escapeXml(errors[0]!.ruleId)}">${escapeXml(errors.map(line).join('\n'))}</failure>`);
    }
    if (warnings.length > 0) parts.push(`      <system-out>${escapeXml(warnings.map(line).join('\n'))}</system-out>`);
    return parts.length === 0 ? `    <testcase ${attributes}/>` : `    <testcase ${attributes}>\n${parts.join('\n')}\n    </testcase>`;
  });
  const counts = `tests="${report.documents.length}" failures="${failures}" errors="0" skipped="0"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="contentgov" ${counts}>`,
    `  <testsuite name="contentgov lint" ${counts} timestamp="${escapeXml(report.generatedAt.replace(/\.\d+Z$/, ''))}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
