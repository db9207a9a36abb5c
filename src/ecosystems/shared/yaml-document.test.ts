import { describe, expect, it } from 'vitest';
import { mapEntries, mapValue, parseYaml, scalarText, seqItems } from './yaml-document.ts';

describe('parseYaml', () => {
  it('keeps offsets so entries map to lines', () => {
    const { root, lines } = parseYaml('a.yaml', 'a: 1\nb:\n  - c\n  - 2\n', 'test file');
    expect(mapEntries(root).map((e) => [e.key, lines.lineAt(e.offset)])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(seqItems(mapValue(root, 'b')).map(scalarText)).toEqual(['c', '2']);
  });

  it('names the file, the problem and its line', () => {
    expect(() => parseYaml('x/a.yaml', 'a:\n  b: "open', 'test file')).toThrow(
      /^x\/a\.yaml: not a valid test file: .*\(line 2\)$/,
    );
  });

  it('refuses deep flow nesting before the parser recurses into it', () => {
    expect(() =>
      parseYaml('a.yaml', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'test file'),
    ).toThrow('a.yaml: not a valid test file: nested more than 128 levels deep');
  });
});

describe('parseYaml nesting check', () => {
  it('ignores brackets inside quotes and comments', () => {
    const quoted = `a: "${'['.repeat(300)}"\nb: '${'{'.repeat(300)}'\n# ${'['.repeat(300)}\n`;
    expect(mapEntries(parseYaml('a.yaml', quoted, 'test file').root).map((e) => e.key)).toEqual([
      'a',
      'b',
    ]);
  });

  it('turns block nesting the parser cannot follow into one clear error', () => {
    const block = Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
    expect(() => parseYaml('a.yaml', block, 'test file')).toThrow(
      /^a\.yaml: not a valid test file: /,
    );
  });
});

describe('parseYaml nesting check with apostrophes', () => {
  it('does not take an apostrophe inside a word for a quote', () => {
    expect(() =>
      parseYaml('a.yaml', `a: it's\nb: ${'['.repeat(200)}${']'.repeat(200)}`, 'test file'),
    ).toThrow('nested more than 128 levels deep');
  });
});
