import { describe, expect, it } from 'vitest';
import { JsonLines, parseJson } from './json-document.ts';

describe('parseJson', () => {
  it('parses JSON, with or without a byte-order mark', () => {
    expect(parseJson('a.json', '\uFEFF{"a": 1}', 'test file')).toEqual({ a: 1 });
    expect(parseJson('x.json', '{"a": ["[{"]}', 'x')).toEqual({ a: ['[{'] });
  });

  it('names the file and the problem', () => {
    expect(() => parseJson('dir/a.json', '{"a": ', 'test file')).toThrow(
      /^dir\/a\.json: not a valid test file: /,
    );
  });

  it('refuses nesting deeper than any lockfile before parsing', () => {
    expect(() => parseJson('a.json', `${'['.repeat(129)}${']'.repeat(129)}`, 'test file')).toThrow(
      'a.json: not a valid test file: nested more than 128 levels deep',
    );
    expect(parseJson('a.json', `${'['.repeat(128)}${']'.repeat(128)}`, 'test file')).toBeInstanceOf(
      Array,
    );
  });

  it('refuses 10^5 levels of nesting with one message naming the file', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(() => parseJson('lock.json', deep, 'lockfile')).toThrow(
      'lock.json: not a valid lockfile: nested more than 128 levels deep',
    );
  });

  it('does not count brackets inside strings', () => {
    expect(parseJson('a.json', JSON.stringify({ a: '['.repeat(500) }), 'test file')).toEqual({
      a: '['.repeat(500),
    });
  });
});

describe('JsonLines', () => {
  const text = `{
  "a": {
    "b\\"c": [1,
      2, {"d": "x"}],
    "e": "{ not a key: [ ]"
  },
  "f": ["x",
    "y"]
}`;
  const lines = new JsonLines(text, 4);

  it('finds the line of keys and array elements by path', () => {
    expect(lines.lineOf('a')).toBe(2);
    expect(lines.lineOf('a', 'b"c')).toBe(3);
    expect(lines.lineOf('a', 'b"c', 0)).toBe(3);
    expect(lines.lineOf('a', 'b"c', 1)).toBe(4);
    expect(lines.lineOf('a', 'b"c', 2, 'd')).toBe(4);
    expect(lines.lineOf('a', 'e')).toBe(5);
    expect(lines.lineOf('f', 1)).toBe(8);
  });

  it('ignores brackets and colons inside strings, and paths past the depth limit', () => {
    expect(lines.lineOf('a', 'e', 'not a key')).toBeUndefined();
    expect(new JsonLines(text, 2).lineOf('a', 'b"c', 0)).toBeUndefined();
  });
});
