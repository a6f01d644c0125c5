/** What `contentgov init` writes into a project that has no contentgov set-up yet. */

export const INIT_CONFIG = `${JSON.stringify(
  {
    $schema: './node_modules/contentgov/schemas/contentgov.config.schema.json',
    root: 'content',
    ignore: [],
    rules: {},
    review: { dueSoonDays: 30 },
    links: { external: false },
  },
  null,
  2,
)}\n`;

/** The pull-request workflow, for the content root given (a clean relative path). */
export function initWorkflow(root: string): string {
  return `name: content

on:
  pull_request:
    paths:
      - ${JSON.stringify(root === '.' ? '**' : `${root}/**`)}
      - contentgov.config.json

permissions:
  contents: read
  security-events: write

jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: npm ci
      - name: Lint the documents this pull request changed
        env:
          BASE_REF: \${{ github.base_ref }}
        run: npx contentgov lint --changed --base "origin/$BASE_REF" --format github --output sarif:contentgov.sarif
      - if: always()
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: contentgov.sarif
          category: contentgov
`;
}

/** The sample page: every default field, valid. */
export function sampleDocument(today: string): string {
  return `---
title: Example Page - Replace Me
url: https://www.example.org/example-page
source: NCI
citation: NCI, ${today.slice(0, 4)}
sourceType: 02_nci_core
license: public_domain
language: en
audienceLevel: patient
cancerTypes:
- skin
tags:
- treatment
lastReviewed: '${today}'
reviewFrequency: annual
status: draft
version: v1
---

# Example Page

Write the page here. Link to other pages with relative paths (other-page.md#a-heading), and to
headings of this page: [back to the top](#example-page).
`;
}
