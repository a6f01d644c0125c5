import type { Rule } from './rule.js';

export const fileUnreadable: Rule = {
  id: 'file-unreadable',
  defaultSeverity: 'error',
  docs: {
    summary: 'The file (or folder) can be read, is a regular file no larger than limits.fileBytes (default 8 MiB), and is valid UTF-8.',
    rationale: 'A file that cannot be read or decoded cannot be checked, and would show as garbage on the site. A FIFO, socket or device named *.md is never opened: reading one could block the run for ever. A file larger than the limit is not read, so that one file added by a pull request cannot take the run\'s memory or end it.',
    fix: 'Save the file as UTF-8 (most editors: "Save with encoding"), fix its or its folder\'s permissions, replace the special file with a regular one, or split a file over the limit (or raise limits.fileBytes, if a page that large is intended).',
    example: 'A page saved as Windows-1252 with an "é" written as the single byte 0xE9.',
  },
  // A file outside the root is file-outside-root's finding: one root cause, one finding.
  check: (document) => (document.unreadable && !document.unreadable.outsideRoot ? [{ ...document.unreadable.position, message: document.unreadable.message }] : []),
};
