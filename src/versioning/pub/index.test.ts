import { describe, expect, it } from 'vitest';
import { chainViolations } from '../ordered-pairs.ts';
import { pub } from './index.ts';

describe('pub', () => {
  it('orders prereleases before and builds after their release', () => {
    expect(
      chainViolations(pub, [
        '1.0.0-dev',
        '1.0.0-dev+1',
        '1.0.0-pre',
        '1.0.0-pre+build',
        '1.0.0',
        '1.0.0+1',
        '1.0.0+2',
        '1.0.0+10',
        '1.0.0+a',
        '1.0.0+a.1',
        '1.0.1-0',
      ]),
    ).toEqual([]);
  });

  it('compares build parts: numbers before words, words by code unit', () => {
    expect(
      chainViolations(pub, ['1.2.3+1z', '1.2.3+9a', '1.2.3+B', '1.2.3+a', '1.2.3+a1', '1.2.3+a2']),
    ).toEqual([]);
  });

  it('reads a prerelease part as a number the way Dart int.tryParse does', () => {
    expect(pub.compare('1.0.0-0x10', '1.0.0-15')).toBe(1);
    expect(pub.compare('1.0.0--1', '1.0.0-0')).toBe(-1);
    expect(pub.compare('1.0.0-99999999999999999999', '1.0.0-a')).toBe(-1);
  });

  it('reads v prefixes and short versions leniently', () => {
    expect(pub.compare('v1.2.3', '1.2.3')).toBe(0);
    expect(pub.compare('1.2', '1.2.0')).toBe(0);
    expect(pub.isValid('1.2')).toBe(false);
  });

  it.each([
    ['1.2.3', true],
    ['1.2.3-dev.1+build.5', true],
    ['v1.2.3', false],
    ['1.2.3.4', false],
  ])('isValid(%j) is %s', (version, valid) => {
    expect(pub.isValid(version)).toBe(valid);
  });
});
