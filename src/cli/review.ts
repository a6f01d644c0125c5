import path from 'node:path';
import { Command } from 'commander';
import { UsageError } from '../errors.js';
import { escapeText } from '../report/escape.js';
import type { PreparedReview } from '../edit/review.js';
import { loadProjectFor, parseDateOption, parseOneLine, reviewDay, type CommandResult, type Io } from './common.js';

export function reviewCommand(io: Io, result: CommandResult): Command {
  return new Command('review')
    .description('record that pages were reviewed: set lastReviewed (and reviewedBy), change nothing else')
    .argument('<files...>', 'the documents reviewed')
    .option('-c, --config <file>', 'config file (default: contentgov.config.json, searched upward)')
    .option('--date <date>', 'the day of the review, YYYY-MM-DD (default: today, UTC)', parseDateOption)
    .option('--by <name>', 'who reviewed them (sets reviewedBy)', parseOneLine('--by'))
    .option('--force', 'record the review even when the metadata fails the schema, or --date is before the recorded review')
    .action(async (files: string[], options: { config?: string; date?: string; by?: string; force?: boolean }) => {
      // Loaded here: the yaml editor is needed by this command only, and every other command starts faster without it.
      const { EditRefused, prepareReview } = await import('../edit/review.js');
      const project = loadProjectFor(io, options.config);
      const date = reviewDay(options.date, '--date', io.env);
      const usageErrors: string[] = [];
      const refusals: string[] = [];
      const prepared: PreparedReview[] = [];
      for (const file of files) {
        try {
          prepared.push(prepareReview(project, path.resolve(io.cwd, file), { date, force: options.force === true, ...(options.by !== undefined ? { by: options.by } : {}) }));
        } catch (error) {
          if (!(error instanceof UsageError) && !(error instanceof EditRefused)) throw error;
          // A file that is missing, special or outside the root is a usage error (2); a page refused for its metadata, a finding (1).
          (error instanceof UsageError ? usageErrors : refusals).push(error.message);
        }
      }
      // A usage error records no review at all: a mistyped name must not leave the other pages half done.
      if (usageErrors.length === 0) {
        for (const review of prepared) {
          review.write();
          io.stdout.write(`${escapeText(review.stamp.file)}: reviewed ${review.stamp.lastReviewed}${review.stamp.nextReviewDue ? `, next review due ${review.stamp.nextReviewDue}` : ''}\n`);
        }
      }
      // "No review recorded" only where a page could have been: a lone bad name is one line.
      const failures = usageErrors.length > 0 ? [...usageErrors, ...refusals, ...(prepared.length > 0 ? ['no review recorded'] : [])] : refusals;
      for (const failure of failures) io.stderr.write(`contentgov: ${failure.split('\n').map(escapeText).join('\n')}\n`);
      result.exitCode = usageErrors.length > 0 ? 2 : refusals.length > 0 ? 1 : 0;
    });
}
