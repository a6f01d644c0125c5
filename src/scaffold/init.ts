/** contentgov init: the starter files, each written only where nothing is yet (or with force). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { isInside, lstatSafe, readRegularFile, realpathOfNew, safeRealpath } from '../corpus/root.js';
import { UsageError } from '../errors.js';
import { writeContentFile } from '../report/write.js';
import { linksConfigSchema } from '../schema/config.js';
import { INIT_CONFIG, initWorkflow, sampleDocument, SCHEDULED_WORKFLOW } from './templates.js';

interface InitOptions {
  today: string;
  /** The content root, relative to the project: a clean relative path (the CLI checks it). */
  root: string;
  force: boolean;
}

interface InitResult {
  file: string;
  /** wrote: created or overwritten; added: a line appended; kept: left as it was. */
  action: 'wrote' | 'added' | 'kept';
  detail?: string;
}

/** A .gitignore larger than this is not one init adds a line to (and is not read whole). */
const MAX_GITIGNORE_BYTES = 4 * 1024 * 1024;
/** The folder of the default link cache, which no repository wants committed. */
const LINK_CACHE_FOLDER = `${path.posix.dirname(linksConfigSchema.parse({}).cache.path)}/`;

export function initProject(directory: string, options: InitOptions): InitResult[] {
  const files: [string, string][] = [
    ['contentgov.config.json', `${JSON.stringify({ ...JSON.parse(INIT_CONFIG), root: options.root }, null, 2)}\n`],
    [path.posix.join(options.root, 'example-page.md'), sampleDocument(options.today)],
    ['.github/workflows/content.yml', initWorkflow(options.root)],
    ['.github/workflows/content-scheduled.yml', SCHEDULED_WORKFLOW],
  ];
  // Where each file really goes, all checked before any is written: a checked-out folder may be a
  // symbolic link out of the project, and nothing is written through it.
  const realDirectory = safeRealpath(directory) ?? directory;
  const planned = files.map(([file, contents]) => {
    const target = path.join(directory, file);
    if (existsSync(target) && !options.force) return { file };
    return { file, write: { real: realTarget(realDirectory, directory, file), contents } };
  });
  const gitignore = realTarget(realDirectory, directory, '.gitignore');
  // Read before anything is written: a .gitignore that is not a regular file (a FIFO would block) stops init whole.
  const ignored = lstatSafe(gitignore) ? readRegularFile(gitignore, MAX_GITIGNORE_BYTES) : undefined;
  if (ignored && 'problem' in ignored) throw new UsageError(`.gitignore: ${ignored.problem.message}; nothing written`);
  const results = planned.map(({ file, write }): InitResult => {
    if (!write) return { file, action: 'kept', detail: 'it exists; --force overwrites it' };
    writeContentFile(write.real, write.contents);
    return { file, action: 'wrote' };
  });
  return [...results, ignoreLinkCache(gitignore, ignored?.bytes.toString('utf8'))];
}

/** The real path a file of the project is written at, refused when a symbolic link takes it out of the project. */
function realTarget(realDirectory: string, directory: string, file: string): string {
  const real = realpathOfNew(path.join(directory, file));
  if (real === undefined || !isInside(realDirectory, real)) throw new UsageError(`${file}: leads out of the project folder through a symbolic link; nothing written`);
  return real;
}

/** Appends the link cache folder to .gitignore unless a line ignores it already; never rewrites what is there. */
function ignoreLinkCache(target: string, existing: string | undefined): InitResult {
  const file = '.gitignore';
  const folder = LINK_CACHE_FOLDER.slice(0, -1);
  const ignored = existing?.split(/\r?\n/).some((line) => [folder, `/${folder}`].includes(line.trim().replace(/\/$/, '')));
  if (ignored) return { file, action: 'kept', detail: `it ignores ${LINK_CACHE_FOLDER} already` };
  const separator = existing === undefined || existing === '' || existing.endsWith('\n') ? '' : '\n';
  writeContentFile(target, `${existing ?? ''}${separator}# contentgov's external link cache\n${LINK_CACHE_FOLDER}\n`);
  return { file, action: existing === undefined ? 'wrote' : 'added', detail: `ignores the link cache, ${LINK_CACHE_FOLDER}` };
}
