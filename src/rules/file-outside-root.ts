import type { Rule } from './rule.js';

export const fileOutsideRoot: Rule = {
  id: 'file-outside-root',
  defaultSeverity: 'error',
  docs: {
    summary: 'Every checked file is inside the content root once symbolic links are resolved; one that leads out of it is never read.',
    rationale: 'Content comes from pull requests: a symbolic link to a file outside the root (a key, a config, /etc/passwd) would otherwise be read, and its text shown in findings and reports.',
    fix: 'Replace the symbolic link with the file itself, or point it at a file inside the content root.',
    example: 'content/notes.md as a symbolic link to ../../.ssh/id_rsa, or to /etc/passwd.',
  },
  check: (document) => (document.unreadable?.outsideRoot ? [{ ...document.unreadable.position, message: document.unreadable.message }] : []),
};
