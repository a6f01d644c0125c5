/** The fast path of metadata validation against the zod validators it stands in for. */
import { describe, expect, it } from 'vitest';
import { fieldValidator, plainlyValid, type FieldSpec } from '../src/schema/fields.js';
import { compileUserPattern } from '../src/schema/pattern.js';

const context = { frequencies: { quarterly: 'P3M' }, dateFormats: [] };
const SPECS: FieldSpec[] = [
  { type: 'string', required: true },
  { type: 'string', required: false, values: ['a', 'b'] },
  { type: 'string', required: true, pattern: '^v\\d+$' },
  { type: 'url', required: true },
  { type: 'url', required: true, pattern: '^https://x\\.org/' },
  { type: 'enum', required: true, values: ['active', 'draft'] },
  { type: 'list', required: true },
  { type: 'string-or-list', required: false },
  { type: 'date', required: true },
  { type: 'duration', required: true },
  { type: 'duration', required: true, values: ['quarterly'] },
  { type: 'boolean', required: true },
  { type: 'number', required: true },
];
const TEXTS = [
  '', ' ', '\t\n', '\u00a0', '\u2028', '\u3000', 'x', ' x ', 'a', 'v1', 'active', 'quarterly', '2025-01-31', '\u{1F600}', '\u0000',
  'http://', 'https://', 'http://x', 'https://www.cancer.gov/types/breast', 'HTTPS://x.org', ' https://x.org', 'https://x.org ',
  'https:///x', 'http://[::1]/', 'http://[::1', 'https://user:pass@host/p?q#f', 'https://exa mple.org', 'https://%zz', 'https://xn--/',
  'https://a..b', 'http://1.2.3.4.5', 'http://0x7f.1/', 'https://ex\tample.org', 'https://x.org:99999', 'https://x.org:443', 'ftp://x.org', 'javascript:alert(1)', 'mailto:a@b.c', '//x.org',
];
const OTHERS: unknown[] = [undefined, null, 0, 1, Number.NaN, true, false, [], ['x'], [''], {}, new Date('2025-01-01'), new String('x'), Symbol('s'), 12n];

describe('metadata validation: the fast path', () => {
  it('says a value is valid exactly when zod does, for text and url fields, and never for the other types', () => {
    let fast = 0;
    for (const spec of SPECS) {
      const validator = fieldValidator(spec, context, spec.pattern === undefined ? undefined : compileUserPattern(spec.pattern, 'test'));
      for (const value of [...TEXTS, ...OTHERS]) {
        const valid = validator.safeParse(value).success;
        const plain = plainlyValid(spec, value);
        if (plain) fast++;
        const decides = (spec.type === 'string' || spec.type === 'url') && !spec.values && !spec.pattern;
        expect(plain, `${JSON.stringify(spec)} ${String(value)}`).toBe(decides ? valid : false);
      }
    }
    // Not vacuous: the fast path answered for most texts of both kinds.
    expect(fast).toBeGreaterThan(TEXTS.length);
  });
});
