import { describe, expect, it } from 'vitest';
import { chainViolations, misordered, readOrderedPairs } from '../ordered-pairs.ts';
import { go } from './index.ts';

describe('go', () => {
  it('orders pseudo-versions as the prereleases they are', () => {
    expect(
      chainViolations(go, [
        'v0.0.0-20191109021931-daa7c04131f5',
        'v0.0.0-20210101000000-abcdef123456',
        'v0.0.0-20210102000000-000000000000',
        'v0.0.1',
        'v1.2.3',
        // vX.Y.(Z+1)-0.yyyymmddhhmmss-hash: after v1.2.3, before v1.2.4
        'v1.2.4-0.20220101000000-abcdefabcdef',
        'v1.2.4-0.20230101000000-abcdefabcdef',
        'v1.2.4-pre',
        'v1.2.4-pre.0.20230101000000-abcdefabcdef',
        'v1.2.4',
      ]),
    ).toEqual([]);
  });

  it('ignores +incompatible and other build metadata', () => {
    expect(
      chainViolations(go, [['v2.0.0+incompatible', 'v2.0.0', '2.0.0'], 'v2.0.1+incompatible']),
    ).toEqual([]);
  });

  it('takes versions with or without the v, as OSV and go.mod write them', () => {
    expect(go.compare('1.2.3', 'v1.2.3')).toBe(0);
    expect(go.compare('v1.2', 'v1.2.0')).toBe(0);
    expect(go.isValid('1.2.3')).toBe(true);
  });

  it('orders Go toolchain versions for the stdlib', () => {
    expect(
      chainViolations(go, [
        'go1.19.13',
        ['1.20', 'go1.20', '1.20.0', 'v1.20.0'],
        ['go1.20.1', '1.20.1'],
        ['1.21beta1', 'go1.21beta1', '1.21.0-beta.1'],
        ['1.21rc2', 'go1.21rc2', '1.21.0-rc.2'],
        ['1.21', '1.21.0'],
        '1.21.5',
        '1.22rc1',
      ]),
    ).toEqual([]);
    expect(go.isValid('go1.21rc2')).toBe(true);
  });

  it('puts invalid versions below every valid one, in a stable lenient order', () => {
    expect(go.compare('1.2.3.4', 'v0.0.0')).toBe(-1);
    expect(go.compare('v01.2.3', 'v0.0.1')).toBe(-1);
    expect(go.compare('1.2.3.5', '1.2.3.4')).toBe(1);
    expect(go.isValid('v01.2.3')).toBe(false);
    expect(go.isValid('v1.2-pre')).toBe(false);
  });

  it('orders 1500 version pairs as golang.org/x/mod/semver does', () => {
    const pairs = readOrderedPairs(new URL('./__fixtures__/tool-order.tsv', import.meta.url));
    expect(pairs.length).toBe(1500);
    expect(misordered(go, pairs)).toEqual([]);
  });
});
