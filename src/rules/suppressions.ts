/** Rules about suppressions, reported by the engine as it applies them (src/suppress/apply.ts). */
import type { Rule } from './rule.js';

export const suppressionInvalid: Rule = {
  id: 'suppression-invalid',
  defaultSeverity: 'error',
  docs: {
    summary: 'A suppression names known rules and gives a reason.',
    rationale: 'A silenced finding without a reason cannot be reviewed later, and a typo in a rule id silences nothing.',
    fix: 'Write <!-- contentgov-disable-next-line RULE -- why --> with a real rule id (contentgov explain --list) and the reason after --.',
    example: '<!-- contentgov-disable-next-line link-missing-file -->',
  },
};

export const suppressionExpired: Rule = {
  id: 'suppression-expired',
  defaultSeverity: 'error',
  docs: {
    summary: 'A suppression with an until day is past that day.',
    rationale: 'Temporary exceptions must not become permanent: on the day it expires, the finding it hid comes back, and so does this error.',
    fix: 'Fix what the suppression hid and remove it, or extend until with a new reason.',
    example: '<!-- contentgov-disable-next-line link-missing-file until 2025-01-31 -- page moves in January -->',
  },
};

export const suppressionUnused: Rule = {
  id: 'suppression-unused',
  defaultSeverity: 'warning',
  docs: {
    summary: 'Every suppression silences something.',
    rationale: 'A suppression left behind after the problem was fixed would silently hide the next real problem on that line.',
    fix: 'Remove the comment (or the config entry).',
    example: '<!-- contentgov-disable-next-line link-missing-file -- moved -->\n[a link that works](cryosurgery.md)',
  },
};
