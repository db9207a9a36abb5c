import { describe, expect, it } from 'vitest';
import { chainViolations, misordered, readOrderedPairs } from '../ordered-pairs.ts';
import { cran } from './index.ts';

describe('cran', () => {
  it('treats . and - alike and compares the numbers as a list', () => {
    expect(
      chainViolations(cran, [
        ['0.1-0', '0.1.0', '0.01-0'],
        '0.1.0.0',
        '0.1-1',
        '0.1-4',
        '0.75',
        '1.0-0',
      ]),
    ).toEqual([]);
  });

  it('orders a longer version above its prefix: 1.8 < 1.8.0', () => {
    expect(cran.compare('1.8', '1.8.0')).toBe(-1);
  });

  it.each([
    ['1.0-1', true],
    ['0.3.2.0', true],
    ['1', false],
    ['1.0a', false],
  ])('isValid(%j) is %s', (version, valid) => {
    expect(cran.isValid(version)).toBe(valid);
  });

  it('orders 1500 version pairs as R 4.2 utils::compareVersion does', () => {
    const pairs = readOrderedPairs(new URL('./__fixtures__/tool-order.tsv', import.meta.url));
    expect(pairs.length).toBe(1500);
    expect(misordered(cran, pairs)).toEqual([]);
  });
});
