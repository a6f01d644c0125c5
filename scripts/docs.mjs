// npm run docs: regenerates the README's rule table, the config's JSON Schema and the weekly workflow from the code, and rewrites the
// output of every README console example that no longer matches what the command prints (scripts/readme-examples.mjs),
// so that none of them can drift from what the tool does (tests fail when they are stale). Review the diff.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ruleTableMarkdown } from '../dist/rule-docs.js';
import { configJsonSchema } from '../dist/json-schema.js';
import { SCHEDULED_WORKFLOW } from '../dist/scaffold-templates.js';
import { REPO, updateReadme } from './readme-examples.mjs';

const readme = path.join(REPO, 'README.md');
const start = '<!-- rules:start -->';
const end = '<!-- rules:end -->';
const text = readFileSync(readme, 'utf8');
const before = text.slice(0, text.indexOf(start) + start.length);
const after = text.slice(text.indexOf(end));
writeFileSync(readme, await updateReadme(`${before}\n${ruleTableMarkdown()}\n${after}`));
writeFileSync(path.join(REPO, 'schemas/contentgov.config.schema.json'), `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
// The repository's weekly workflow is the one init writes.
writeFileSync(path.join(REPO, '.github/workflows/content-scheduled.yml'), SCHEDULED_WORKFLOW);
