/** JUnit XML: one test case per document; a document with errors fails, carrying its findings. */
import { escapeText } from './escape.js';
import type { Finding, Report } from './types.js';

/** Markup only: content is escaped as text (escapeText) before it is joined into an element. */
function escapeXml(text: string): string {
  // Characters XML 1.0 cannot carry at all (escapeText has made the controls visible; what is left
  // is U+FFFE, U+FFFF and unpaired surrogates) are dropped; the rest are escaped.
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const line = (finding: Finding) => `${escapeText(finding.file)}:${finding.line}:${finding.column} ${finding.severity} ${escapeText(finding.message)} (${escapeText(finding.ruleId)})`;

/** The document, its test case, and the closing tags, one chunk each: a report of 100,000 pages is never one string. */
export function* formatJunit(report: Report): Generator<string> {
  const byFile = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const list = byFile.get(finding.file);
    if (list) list.push(finding);
    else byFile.set(finding.file, [finding]);
  }
  const failures = report.documents.filter((document) => document.errors > 0).length;
  const counts = `tests="${report.documents.length}" failures="${failures}" errors="0" skipped="0"`;
  yield [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="contentgov" ${counts}>`,
    `  <testsuite name="contentgov lint" ${counts} timestamp="${escapeXml(report.generatedAt.replace(/\.\d+Z$/, ''))}">`,
    '',
  ].join('\n');
  for (const document of report.documents) {
    const findings = byFile.get(document.file) ?? [];
    const errors = findings.filter((finding) => finding.severity === 'error');
    const warnings = findings.filter((finding) => finding.severity === 'warning');
    const slash = document.file.lastIndexOf('/');
    const file = escapeText(document.file);
    const attributes = `classname="${escapeXml(slash === -1 ? '.' : escapeText(document.file.slice(0, slash)))}" name="${escapeXml(file)}" file="${escapeXml(file)}"`;
    const parts: string[] = [];
    if (errors.length > 0) {
      const summary = `${errors.length} error${errors.length === 1 ? '' : 's'}: ${escapeText(errors[0]!.message)}`;
      parts.push(`      <failure message="${escapeXml(summary)}" type="${escapeXml(escapeText(errors[0]!.ruleId))}">${escapeXml(errors.map(line).join('\n'))}</failure>`);
    }
    if (warnings.length > 0) parts.push(`      <system-out>${escapeXml(warnings.map(line).join('\n'))}</system-out>`);
    yield parts.length === 0 ? `    <testcase ${attributes}/>\n` : `    <testcase ${attributes}>\n${parts.join('\n')}\n    </testcase>\n`;
  }
  yield '  </testsuite>\n</testsuites>\n';
}
