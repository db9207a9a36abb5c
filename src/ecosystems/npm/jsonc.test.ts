import { describe, expect, it } from 'vitest';
import { JsoncError, parseJsonc, stripJsonc } from './jsonc.ts';

describe('parseJsonc', () => {
  it('drops comments and trailing commas, leaving strings alone', () => {
    const text = '{\n  // note\n  "a": "x,}//not a comment", /* b */\n  "b": [1, 2,],\n}';
    expect(parseJsonc(text)).toEqual({ a: 'x,}//not a comment', b: [1, 2] });
    expect(stripJsonc('{"a": 1}')).toBe('{"a": 1}');
  });

  it('takes the fast path for commas before a newline, whatever the whitespace', () => {
    expect(parseJsonc(`{"a": [1,${' '.repeat(100_000)}\n${' '.repeat(100_000)}],\n}`)).toEqual({
      a: [1],
    });
  });

  it('reports text that is not JSON even without the commas', () => {
    expect(() => parseJsonc('{"a": }')).toThrow(JsoncError);
    expect(() => parseJsonc('{"a": "x')).toThrow('unterminated string');
    expect(() => parseJsonc('{"a": 1 /* open')).toThrow('unterminated comment');
  });
});
