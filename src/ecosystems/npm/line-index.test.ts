import { describe, expect, it } from 'vitest';
import { blockKeyAt, jsonKeyOpening, KeyLocator, LineIndex } from './line-index.ts';

describe('LineIndex', () => {
  it('gives 1-based lines forwards, and backwards through a table', () => {
    const lines = new LineIndex('a\nbb\n\nccc\n');
    expect([0, 2, 4, 5, 6, 9].map((o) => lines.lineAt(o))).toEqual([1, 2, 2, 3, 4, 4]);
    expect([lines.lineAt(0), lines.lineAt(6), lines.lineAt(3)]).toEqual([1, 4, 2]);
  });
});

describe('KeyLocator', () => {
  it('finds JSON keys in order, passing over the same text used as a value', () => {
    const text = '{\n "a": {"requires": {"b": "^1"}},\n "b": {}\n}';
    const locator = new KeyLocator(text, new LineIndex(text));
    const objectKey = jsonKeyOpening('{');
    expect(locator.find('"a"', objectKey)).toBe(2);
    expect(locator.find('"b"', objectKey)).toBe(3);
  });

  it('finds YAML block keys, quoted or not, and gives up after repeated misses', () => {
    const text = "packages:\n  a@1:\n    x: a@1\n  '@s/b@2':\n";
    const locator = new KeyLocator(text, new LineIndex(text));
    expect(locator.find('a@1', blockKeyAt)).toBe(2);
    expect(locator.find('@s/b@2', blockKeyAt)).toBe(4);
    for (let i = 0; i < 16; i++) expect(locator.find('missing', blockKeyAt)).toBeUndefined();
    expect(new KeyLocator(text, new LineIndex(text)).find('a@1', blockKeyAt)).toBe(2);
  });
});
