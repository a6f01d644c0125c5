/** contentgov init: the starter files, each written only where nothing is yet (or with force). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { isInside, realpathOfNew, safeRealpath } from '../corpus/root.js';
import { UsageError } from '../errors.js';
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
  // Where each file really goes, all checked before any is written: a checked-out folder may be a
  // symbolic link out of the project, and nothing is written through it.
  const realDirectory = safeRealpath(directory) ?? directory;
  const planned = files.map(([file, contents]) => {
    const target = path.join(directory, file);
    if (!force && existsSync(target)) return { file };
    const real = realpathOfNew(target);
    if (real === undefined || !isInside(realDirectory, real)) throw new UsageError(`${file}: leads out of the project folder through a symbolic link; nothing written`);
    return { file, write: { real, contents } };
  });
  return planned.map(({ file, write }) => {
    if (write) writeFileAtomic(write.real, write.contents);
    return { file, written: write !== undefined };
  });
}
