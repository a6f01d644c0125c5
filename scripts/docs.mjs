// npm run docs: regenerates the README's rule table and the config's JSON Schema from the code,
// so that neither can drift from what the tool does (a test fails when they are stale).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ruleTableMarkdown } from '../dist/rule-docs.js';
import { configJsonSchema } from '../dist/json-schema.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const readme = path.join(repo, 'README.md');
const start = '<!-- rules:start -->';
const end = '<!-- rules:end -->';
const text = readFileSync(readme, 'utf8');
const before = text.slice(0, text.indexOf(start) + start.length);
const after = text.slice(text.indexOf(end));
writeFileSync(readme, `${before}\n${ruleTableMarkdown()}\n${after}`);
writeFileSync(path.join(repo, 'schemas/contentgov.config.schema.json'), `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
