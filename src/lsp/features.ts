/**
 * What the editor asks about one open document, answered from the workspace's corpus and the
 * same code lint uses: diagnostics from lint's findings, quick fixes from lint --fix and
 * `contentgov review`, hover and definition from the link checker's resolution.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, CompletionItemKind, DiagnosticSeverity, type CodeAction, type CompletionItem, type Diagnostic, type Position, type Range, type TextEdit } from 'vscode-languageserver';
import { contentRootOf } from '../corpus/root.js';
import type { ParsedDocument } from '../corpus/document.js';
import { parseOptionsOf, readDocumentText } from '../corpus/read.js';
import { computeFixes } from '../edit/fixes.js';
import { EditRefused, splitForEditing } from '../edit/frontmatter-edit.js';
import { stampReviewText } from '../edit/review.js';
import { linkTargets, type LinkCheck } from '../links/check.js';
import type { ExtractedLink } from '../links/extract.js';
import { joinPosix } from '../links/index.js';
import { compareFindings } from '../report/build.js';
import { escapeText } from '../report/escape.js';
import type { Finding } from '../report/types.js';
import type { ReviewVerdict } from '../review/verdict.js';
import { dayCount } from '../review/dates.js';
import { RULES_BY_ID } from '../rules/index.js';
import { closestField } from '../schema/document.js';
import type { Workspace } from './workspace.js';

export const SOURCE = 'contentgov';

/** Where every diagnostic's rule is documented: the rule table of the README installed with contentgov. */
const RULE_DOCS_URL = `${new URL('../README.md', import.meta.url).href}#rules`;

/** An open document as the features see it. */
export interface OpenDocument {
  workspace: Workspace;
  text: TextDocument;
  parsed: ParsedDocument;
}

function lineText(text: TextDocument, line: number): string {
  return text.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
}

/** A link's destination on its line: where the URL as written starts, and where the link ends. */
function linkSpan(line: string, link: ExtractedLink): { urlStart: number; end: number } | undefined {
  const urlStart = line.indexOf(link.url, link.column - 1);
  if (urlStart === -1) return undefined;
  const after = urlStart + link.url.length;
  return { urlStart, end: line[after] === ')' || line[after] === '>' ? after + 1 : after };
}

/** A place in a page (1-based line and column) as a key: where a finding, a link and a link check meet. */
function placeKey({ line, column }: { line: number; column: number }): string {
  return `${line}:${column}`;
}

/**
 * A finding's range: its field's key, its link, else the rest of its line (a finding has a start,
 * not an end).
 */
function findingRange(open: OpenDocument, finding: Finding, linksAt: ReadonlyMap<string, ExtractedLink>): Range {
  const line = finding.line - 1;
  const text = lineText(open.text, line);
  const start = Math.min(finding.column - 1, text.length);
  let end = text.trimEnd().length;
  const link = linksAt.get(placeKey(finding));
  if (finding.field !== undefined && text.startsWith(finding.field, start)) end = start + finding.field.length;
  else if (link) end = linkSpan(text, link)?.end ?? end;
  return { start: { line, character: start }, end: { line, character: Math.max(end, start) } };
}

/** In the order lint reports them (line, column, rule), whatever order the rules found them in. */
export function toDiagnostics(open: OpenDocument, findings: readonly Finding[]): Diagnostic[] {
  // Each finding's link looked up by its place: searching the links for each finding took findings
  // x links (1,000 broken links after 850,000 good ones: 11 s a keystroke).
  const places = new Set(findings.map(placeKey));
  const linksAt = new Map<string, ExtractedLink>();
  if (places.size > 0) {
    for (const link of open.parsed.links) {
      const key = placeKey(link);
      if (places.has(key) && !linksAt.has(key)) linksAt.set(key, link);
    }
  }
  return [...findings].sort(compareFindings).map((finding) => ({
    range: findingRange(open, finding, linksAt),
    severity: finding.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: finding.ruleId,
    ...(RULES_BY_ID.has(finding.ruleId) ? { codeDescription: { href: RULE_DOCS_URL } } : {}),
    source: SOURCE,
    // Text from the page, escaped as every output escapes it: a bidirectional control in a link target must not reorder what the editor shows.
    message: escapeText(finding.message),
    ...(finding.field !== undefined ? { data: { field: finding.field } } : {}),
  }));
}

function edit(open: OpenDocument, edits: TextEdit[]) {
  return { changes: { [open.text.uri]: edits } };
}

function overlaps(a: Range, b: Range): boolean {
  return !(a.end.line < b.start.line || b.end.line < a.start.line);
}

/** The one edit that turns `before` into `after`: their common start and end are left alone. */
function minimalEdit(text: TextDocument, before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { range: { start: text.positionAt(start), end: text.positionAt(before.length - end) }, newText: after.slice(start, after.length - end) };
}

export function codeActions(open: OpenDocument, range: Range, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const { workspace, text, parsed } = open;
  const { project } = workspace;
  const settings = project.settingsFor(parsed.file);
  const source = text.getText();
  const actions: CodeAction[] = [];
  // lint --fix's safe fixes, each on its own and all at once.
  const fixes = parsed.frontmatter?.kind === 'ok' ? computeFixes(source, settings.config, settings.schema) : [];
  const fixEdits = fixes.map((fix) => ({ fix, edit: { range: { start: text.positionAt(fix.start), end: text.positionAt(fix.end) }, newText: fix.replacement } }));
  for (const { fix, edit: textEdit } of fixEdits) {
    if (overlaps(textEdit.range, range)) actions.push({ title: `Fix: ${fix.description}`, kind: CodeActionKind.QuickFix, edit: edit(open, [textEdit]) });
  }
  if (fixEdits.length > 0) actions.push({ title: 'Apply every safe fix (lint --fix)', kind: CodeActionKind.SourceFixAll, edit: edit(open, fixEdits.map(({ edit: textEdit }) => textEdit)) });

  const missingAnchors = missingAnchorsByPlace(open, diagnostics);
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== SOURCE || typeof diagnostic.code !== 'string') continue;
    const suggestion = didYouMean(open, diagnostic, missingAnchors);
    if (suggestion) actions.push({ title: `Change to "${escapeText(suggestion.newText)}"`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: edit(open, [suggestion]) });
    const suppression = suppressionEdit(open, diagnostic.code, diagnostic.range.start.line);
    if (suppression) {
      const where = suppression.scope === 'file' ? ' in this file' : '';
      actions.push({ title: `Suppress ${diagnostic.code}${where} (give the reason)`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: edit(open, [suppression.edit]) });
    }
  }

  if (parsed.frontmatter?.kind === 'ok') {
    const by = workspace.reviewerName();
    const title = `Mark reviewed today (${workspace.asOf}${by ? `, by ${by}` : ''})`;
    try {
      const stamped = stampReviewText({ ...project, ...settings }, parsed.file, source, { date: workspace.asOf, force: false, ...(by ? { by } : {}) });
      const reviewDiagnostics = diagnostics.filter((diagnostic) => typeof diagnostic.code === 'string' && diagnostic.code.startsWith('review-'));
      actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: reviewDiagnostics, edit: edit(open, [minimalEdit(text, source, stamped.text)]) });
    } catch (error) {
      if (!(error instanceof EditRefused)) throw error;
      actions.push({ title, kind: CodeActionKind.QuickFix, disabled: { reason: error.message } });
    }
  }
  return actions;
}

/**
 * The page's broken-anchor checks by line:column, made once per request when a diagnostic asks:
 * a client may send thousands of diagnostics, and searching every check for each was their product.
 */
function missingAnchorsByPlace(open: OpenDocument, diagnostics: readonly Diagnostic[]): ReadonlyMap<string, LinkCheck> {
  const byPlace = new Map<string, LinkCheck>();
  if (!diagnostics.some((diagnostic) => diagnostic.code === 'link-missing-anchor')) return byPlace;
  for (const check of open.workspace.corpus.linkChecksOf(open.parsed)) {
    const place = placeKey(check.link);
    if (check.outcome === 'missing-anchor' && !byPlace.has(place)) byPlace.set(place, check);
  }
  return byPlace;
}

/** An unknown field renamed to the known one it is closest to; a broken anchor to the closest heading. */
function didYouMean(open: OpenDocument, diagnostic: Diagnostic, missingAnchors: ReadonlyMap<string, LinkCheck>): TextEdit | undefined {
  const { parsed, workspace, text } = open;
  if (diagnostic.code === 'metadata-unknown-field') {
    const field = (diagnostic.data as { field?: string } | undefined)?.field;
    const suggestion = field && closestField(field, workspace.project.settingsFor(parsed.file).schema.fieldNames);
    if (!suggestion || text.getText(diagnostic.range) !== field) return undefined;
    return { range: diagnostic.range, newText: suggestion };
  }
  if (diagnostic.code === 'link-missing-anchor') {
    const { line, character } = diagnostic.range.start;
    const check = missingAnchors.get(placeKey({ line: line + 1, column: character + 1 }));
    if (!check) return undefined;
    const hash = check.link.url.indexOf('#');
    const span = linkSpan(lineText(text, line), check.link);
    if (hash === -1 || !span) return undefined;
    const written = check.link.url.slice(hash + 1);
    const anchors = check.target === undefined ? parsed.anchors : workspace.corpus.index.anchorsOf(check.target);
    const suggestion = closestField(decodeFragment(written), [...anchors]);
    if (!suggestion) return undefined;
    const start = span.urlStart + hash + 1;
    return { range: { start: { line, character: start }, end: { line, character: start + written.length } }, newText: suggestion };
  }
  return undefined;
}

function decodeFragment(fragment: string): string {
  try {
    return fragment.includes('%') ? decodeURIComponent(fragment) : fragment;
  } catch {
    return fragment;
  }
}

/**
 * A suppression comment with a reason to fill in: on its own line above the finding's, where a
 * line of its own changes nothing a reader sees; else for the whole file, at the top of the body:
 * for a finding in the frontmatter (YAML holds no such comment), and for one inside a paragraph,
 * a list, a block quote, a table or indented text, which a comment line would split or end.
 */
function suppressionEdit(open: OpenDocument, ruleId: string, line: number): { edit: TextEdit; scope: 'next-line' | 'file' } | undefined {
  if (!RULES_BY_ID.has(ruleId)) return undefined;
  const frontmatter = open.parsed.frontmatter;
  const bodyLine = frontmatter?.kind === 'ok' ? frontmatter.bodyStartLine - 1 : frontmatter?.kind === 'missing' ? 0 : undefined;
  if (bodyLine === undefined) return undefined;
  const scope = line >= bodyLine && startsBlockAlone(open.text, line, bodyLine) ? 'next-line' : 'file';
  const at = { line: scope === 'next-line' ? line : bodyLine, character: 0 };
  return { edit: { range: { start: at, end: at }, newText: `<!-- contentgov-disable-${scope} ${ruleId} -- REASON -->${eol(open.text)}` }, scope };
}

/** A line at the margin, after a blank one (or first in the body), that no container marker, table or indent starts. */
function startsBlockAlone(text: TextDocument, line: number, bodyLine: number): boolean {
  if (line > bodyLine && lineText(text, line - 1).trim() !== '') return false;
  return !/^(?:[ \t]|[>|]|[-+*][ \t]|\d{1,9}[.)][ \t])/.test(lineText(text, line));
}

function eol(text: TextDocument): string {
  return text.getText().includes('\r\n') ? '\r\n' : '\n';
}

/** The link under the cursor, if any. */
function linkAt(open: OpenDocument, position: Position): { link: ExtractedLink; range: Range } | undefined {
  const text = lineText(open.text, position.line);
  for (const link of open.parsed.links) {
    if (link.line !== position.line + 1 || link.column - 1 > position.character) continue;
    const span = linkSpan(text, link);
    if (span && position.character <= span.end) return { link, range: { start: { line: position.line, character: link.column - 1 }, end: { line: position.line, character: span.end } } };
  }
  return undefined;
}

interface Resolved {
  /** Project-relative file the link leads to. */
  target?: string;
  anchor?: string;
  site: boolean;
}

/** Where a link leads, as the link checker resolves it (relative path, site route or another page's url). */
function resolve(open: OpenDocument, link: ExtractedLink): Resolved {
  const raw = link.url.trim();
  const hash = raw.indexOf('#');
  const anchor = hash === -1 ? undefined : decodeFragment(raw.slice(hash + 1));
  const site = raw.startsWith('/') && !raw.startsWith('//');
  if (raw.startsWith('#')) return { target: open.parsed.file, ...(anchor ? { anchor } : {}), site };
  const [target] = linkTargets({ ...open.parsed, links: [link] }, open.workspace.corpus.index, open.workspace.corpus.settings);
  return { ...(target !== undefined ? { target } : {}), ...(anchor ? { anchor } : {}), site };
}

export function hover(open: OpenDocument, position: Position): { contents: string; range: Range } | undefined {
  const { parsed, workspace } = open;
  const { review } = workspace.project.settingsFor(parsed.file).config;
  const line = lineText(open.text, position.line);
  const frontmatterEnd = parsed.frontmatter?.kind === 'ok' ? parsed.frontmatter.bodyStartLine - 1 : 0;
  const key = /^([\w-]+)\s*:/.exec(line)?.[1];
  if (position.line < frontmatterEnd && (key === review.dateField || key === review.frequencyField)) {
    return { contents: reviewText(workspace.corpus.reviewOf(parsed), workspace.asOf), range: { start: { line: position.line, character: 0 }, end: { line: position.line, character: line.length } } };
  }
  const found = linkAt(open, position);
  if (!found) return undefined;
  const problem = workspace.corpus.linkChecksOf(parsed).find((check) => check.link === found.link);
  if (problem && problem.outcome !== 'external') return { contents: `${problem.outcome}${problem.detail ? `: ${problem.detail}` : ''}`, range: found.range };
  const resolved = resolve(open, found.link);
  if (resolved.target === undefined) return { contents: problem ? 'external URL: not requested while you type (lint --external checks it)' : 'not a page of this corpus', range: found.range };
  const where = `${resolved.target}${resolved.anchor ? `#${resolved.anchor}` : ''}`;
  return { contents: resolved.site ? `site route ${found.link.url.trim()} → ${where}` : `→ ${where}`, range: found.range };
}

function reviewText(review: ReviewVerdict, asOf: string): string {
  if (review.reviewStatus === 'exempt') return `exempt from review (status ${review.exemptStatus ?? ''})`;
  if (review.reviewStatus === 'unknown' || review.nextReviewDue === undefined) return `review cannot be judged: ${review.unknownReason ?? 'unknown'}`;
  const when = review.reviewStatus === 'overdue' ? `${dayCount(review.daysOverdue ?? 0)} overdue` : review.daysUntilDue === 0 ? 'due today' : `due in ${dayCount(review.daysUntilDue ?? 0)}`;
  return `next review due ${review.nextReviewDue} — ${when} (as of today, ${asOf})`;
}

export function definition(open: OpenDocument, position: Position, openText: (absolutePath: string) => string | undefined): { uri: string; range: Range } | undefined {
  const found = linkAt(open, position);
  if (!found) return undefined;
  const { target, anchor } = resolve(open, found.link);
  if (target === undefined || !open.workspace.corpus.index.isInContent(target)) return undefined;
  const absolutePath = path.join(open.workspace.project.projectRoot, target);
  const line = anchor ? headingLine(open.workspace, target, anchor, openText) : 0;
  const at = { line, character: 0 };
  return { uri: pathToFileURL(absolutePath).href, range: { start: at, end: at } };
}

/**
 * The line of the heading (or id) that defines an anchor: the shortest start of the file whose
 * anchors include it, found by bisection with the same extractor the link check uses, so a slug
 * means here exactly what it means there.
 */
function headingLine(workspace: Workspace, file: string, anchor: string, openText: (absolutePath: string) => string | undefined): number {
  const text = workspace.textOf(file, openText);
  if (text === undefined) return 0;
  const lines = text.split('\n');
  const discovered = { path: path.join(workspace.project.projectRoot, file), file, root: contentRootOf(workspace.project) };
  const defines = (count: number) => readDocumentText(discovered, lines.slice(0, count).join('\n'), parseOptionsOf(workspace.project.config)).anchors.has(anchor);
  if (!defines(lines.length)) return 0;
  let low = 1;
  let high = lines.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (defines(middle)) high = middle;
    else low = middle + 1;
  }
  // A setext heading is defined by its underline: the heading is the line above.
  return low >= 2 && /^ {0,3}(?:=+|-+)[ \t]*$/.test(lines[low - 1]!) ? low - 2 : low - 1;
}

/**
 * Each item's label is what the editor shows, escaped as every output is (a file name, an id or a
 * config's field may hold a bidirectional control); its edit inserts the text itself.
 */
export function completion(open: OpenDocument, position: Position): CompletionItem[] {
  const { parsed, workspace, text } = open;
  const settings = workspace.project.settingsFor(parsed.file);
  const before = lineText(text, position.line).slice(0, position.character);
  const parts = splitForEditing(text.getText());
  const closingLine = parts ? (parts.prefix + parts.yaml).split('\n').length - 1 : 0;
  const replacing = (typed: string, newText: string): TextEdit => ({ range: { start: { line: position.line, character: position.character - typed.length }, end: position }, newText });
  if (parts && position.line >= 1 && position.line < closingLine) {
    const name = /^([A-Za-z_][\w-]*)?$/.exec(before);
    if (name) {
      const present = new Set(parsed.frontmatter?.kind === 'ok' ? Object.keys(parsed.frontmatter.data) : []);
      return Object.entries(settings.schema.fields)
        .filter(([field]) => !present.has(field) || field === name[1])
        .map(([field, spec]) => ({
          label: escapeText(field),
          kind: CompletionItemKind.Field,
          detail: `${spec.type}${spec.required ? ', required' : ''}`,
          ...(spec.description ? { documentation: escapeText(spec.description) } : {}),
          textEdit: replacing(name[1] ?? '', `${field}: `),
        }));
    }
    const value = /^([A-Za-z_][\w-]*)\s*:\s*(\S*)$/.exec(before);
    const spec = value ? settings.schema.fields[value[1]!] : undefined;
    if (!value || !spec) return [];
    const typed = value[2]!;
    if (spec.type === 'date' || value[1] === settings.config.review.dateField) return [{ label: workspace.asOf, kind: CompletionItemKind.Value, detail: 'today', textEdit: replacing(typed, workspace.asOf) }];
    const choices = spec.values ?? (spec.type === 'duration' ? Object.keys(settings.schema.context.frequencies) : []);
    return choices.map((choice) => ({ label: escapeText(choice), kind: CompletionItemKind.EnumMember, textEdit: replacing(typed, choice) }));
  }
  const folder = path.posix.dirname(parsed.file);
  const anchorOf = typedAnchor(before);
  if (anchorOf) {
    const target = anchorOf.path === '' ? parsed.file : joinPosix(folder, decodeFragment(anchorOf.path));
    const index = workspace.corpus.index;
    if (target !== parsed.file && index.pathKind(target) !== 'file') return [];
    const anchors = target === parsed.file ? parsed.anchors : index.anchorsOf(target);
    return [...anchors].sort().map((anchor) => ({ label: escapeText(anchor), kind: CompletionItemKind.Reference, textEdit: replacing(anchorOf.fragment, anchor) }));
  }
  const typedPath = typedLinkPath(before);
  if (typedPath === undefined) return [];
  return [...workspace.corpus.documents.keys()]
    .filter((file) => file !== parsed.file)
    .sort()
    .map((file) => {
      const relative = path.posix.relative(folder, file);
      const destination = asLinkPath(relative);
      return { label: escapeText(relative), kind: CompletionItemKind.File, filterText: destination, textEdit: replacing(typedPath, destination) };
    });
}

/**
 * A project path as a link's destination: what would end it (white space, a parenthesis, `<`,
 * `>`), make it a fragment, a query or a scheme (`#`, `?`, `:`), a backslash escape or a broken
 * %-escape, %-escaped as UTF-8; the link checker decodes the path. Other characters, accented
 * ones too, stay as they read.
 */
export function asLinkPath(relative: string): string {
  return relative.replace(/[\p{Cc}\p{Z}%()<>#?\\:]/gu, (character) => Array.from(Buffer.from(character, 'utf8'), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}

/** Characters of a link's path or fragment: not `)`, white space, `#`, `<` or `>`. */
function isTargetCharacter(character: string): boolean {
  return !/[)\s#<>]/.test(character);
}

/**
 * A link's path being typed at the end of `before` (`[x](path`): what group 1 of
 * /\]\(<?([^)\s#<>]*)$/ matched. That expression scanned from every `](` to the end of the line,
 * so a line of `](` that did not end the way it wants took time quadratic in its length (a
 * 120 KB line: 6 s of the server's one thread per completion). The path is the run of target
 * characters before the end; the `](` that opens it is found as typedAnchor finds it.
 */
export function typedLinkPath(before: string): string | undefined {
  let pathStart = before.length;
  while (pathStart > 0 && isTargetCharacter(before[pathStart - 1]!)) pathStart--;
  if (before[pathStart - 1] === '<' && before.startsWith('](', pathStart - 3)) return before.slice(pathStart);
  const open = before.indexOf('](', pathStart);
  return open === -1 ? undefined : before.slice(open + 2);
}

/**
 * A link's path and fragment being typed at the end of `before` (`[x](path#frag`): what groups 1
 * and 2 of /\]\(<?([^)\s#<>]*)#([^)\s#<>]*)$/ matched. That expression scanned from every `](`
 * to the end of the line (a line of `](` was quadratic); here the fragment and the path are the
 * runs of target characters before the end and before the `#`, and the leftmost `](` that can
 * open the path is looked for once.
 */
export function typedAnchor(before: string): { path: string; fragment: string } | undefined {
  let hash = before.length;
  while (hash > 0 && isTargetCharacter(before[hash - 1]!)) hash--;
  if (before[hash - 1] !== '#') return undefined;
  const fragment = before.slice(hash);
  hash--;
  let pathStart = hash;
  while (pathStart > 0 && isTargetCharacter(before[pathStart - 1]!)) pathStart--;
  // `](<` right before the path opens it leftmost; else the first `](` inside the path's run
  // (`]` and `(` are target characters, so no bare `](` can sit just before the run).
  if (before[pathStart - 1] === '<' && before.startsWith('](', pathStart - 3)) return { path: before.slice(pathStart, hash), fragment };
  const open = before.indexOf('](', pathStart);
  if (open === -1 || open + 2 > hash) return undefined;
  return { path: before.slice(open + 2, hash), fragment };
}
