/** Heading anchors as GitHub makes them (github-slugger): lowercase, punctuation dropped, spaces to hyphens. */

const NOT_SLUG_CHARACTER = /[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu;
/** Most headings: nothing to render or drop, only case and spaces to change. */
const PLAIN_ASCII_HEADING = /^[A-Za-z0-9 -]*$/;
/** `_emphasis_` and `__strong__`: the underscores render as nothing; `snake_case` keeps its own. */
const UNDERSCORE_EMPHASIS = /(^|[^\p{L}\p{N}_\\])(_{1,3})(?=\S)(.+?)(?<=[^\s\\])\2(?![\p{L}\p{N}_])/gu;

export function githubSlug(headingText: string): string {
  if (PLAIN_ASCII_HEADING.test(headingText)) return headingText.trim().toLowerCase().replace(/ /g, '-');
  return plainText(headingText).trim().toLowerCase().replace(NOT_SLUG_CHARACTER, '').replace(/ /g, '-');
}

/** The text a heading renders to: link and image text kept, markup and HTML tags dropped. */
function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/!?\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(UNDERSCORE_EMPHASIS, '$1$3')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** Hands out GitHub's ids in document order: a repeated slug gets -1, -2… */
export class Slugger {
  private readonly seen = new Map<string, number>();

  slug(headingText: string): string {
    const original = githubSlug(headingText);
    let result = original;
    while (this.seen.has(result)) {
      const count = this.seen.get(original)! + 1;
      this.seen.set(original, count);
      result = `${original}-${count}`;
    }
    this.seen.set(result, 0);
    return result;
  }
}
