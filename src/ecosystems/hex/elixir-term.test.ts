import { describe, expect, it } from 'vitest';
import { parseTerm } from './elixir-term.ts';

describe('parseTerm', () => {
  it('reads maps, tuples, keyword lists, atoms, strings with escapes and numbers', () => {
    expect(parseTerm('f', '%{"k": {:a, :"b c", "q\\"x", 12, [opt: true]}}', 'file')).toEqual({
      kind: 'map',
      line: 1,
      items: [
        { kind: 'string', value: 'k', line: 1 },
        {
          kind: 'tuple',
          line: 1,
          items: [
            { kind: 'atom', value: 'a', line: 1 },
            { kind: 'atom', value: 'b c', line: 1 },
            { kind: 'string', value: 'q"x', line: 1 },
            { kind: 'number', value: '12', line: 1 },
            {
              kind: 'list',
              line: 1,
              items: [
                {
                  kind: 'tuple',
                  line: 1,
                  items: [
                    { kind: 'atom', value: 'opt', line: 1 },
                    { kind: 'word', value: 'true', line: 1 },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it('refuses mismatched brackets and stray characters with the line', () => {
    expect(() => parseTerm('f', '%{\n"a": [1}', 'file')).toThrow(
      'f: not a valid file: unexpected "}" (line 2)',
    );
    expect(() => parseTerm('f', '%{"a": ;}', 'file')).toThrow('unexpected ";"');
  });
});
