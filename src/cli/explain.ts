import { Command } from 'commander';
import { UsageError } from '../errors.js';
import { RULES, RULES_BY_ID } from '../rules/index.js';
import { explainRule, ruleList } from '../rules/docs.js';
import { closestField } from '../schema/document.js';
import { escapeLines } from '../report/escape.js';
import type { CommandResult, Io } from './common.js';

export function explainCommand(io: Io, result: CommandResult): Command {
  return new Command('explain')
    .description('what a rule checks, why it matters, how to fix it, an example')
    .argument('[rule]', 'a rule id, such as review-overdue')
    .option('--list', 'list every rule')
    .action((ruleId: string | undefined, options: { list?: boolean }) => {
      if (options.list || ruleId === undefined) {
        io.stdout.write(escapeLines(ruleList()));
        return;
      }
      const rule = RULES_BY_ID.get(ruleId);
      if (!rule) {
        const suggestion = closestField(ruleId, RULES.map((candidate) => candidate.id));
        throw new UsageError(`no rule "${ruleId}"${suggestion ? `; did you mean "${suggestion}"?` : ''} (contentgov explain --list)`);
      }
      io.stdout.write(escapeLines(explainRule(rule)));
      result.exitCode = 0;
    });
}
