import { describe, expect, it } from 'vitest';
import { parseToml, TomlLines } from './toml-document.ts';

describe('parseToml', () => {
  it('parses TOML, with or without a byte-order mark', () => {
    expect(parseToml('x.toml', 'a = { b = [1] }', 'x')).toEqual({ a: { b: [1] } });
    expect(parseToml('x.toml', '\uFEFFa = 1', 'x')).toEqual({ a: 1 });
  });

  it('names the file, the problem and its position', () => {
    expect(() => parseToml('x/a.toml', 'a = "unterminated', 'test file')).toThrow(
      /^x\/a\.toml: not a valid test file: .*\(line 1, column \d+\)$/,
    );
  });

  it('refuses nesting deeper than any real manifest', () => {
    expect(() =>
      parseToml('a.toml', `a = ${'['.repeat(200)}${']'.repeat(200)}`, 'test file'),
    ).toThrow('excessively nested');
  });

  it('refuses 10^5 levels of nesting with one message naming the file', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(() => parseToml('lock.toml', `a = ${deep}`, 'lockfile')).toThrow(
      /^lock\.toml: not a valid lockfile: /,
    );
    expect(() => parseToml('lock.toml', `a${'.b'.repeat(100_000)} = 1`, 'lockfile')).toThrow(
      'lock.toml: not a valid lockfile: a key nests more than 128 levels deep',
    );
  });

  it('keeps prototype keys out of parsed TOML', () => {
    const doc = parseToml('x.toml', '[__proto__]\npolluted = true\n', 'x');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(doc)).toEqual([]);
  });
});

describe('TomlLines', () => {
  const lines = new TomlLines(`top = 1
[deps]
"quoted.key" = "1"
dotted . key = 2
# comment = 3
text = """
[[deps.Fake]]
not = "a key"
"""
[[deps.Real]]
uuid = "x"
[[deps.Real]]
uuid = "y"
`);

  it('finds keys by table, with quoted and dotted names', () => {
    expect(lines.lineOf('', 'top')).toBe(1);
    expect(lines.lineOf('deps')).toBe(2);
    expect(lines.lineOf('deps', '"quoted.key"')).toBe(3);
    expect(lines.lineOf('deps', 'dotted.key')).toBe(4);
    expect(lines.lineOf('deps', 'comment')).toBeUndefined();
  });

  it('lists array-of-table headers and skips multi-line strings', () => {
    expect(lines.arrayLines('deps.Real')).toEqual([10, 12]);
    expect(lines.arrayLines('deps.Fake')).toEqual([]);
    expect(lines.lineOf('deps.Fake', 'not')).toBeUndefined();
  });

  it('finds array-of-tables headers, not ones quoted in multi-line strings', () => {
    const doc = [
      '[[package]] # first',
      'description = """',
      '[[package]]',
      '"""',
      "notes = '''x'''",
      '[[package.wheels]]',
      '[[ package ]]',
    ].join('\n');
    const docLines = new TomlLines(doc);
    expect(docLines.arrayLines('package')).toEqual([1, 7]);
    expect(docLines.arrayLines('package.wheels')).toEqual([6]);
    expect(docLines.entryLines('package', 3)).toEqual([undefined, undefined, undefined]);
    expect(docLines.entryLines('package', 2)).toEqual([1, 7]);
  });

  it('does not take a triple quote in a comment for a multi-line string', () => {
    const docLines = new TomlLines('a = 1 # see """\n[[package]]\nb = "#"\n[[package]]');
    expect(docLines.arrayLines('package')).toEqual([2, 4]);
  });
});
