/** A formatter turns the one Report into text; adding a format never touches a rule. */
import type { Report } from './types.js';
import { formatStylish } from './stylish.js';

export interface FormatOptions {
  color: boolean;
}

export type Formatter = (report: Report, options: FormatOptions) => string;

export const FORMATTERS = {
  stylish: formatStylish,
  json: (report: Report) => `${JSON.stringify(report, null, 2)}\n`,
} satisfies Record<string, Formatter>;

export type FormatName = keyof typeof FORMATTERS;
export const FORMAT_NAMES = Object.keys(FORMATTERS) as FormatName[];
