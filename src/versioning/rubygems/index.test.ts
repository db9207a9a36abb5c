import { describe, expect, it } from 'vitest';
import { chainViolations, misordered, readOrderedPairs } from '../ordered-pairs.ts';
import { rubygems } from './index.ts';

describe('rubygems', () => {
  it('orders a version with a word segment as a prerelease of its numbers', () => {
    expect(
      chainViolations(rubygems, [
        '1.0.a',
        ['1.0.a2', '1.0.a.2'],
        '1.0.a10',
        '1.0.b1',
        '1.0.rc1',
        ['1.0', '1', '1.0.0'],
        '1.0.1',
      ]),
    ).toEqual([]);
  });

  it('reads a hyphen as .pre. (Gem::Version: 1.0-rc1 is 1.0.pre.rc1)', () => {
    expect(rubygems.compare('1.0-rc1', '1.0.pre.rc1')).toBe(0);
    expect(rubygems.compare('1.0-rc1', '1.0')).toBe(-1);
  });

  it('compares words by byte and numbers of any size by value', () => {
    expect(rubygems.compare('1.0.B', '1.0.a')).toBe(-1);
    expect(
      rubygems.compare('999999999999999999999999999991', '999999999999999999999999999999'),
    ).toBe(-1);
  });

  it.each([
    ['3.2.1', true],
    ['1.0.0.rc1', true],
    ['1.0-rc1', true],
    ['', true],
    ['1beta', false],
    ['v1.0', false],
  ])('isValid(%j) is %s', (version, valid) => {
    expect(rubygems.isValid(version)).toBe(valid);
  });

  it('orders 1500 version pairs as RubyGems 3.3 (Gem::Version#<=>) does', () => {
    const pairs = readOrderedPairs(new URL('./__fixtures__/tool-order.tsv', import.meta.url));
    expect(pairs.length).toBe(1500);
    expect(misordered(rubygems, pairs)).toEqual([]);
  });
});
