/** A document's review verdict for an as-of day: derived from its metadata when a rule, report or hover asks, never stored on it. */
import type { Project } from '../config/load.js';
import { metadataOf, type ParsedDocument } from '../corpus/document.js';
import { reviewVerdict, type ReviewVerdict } from '../review/verdict.js';

/** The verdict under the settings for the document's path (overrides may change review settings). */
export function verdictFor(document: ParsedDocument, project: Project, asOf: string): ReviewVerdict {
  const { config, schema } = project.settingsFor(document.file);
  return reviewVerdict(metadataOf(document), { review: config.review, frequencies: schema.context.frequencies, asOf }, whyUnread(document));
}

/** Why a document has no metadata, in a few words: its file unread, no block, or the block's first problem. */
function whyUnread(document: ParsedDocument): string | undefined {
  if (document.unreadable) return document.unreadable.message;
  const { frontmatter } = document;
  if (!frontmatter || frontmatter.kind === 'ok') return undefined;
  if (frontmatter.kind === 'missing') return frontmatter.reason;
  const problem = frontmatter.kind === 'too-large' ? frontmatter.problem : frontmatter.problems[0];
  return problem ? `line ${problem.position.line}: ${problem.message}` : undefined;
}
