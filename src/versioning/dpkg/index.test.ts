import { describe, expect, it } from 'vitest';
import { chainViolations, misordered, readOrderedPairs } from '../ordered-pairs.ts';
import { dpkg } from './index.ts';

describe('dpkg', () => {
  it('orders by epoch first: 2:9.0.0 > 8.3.2', () => {
    expect(dpkg.compare('2:9.0.0', '8.3.2')).toBe(1);
    expect(dpkg.compare('8.3.2', '2:9.0.0')).toBe(-1);
    expect(chainViolations(dpkg, [['8.3.2', '0:8.3.2', '00:8.3.2-0'], '1:0.1', '2:9.0.0'])).toEqual(
      [],
    );
  });

  it('orders Debian security updates: 1.2.3~deb11u1 < 1.2.3 < 1.2.3+deb11u1', () => {
    expect(dpkg.compare('1.2.3+deb11u1', '1.2.3')).toBe(1);
    expect(dpkg.compare('1.2.3~deb11u1', '1.2.3')).toBe(-1);
    expect(
      chainViolations(dpkg, [
        '1.2.3~deb11u1',
        '1.2.3',
        '1.2.3+deb11u1',
        '1.2.3+deb11u2',
        '1.2.3+deb12u1',
      ]),
    ).toEqual([]);
  });

  it('sorts ~ before everything, even the end, and letters before other symbols', () => {
    expect(
      chainViolations(dpkg, [
        '1.0~~',
        '1.0~~a',
        '1.0~',
        '1.0~a',
        '1.0',
        '1.0a',
        '1.0z',
        '1.0+',
        '1.0.',
        '1.0.1',
      ]),
    ).toEqual([]);
  });

  it('splits the revision at the last hyphen and equates a missing revision with 0', () => {
    expect(
      chainViolations(dpkg, [
        ['1.0', '1.0-0', '1.0-00'],
        '1.0-1',
        '1.0-1ubuntu1',
        '1.0-1+b1',
        '1.0-2',
      ]),
    ).toEqual([]);
    expect(dpkg.compare('1.0-rc-1', '1.0-rc-2')).toBe(-1);
  });

  it('compares numbers of any size by value', () => {
    expect(dpkg.compare('1.18446744073709551616', '1.18446744073709551615')).toBe(1);
    expect(dpkg.compare('18446744073709551616:1', '1:2')).toBe(1);
  });

  it.each([
    ['1:2.30-1ubuntu1', true],
    ['2.4.2-6+lenny1', true],
    ['1.0~rc1', true],
    ['a1.0', false],
    ['1.0-', false],
    ['x:1.0', false],
    ['1.0 beta', false],
  ])('isValid(%j) is %s', (version, valid) => {
    expect(dpkg.isValid(version)).toBe(valid);
  });

  it('orders 1500 version pairs as dpkg --compare-versions (dpkg 1.21.22) does', () => {
    const pairs = readOrderedPairs(new URL('./__fixtures__/tool-order.tsv', import.meta.url));
    expect(pairs.length).toBe(1500);
    expect(misordered(dpkg, pairs)).toEqual([]);
  });
});
