/**
 * A synthetic corpus shaped like the seed: the same frontmatter fields, ~8 KB bodies with
 * headings, lists, relative links (some with anchors) to other documents, site links, images and
 * external URLs from a small pool, and a few percent planted defects. Deterministic (seeded PRNG).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const GENERATOR_VERSION = 2;
const SECTIONS = ['treatment', 'types', 'coping', 'research', 'prevention', 'diagnosis', 'about', 'espanol'];
const CANCER_TYPES = ['breast', 'lung', 'prostate', 'skin', 'pancreatic', 'liver', 'kidney', 'retinoblastoma', 'bone', 'cervical'];
const TAGS = ['treatment', 'cancer-type', 'surgery', 'side-effects', 'clinical-trials', 'prevention', 'screening'];
const FREQUENCIES = ['monthly', 'quarterly', 'semiannual', 'annual', 'biennial', 'P90D', '6 months'];
const STATUSES = ['active', 'active', 'active', 'active', 'draft', 'archived', 'retired'];
const AUDIENCES = ['patient', 'caregiver', 'health_professional', 'researcher', 'general'];
const EXTERNAL_POOL = Array.from({ length: 40 }, (_, index) => `https://www.example-health-${index % 8}.org/page/${index}`);
const PARAGRAPH =
  'Cryosurgery is a treatment that uses extreme cold produced by liquid nitrogen or argon gas to destroy cancer cells and abnormal tissue. It is a local treatment, which means that it is directed toward a specific part of your body. ';

function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const documentPath = (index) => `${SECTIONS[index % SECTIONS.length]}/topic-${index % 13}/doc-${index}.md`;

function document(index, count, random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const defect = random() < 0.04 ? Math.floor(random() * 6) : -1;
  const day = 1 + Math.floor(random() * 28);
  const month = 1 + Math.floor(random() * 12);
  const year = 2024 + Math.floor(random() * 3);
  const lastReviewed = defect === 0 ? '2025-02-30' : `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const types = [...new Set([pick(CANCER_TYPES), pick(CANCER_TYPES), pick(CANCER_TYPES)])];
  const fields = [
    `audienceLevel: ${pick(AUDIENCES)}`,
    `cancerTypes:\n${types.map((type) => `- ${type}`).join('\n')}`,
    defect === 1 ? null : 'citation: NCI, 2025',
    `language: ${index % 9 === 0 ? 'es' : 'en'}`,
    `${defect === 2 ? 'lastreviewed' : 'lastReviewed'}: '${lastReviewed}'`,
    'license: public_domain',
    `reviewFrequency: ${pick(FREQUENCIES)}`,
    'source: NCI',
    `sourceType: 0${1 + (index % 4)}_nci_core`,
    `status: ${defect === 3 ? 'published' : pick(STATUSES)}`,
    `tags:\n- ${pick(TAGS)}\n- cancer-type`,
    `title: Synthetic Page ${index} - NCI`,
    `url: https://www.cancer.gov/${documentPath(index).replace(/\.md$/, '')}`,
    'version: v1',
  ].filter(Boolean);
  const here = path.posix.dirname(documentPath(index));
  const relative = (target) => path.posix.relative(here, documentPath(target)) || path.posix.basename(documentPath(target));
  const body = [`# Synthetic Page ${index}`, ''];
  for (let section = 0; section < 8; section++) {
    const target = Math.floor(random() * count);
    const anchor = defect === 4 && section === 0 ? 'no-such-heading' : `section-${Math.floor(random() * 8)}`;
    const missing = defect === 5 && section === 0 ? 'missing-page.md' : relative(target);
    body.push(
      `## Section ${section}`,
      '',
      PARAGRAPH + `See [page ${target}](${missing}#${anchor}) and [a definition](/Common/PopUps/popDefinition.aspx?id=CDR00000${section}&version=Patient&language=en).`,
      '',
      `- ${PARAGRAPH.slice(0, 120)}`,
      `- More at <${pick(EXTERNAL_POOL)}> and [this link](${pick(EXTERNAL_POOL)}).`,
      '',
      section === 3 ? `![apparatus](/sites/g/files/images/figure-${section}.jpg)\n\n\`\`\`text\n[not a link](nowhere.md)\n\`\`\`\n` : PARAGRAPH + PARAGRAPH,
      '',
    );
  }
  return `---\n${fields.join('\n')}\n---\n\n${body.join('\n')}`;
}

/** Writes the corpus under `directory/content` unless the same one is already there. */
export function generateCorpus(directory, count, seed = 42) {
  const stamp = path.join(directory, 'corpus.json');
  const parameters = JSON.stringify({ GENERATOR_VERSION, count, seed });
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === parameters) return path.join(directory, 'content');
  rmSync(directory, { recursive: true, force: true });
  const random = prng(seed);
  for (let index = 0; index < count; index++) {
    const file = path.join(directory, 'content', documentPath(index));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, document(index, count, random));
  }
  writeFileSync(stamp, parameters);
  return path.join(directory, 'content');
}
