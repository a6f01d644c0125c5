/**
 * The floor: a bare pass over a corpus that no linter can beat by much. It finds the .md files,
 * reads each, parses its YAML frontmatter with js-yaml and counts the Markdown links a regex finds
 * in the body, checking nothing, on one thread. npm run bench times contentgov lint against it.
 * Usage: node bench/floor.mjs <directory>   (prints the counts)
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';

// Inline links and images, and autolinks to web pages: the links the generated corpus carries.
const LINK = /\[[^\]]*\]\(([^)\s]+)|<(https?:\/\/[^>\s]+)>/g;

const root = process.argv[2];
if (!root) {
  console.error('usage: node bench/floor.mjs <directory>');
  process.exit(2);
}

let documents = 0;
let fields = 0;
let links = 0;
for (const entry of readdirSync(root, { recursive: true })) {
  if (!entry.endsWith('.md')) continue;
  const text = readFileSync(path.join(root, entry), 'utf8');
  documents++;
  let body = text;
  if (text.startsWith('---\n')) {
    const close = text.indexOf('\n---\n', 3);
    if (close !== -1) {
      const frontmatter = load(text.slice(4, close));
      if (frontmatter && typeof frontmatter === 'object') fields += Object.keys(frontmatter).length;
      body = text.slice(close + 5);
    }
  }
  for (const _ of body.matchAll(LINK)) links++;
}
console.log(`${documents} documents, ${fields} frontmatter fields, ${links} links`);
