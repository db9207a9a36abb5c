import { describe, expect, it } from 'vitest';
import { chainViolations, misordered, readOrderedPairs } from '../ordered-pairs.ts';
import { rpm } from './index.ts';

describe('rpm', () => {
  it('treats a missing epoch as 0, on either side', () => {
    expect(rpm.compare('0:1.0-1', '1.0-1')).toBe(0);
    expect(rpm.compare('1.0-1', '0:1.0-1')).toBe(0);
    expect(rpm.compare('1:1.0-1', '2.0-1')).toBe(1);
    expect(rpm.compare('2.0-1', '1:1.0-1')).toBe(-1);
  });

  it('sorts ~ before everything and ^ after the end but before anything else', () => {
    expect(
      chainViolations(rpm, [
        '1.0~rc1~git1',
        '1.0~rc1',
        '1.0~rc1^git1',
        '1.0~rc2',
        '1.0',
        '1.0^git1',
        '1.0^git2',
        '1.0a',
        ['1.0.1', '1.0_1'],
      ]),
    ).toEqual([]);
  });

  it('compares segments: numbers above letters, numbers by value, separators only separate', () => {
    expect(
      chainViolations(rpm, [
        'xyz.4',
        '2',
        '5.5p1',
        '5.5p2',
        '5.5p10',
        ['10.0001', '10.1', '10_1'],
        '10.1a',
      ]),
    ).toEqual([]);
  });

  it('orders a missing release below any release of the same version (labelCompare)', () => {
    expect(chainViolations(rpm, ['1.0', '1.0-', '1.0-0', '1.0-1', '1.0-1.el7', '1.0-2'])).toEqual(
      [],
    );
  });

  it('takes the epoch only from leading digits and the release after the last hyphen', () => {
    expect(rpm.compare('a:1', 'b:1')).toBe(-1);
    expect(rpm.compare('1.module+el9.4.0+1-nginx:1', '4.module+el9.5.0+1-nginx:1')).toBe(-1);
    expect(rpm.compare('3.10.0-229.el7', '3.10.0-229.1.2.el7')).toBe(-1);
  });

  it('orders 1500 version pairs as rpm 4.18 (rpm.vercmp) does', () => {
    const pairs = readOrderedPairs(new URL('./__fixtures__/tool-order.tsv', import.meta.url));
    expect(pairs.length).toBe(1500);
    expect(misordered(rpm, pairs)).toEqual([]);
  });
});
