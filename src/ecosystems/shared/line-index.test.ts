import { describe, expect, it } from 'vitest';
import { LineIndex } from './line-index.ts';
import { tomlKeyPattern } from './toml-document.ts';

describe('LineIndex', () => {
  it('maps offsets to 1-based lines', () => {
    const index = new LineIndex('ab\ncd\r\n\nx');
    expect([0, 2, 3, 6, 7, 8, 100].map((o) => index.lineAt(o))).toEqual([1, 1, 2, 2, 3, 4, 4]);
  });

  it('maps offsets and key lines', () => {
    const lines = new LineIndex('a = 1\r\n  "b.c" = 2\rd=3');
    expect(lines.match(tomlKeyPattern('b.c'))?.line).toBe(2);
    expect(lines.match(tomlKeyPattern('d'))?.line).toBe(3);
    expect(lines.find(['zzz', 'd=3'])?.line).toBe(3);
  });

  it('searches from an offset', () => {
    const lines = new LineIndex('x\nx\nx');
    expect(lines.find(['x'], 1)).toEqual({ line: 2, offset: 2 });
    expect(lines.match(/x/g, 3)).toEqual({ line: 3, offset: 4 });
    expect(lines.find(['y'])).toBeUndefined();
  });
});
