/**
 * A definition whose label starts with `^` is a GFM footnote (GitHub, and the site generators that
 * have footnotes), not a link: `[^1]: Ibid.` is the note's text. Only a note that is a web address
 * links, as a bare URL; CommonMark's definition of it is then the same link. Shared by the fast
 * scanner and the exact extractor (micromark without the footnote extension reads a definition).
 */
export function isFootnoteText(label: string, url: string): boolean {
  return label.startsWith('^') && !/^https?:\/\//i.test(url);
}
