/** contentgov init: the starter files, each written only where nothing is yet (or with force). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../report/write.js';
import { INIT_CONFIG, INIT_WORKFLOW, sampleDocument } from './templates.js';

export interface InitResult {
  file: string;
  written: boolean;
}

export function initProject(directory: string, today: string, force: boolean): InitResult[] {
  const files: [string, string][] = [
    ['contentgov.config.json', INIT_CONFIG],
    ['content/example-page.md', sampleDocument(today)],
    ['.github/workflows/content.yml', INIT_WORKFLOW],
  ];
  return files.map(([file, contents]) => {
    const target = path.join(directory, file);
    if (existsSync(target) && !force) return { file, written: false };
    writeFileAtomic(target, contents);
    return { file, written: true };
  });
}
