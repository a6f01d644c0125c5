/**
 * Who must review a page: the frontmatter field review.ownerField names, else the repository's
 * CODEOWNERS, else review.defaultOwner, else nobody ("(unowned)", which compliance wants to see).
 * Several owners are one string, joined by a space.
 */
import path from 'node:path';
import { metadataOf, type ParsedDocument } from '../corpus/document.js';
import { findRepository } from '../corpus/git.js';
import { isInside, readInside, safeRealpath, tooLarge } from '../corpus/root.js';
import { decodeUtf8 } from '../corpus/text.js';
import { UsageError } from '../errors.js';
import type { Config } from '../schema/config.js';
import { codeownersOf, indexCodeowners, parseCodeowners, type CodeownersIndex } from './codeowners.js';

export const UNOWNED = '(unowned)';
/** Where GitHub looks, in its order: the first one found is the one used. */
const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;
/**
 * GitHub's limit: "CODEOWNERS files must be under 3 MB in size. A CODEOWNERS file over this limit
 * will not be loaded" (About code owners). Read as GitHub reads it, a larger one gives no owners.
 */
const MAX_CODEOWNERS_BYTES = 3 * 1024 * 1024;

export type OwnerOf = (document: ParsedDocument) => string;

/** What owners need of a project: where it is, and the review settings in force for a path. */
interface OwnerSettings {
  projectRoot: string;
  settingsFor(file: string): { config: Pick<Config, 'review'> };
}

/** `warn`: told, in one line, of a CODEOWNERS left unread as GitHub leaves it. */
export function ownerResolver(project: OwnerSettings, warn?: (message: string) => void): OwnerOf {
  const codeowners = loadCodeowners(project.projectRoot, warn);
  return (document) => {
    const { review } = project.settingsFor(document.file).config;
    const fromField = ownerText(metadataOf(document)?.[review.ownerField]);
    if (fromField) return fromField;
    if (codeowners) {
      const relative = path.relative(codeowners.top, document.path).split(path.sep).join('/');
      const owners = isInside(codeowners.top, document.path) ? codeownersOf(codeowners.index, relative) : [];
      if (owners.length > 0) return owners.join(' ');
    }
    return review.defaultOwner ?? UNOWNED;
  };
}

/** A field's owners: a name, or a list of names; anything else (a number, a map, blank) names none. */
function ownerText(value: unknown): string | undefined {
  const names = typeof value === 'string' ? value.split(/\s+/) : Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string').flatMap((item) => item.split(/\s+/)) : [];
  const joined = names.filter((name) => name !== '').join(' ');
  return joined === '' ? undefined : joined;
}

/**
 * The CODEOWNERS of the repository holding the project (the folder holding `.git`; the project
 * root when there is none), read as content is: a regular file whose real path is inside that
 * folder. One that exists but must not be read is a usage error, not a silent "unowned".
 */
function loadCodeowners(projectRoot: string, warn: ((message: string) => void) | undefined): { top: string; index: CodeownersIndex } | undefined {
  const repository = findRepository(projectRoot);
  const top = repository && !('refused' in repository) ? repository.top : projectRoot;
  const root = { path: top, real: safeRealpath(top) ?? top };
  for (const location of CODEOWNERS_LOCATIONS) {
    const read = readInside(root, path.join(top, location), undefined, MAX_CODEOWNERS_BYTES);
    if ('problem' in read) {
      // Absent (or under a name that is a file, not a folder): look in the next place.
      if (read.problem.message === 'no such file' || read.problem.message.includes('ENOTDIR')) continue;
      // GitHub uses the first CODEOWNERS it finds, and does not load this one: none gives owners.
      if (read.problem.message === tooLarge(MAX_CODEOWNERS_BYTES).message) {
        warn?.(`${location}: ${read.problem.message}, over GitHub's 3 MB limit for CODEOWNERS (GitHub does not load it either); pages get no owners from it`);
        return undefined;
      }
      throw new UsageError(`${location}: ${read.problem.message.replace('content root', 'repository')}`);
    }
    const decoded = decodeUtf8(read.bytes);
    if (!decoded.ok) throw new UsageError(`${location}: the file is not valid UTF-8 (line ${decoded.position.line}); save it as UTF-8`);
    return { top, index: indexCodeowners(parseCodeowners(decoded.text)) };
  }
  return undefined;
}
