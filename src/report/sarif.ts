/** SARIF 2.1.0, as GitHub code scanning reads it: one rule per rule id with its help, results with regions. */
import { RULES } from '../rules/index.js';
import { jsonChunks, LazyArray } from './json.js';
import type { Finding, Report } from './types.js';

/**
 * A relative URI reference for a file path: encodeURI, and also "#", "?" and ":", which it leaves
 * as they are and which would make a fragment, a query or a scheme of part of a file name.
 * Unpaired surrogates, which no URI can carry, become U+FFFD first.
 */
function artifactUri(file: string): string {
  return encodeURI(file.replace(/\p{Surrogate}/gu, '\uFFFD')).replace(/[#?:]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function formatSarif(report: Report): Iterable<string> {
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            rules: RULES.map((rule) => ({
              id: rule.id,
              name: rule.id.replace(/(^|-)([a-z])/g, (_match, _dash, letter: string) => letter.toUpperCase()),
              shortDescription: { text: rule.docs.summary },
              fullDescription: { text: rule.docs.rationale },
              help: {
                text: `${rule.docs.summary}\n\nWhy: ${rule.docs.rationale}\n\nFix: ${rule.docs.fix}\n\nExample:\n${rule.docs.example}`,
                markdown: `${rule.docs.summary}\n\n**Why:** ${rule.docs.rationale}\n\n**Fix:** ${rule.docs.fix}\n\n**Example:**\n\n\`\`\`markdown\n${rule.docs.example}\n\`\`\``,
              },
              defaultConfiguration: { level: rule.defaultSeverity },
            })),
          },
        },
        automationDetails: { id: `contentgov/${report.asOf}` },
        // One result at a time as it is written: the findings are not copied into a second list.
        results: new LazyArray(sarifResults(report.findings)),
        properties: { asOf: report.asOf, configHash: report.configHash, ...(report.commit ? { commit: report.commit } : {}) },
      },
    ],
  };
  return jsonChunks(sarif);
}

function* sarifResults(findings: readonly Finding[]) {
  const ruleIndex = new Map(RULES.map((rule, index) => [rule.id, index]));
  for (const finding of findings) {
    yield {
      ruleId: finding.ruleId,
      ruleIndex: ruleIndex.get(finding.ruleId) ?? -1,
      level: finding.severity,
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: artifactUri(finding.file) },
            region: { startLine: finding.line, startColumn: finding.column },
          },
        },
      ],
    };
  }
}
