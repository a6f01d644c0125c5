/** lint --fix: the safe fixes applied to the files, atomically, before they are checked. */
import type { Project } from '../config/load.js';
import type { DiscoveredFile } from '../corpus/discover.js';
import { readInside } from '../corpus/root.js';
import type { FixRecord } from '../report/types.js';
import { writeContentFile } from '../report/write.js';
import { applyFixes, computeFixes } from './fixes.js';

export function fixFiles(files: readonly DiscoveredFile[], project: Project): FixRecord[] {
  const records: FixRecord[] = [];
  for (const file of files) {
    // A file outside the root, not regular or too large is not fixed: the check that follows reports it.
    const read = file.problem ? undefined : readInside(file.root, file.path, file.real, project.config.limits.fileBytes);
    if (!read || 'problem' in read) continue;
    const text = read.bytes.toString('utf8');
    const { config, schema } = project.settingsFor(file.file);
    const fixes = computeFixes(text, config, schema);
    if (fixes.length === 0) continue;
    // Written at its real path: an in-root symbolic link stays a link, and its target is edited.
    writeContentFile(read.real, applyFixes(text, fixes));
    for (const fix of [...fixes].sort((a, b) => a.start - b.start)) records.push({ file: file.file, line: fix.line, field: fix.field, description: fix.description });
  }
  return records;
}
