import { describe, expect, it } from 'vitest';
import { chainViolations, misordered, readOrderedPairs } from '../ordered-pairs.ts';
import { maven } from './index.ts';

describe('maven', () => {
  it('equates 1, 1.0, 1.ga and 1.final', () => {
    expect(
      chainViolations(maven, [
        ['1', '1.0', '1.0.0', '1.ga', '1.final', '1-GA', '1.RELEASE', '1-0'],
      ]),
    ).toEqual([]);
  });

  it('reads 2.5.RELEASE as 2.5 and 5.4.2.Final as 5.4.2 (Spring and JBoss release suffixes)', () => {
    expect(
      chainViolations(maven, ['2.5.RC1', ['2.5.RELEASE', '2.5', '2.5.0'], '2.5.SR1', '2.5.1']),
    ).toEqual([]);
    expect(
      chainViolations(maven, [
        '5.4.2.CR1',
        ['5.4.2.Final', '5.4.2', '5.4.2.GA'],
        '5.4.2.SP1',
        '5.4.3.Final',
      ]),
    ).toEqual([]);
  });

  it('orders qualifiers alpha < beta < milestone < rc = cr < snapshot < release < sp < others', () => {
    expect(
      chainViolations(maven, [
        ['1-alpha-1', '1a1', '1-ALPHA1'],
        ['1-beta-1', '1b1'],
        ['1-milestone-1', '1m1'],
        ['1-rc-1', '1-cr-1', '1cr1', '1RC1'],
        '1-SNAPSHOT',
        ['1', '1-ga', '1-final'],
        '1-sp',
        '1-abc',
        '1-xyz',
        '1-1',
        '1.1',
      ]),
    ).toEqual([]);
  });

  it('splits at transitions between digits and letters, with mixed separators', () => {
    expect(
      chainViolations(maven, [
        ['1.0RC1', '1.0-RC1', '1.0-rc-1'],
        ['1.0', '1.0.0'],
        '1.0.1',
        '1.0.1-1',
      ]),
    ).toEqual([]);
    expect(maven.compare('1.0.0.Beta2', '1.0.0.Beta10')).toBe(-1);
  });

  it('compares numbers of any size by value (MNG-6572)', () => {
    expect(maven.compare('20190126.230843', '1234567890.12345')).toBe(-1);
    expect(maven.compare('123456789012345678901.1', '123456789012345678900.2')).toBe(1);
  });

  it('follows ComparableVersion as of Maven 3.8.6, which sorted the OSV corpus (not 3.8.7+, MNG-7644)', () => {
    // Maven 3.8.7 reads ".rc5" like "-rc5" and flips these two (corpus lines in maven-versions-generated.txt)
    expect(maven.compare('6.1.12.rc5', '6.1.12rc1')).toBe(-1);
    expect(maven.compare('1.5.9.RC1', '1.5.9-RC0')).toBe(-1);
  });

  it('orders 1-ga-1 below 1-1 as ComparableVersion does, though the POM reference says they are equal', () => {
    expect(maven.compare('1-ga-1', '1-1')).toBe(-1);
    expect(maven.compare('1-sp-1', '1-ga-1')).toBe(-1);
  });

  it('orders 1262 version pairs as maven-artifact 3.8.7 ComparableVersion does (MNG-7644 cases left out)', () => {
    const pairs = readOrderedPairs(new URL('./__fixtures__/tool-order.tsv', import.meta.url));
    expect(pairs.length).toBe(1262);
    expect(misordered(maven, pairs)).toEqual([]);
  });
});
