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

/** The steps each job of the weekly workflow starts with: the repository, Node and the project's packages (contentgov among them). */
const INSTALL_STEPS = `      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
`;

/**
 * The weekly workflow: a full lint with external links, the overdue report in HTML and CSV kept as
 * an artifact, and one issue per owner with pages to review. init writes it; npm run docs writes
 * the repository's own .github/workflows/content-scheduled.yml from it, so the two are one.
 */
export const SCHEDULED_WORKFLOW = `name: content-scheduled

on:
  schedule:
    # Mondays at 06:17 UTC.
    - cron: "17 6 * * 1"
  workflow_dispatch:

permissions:
  contents: read

jobs:
  audit:
    runs-on: ubuntu-latest
    steps:
${INSTALL_STEPS}      - name: Reuse external link results from earlier runs
        uses: actions/cache@v4
        with:
          path: .contentgov-cache
          key: contentgov-links-\${{ github.run_id }}
          restore-keys: contentgov-links-
      - name: Full lint, external links included
        run: npx contentgov lint --external --output json:reports/lint.json --output markdown:reports/lint.md
      - name: Overdue review report for compliance
        if: always()
        run: |
          npx contentgov overdue --all --format html --output reports/overdue.html
          npx contentgov overdue --all --format csv --output reports/overdue.csv
          npx contentgov overdue --format json --output reports/overdue.json
      - name: Keep the reports
        if: always()
        uses: actions/upload-artifact@v4
        with:
          name: content-audit
          path: reports/

  # One open issue per owner with pages to review, found by its label and title, its body
  # replaced each week; closed once the owner has nothing left. The owner is mentioned in a
  # comment only when their list changed (the list's sha256 is kept in the body as an HTML comment).
  reminders:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      issues: write
    env:
      GH_TOKEN: \${{ secrets.GITHUB_TOKEN }}
      GH_REPO: \${{ github.repository }}
      LABEL: content-review
    steps:
${INSTALL_STEPS}      - name: One reminder per owner
        run: npx contentgov overdue --format issues --output reminders --link-base "$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/blob/$GITHUB_SHA/"
      - name: Open, update or close the owners' issues
        run: |
          gh label create "$LABEL" --color FBCA04 --description "Pages due for content review" --force
          gh issue list --label "$LABEL" --state open --limit 1000 --json number,title,body > open-issues.json
          while IFS= read -r entry; do
            owner=$(jq -r .owner <<<"$entry")
            title=$(jq -r .title <<<"$entry")
            file=$(jq -r .file <<<"$entry")
            hash=$(jq -r .listSha256 <<<"$entry")
            { cat "reminders/$file"; printf '\\n<!-- contentgov-list-sha256: %s -->\\n' "$hash"; } > body.md
            number=$(jq -r --arg title "$title" '[.[] | select(.title == $title)][0].number // empty' open-issues.json)
            previous=$(jq -r --arg title "$title" '[.[] | select(.title == $title)][0].body // ""' open-issues.json | sed -n 's/.*<!-- contentgov-list-sha256: \\([0-9a-f]*\\) -->.*/\\1/p')
            if [ -z "$number" ]; then
              url=$(gh issue create --title "$title" --label "$LABEL" --body-file body.md)
              number=\${url##*/}
            else
              gh issue edit "$number" --body-file body.md
            fi
            # Only a GitHub user or team is mentioned, and only when the list is new or changed.
            if [ "$hash" != "$previous" ] && [[ "$owner" =~ ^@[A-Za-z0-9-]+(/[A-Za-z0-9._-]+)?$ ]]; then
              gh issue comment "$number" --body "$owner: your list of pages to review changed (see above)."
            fi
          done < <(jq -c '.[]' reminders/index.json)
          # Owners with nothing left: their issue is not in index.json any more.
          jq -r --slurpfile current reminders/index.json '.[] | select(.title as $title | ($current[0] | map(.title) | index($title)) == null) | .number' open-issues.json |
            while IFS= read -r number; do
              gh issue close "$number" --comment "Nothing left to review: every page of this list is current."
            done
`;

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
