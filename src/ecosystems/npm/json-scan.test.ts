import { describe, expect, it } from 'vitest';
import { forEachMember, JsonScanError, valueEnd } from './json-scan.ts';

function members(text: string): [string, string][] {
  const found: [string, string][] = [];
  forEachMember(text, 0, (key, _offset, start) => {
    const end = valueEnd(text, start);
    found.push([key, text.slice(start, end)]);
    return end;
  });
  return found;
}

describe('forEachMember', () => {
  it('walks keys and value spans, strings with escapes and brackets included', () => {
    expect(members('{"a": 1, "b\\"": "x}\\\\", "c": [1, {"d": "]"}], "e": null}')).toEqual([
      ['a', '1'],
      ['b"', '"x}\\\\"'],
      ['c', '[1, {"d": "]"}]'],
      ['e', 'null'],
    ]);
    expect(members('{ }')).toEqual([]);
  });

  it('steps over 10^6 levels of nesting with a counter, not the stack', () => {
    const deep = `{"a": ${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}, "b": 2}`;
    expect(members(deep).map(([key]) => key)).toEqual(['a', 'b']);
  });

  it('reports where the text stops being an object', () => {
    const fails = (text: string) => {
      try {
        members(text);
        return undefined;
      } catch (error) {
        return error instanceof JsonScanError ? [error.message, error.offset] : error;
      }
    };
    expect(fails('[]')).toEqual(['expected an object', 0]);
    expect(fails('{"a" 1}')).toEqual(['expected a colon after the key', 5]);
    expect(fails('{"a": 1 "b": 2}')).toEqual(['expected a comma or a closing brace', 8]);
    expect(fails('{"a": [1, 2')).toEqual(['unexpected end of text inside an object or array', 6]);
    expect(fails('{"a": "x')).toEqual(['unterminated string', 6]);
  });
});
