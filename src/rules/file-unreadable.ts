import type { Rule } from './rule.js';

export const fileUnreadable: Rule = {
  id: 'file-unreadable',
  defaultSeverity: 'error',
  docs: {
    summary: 'The file can be read and is valid UTF-8.',
    rationale: 'A file that cannot be decoded cannot be checked, and would show as garbage on the site.',
    fix: 'Save the file as UTF-8 (most editors: "Save with encoding"), or fix its permissions.',
    example: 'A page saved as Windows-1252 with an "é" written as the single byte 0xE9.',
  },
  check: (document) => (document.unreadable ? [{ ...document.unreadable.position, message: document.unreadable.message }] : []),
};
