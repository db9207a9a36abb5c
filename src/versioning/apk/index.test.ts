import { describe, expect, it } from 'vitest';
import { chainViolations } from '../ordered-pairs.ts';
import { apk } from './index.ts';

describe('apk', () => {
  it('orders a release candidate before its release: 1.6_rc1-r0 < 1.6-r0', () => {
    expect(apk.compare('1.6_rc1-r0', '1.6-r0')).toBe(-1);
    expect(apk.compare('1.6-r0', '1.6_rc1-r0')).toBe(1);
  });

  it('orders suffixes: alpha < beta < pre < rc < release < cvs < svn < git < hg < p', () => {
    expect(
      chainViolations(apk, [
        '1.2_alpha',
        '1.2_alpha2',
        '1.2_beta',
        '1.2_pre',
        '1.2_rc1',
        '1.2',
        '1.2_cvs',
        '1.2_svn',
        '1.2_git',
        '1.2_hg',
        '1.2_p1',
        '1.2_p2',
        '1.2a',
        '1.2b',
        '1.2.1',
      ]),
    ).toEqual([]);
  });

  it('orders revisions, with a missing revision first and leading zeros ignored', () => {
    expect(
      chainViolations(apk, [
        '1.0',
        ['1.0-r0', '1.0-r00'],
        ['1.0-r1', '1.0-r01'],
        '1.0-r10',
        '1.0.1-r0',
      ]),
    ).toEqual([]);
  });

  it('compares a part with a leading zero as text, as Gentoo does', () => {
    expect(chainViolations(apk, ['1.002', '1.02', '1.1', '1.2', '1.10'])).toEqual([]);
    expect(apk.compare('1.0', '1.0.0')).toBe(-1);
  });

  it('accepts a commit hash before the revision', () => {
    expect(apk.isValid('1.2.3_git20230101~abc123-r1')).toBe(true);
    expect(apk.compare('1.2.3~abc-r1', '1.2.3~abd-r0')).toBe(-1);
  });

  it('reads 6.6.2p1 (letter then digits) as apk-tools 2.x did, since Alpine advisories use it', () => {
    expect(
      chainViolations(apk, ['6.6.2_p1', '6.6.2_p2', '6.6.2p1', '6.6.2p1-r1', '6.6.2p2', '6.6.3']),
    ).toEqual([]);
    expect(apk.isValid('6.6.2p1')).toBe(false);
  });

  it('orders strings apk rejects below the valid versions they start like', () => {
    expect(chainViolations(apk, ['1.2_blah', '1.2', '1.2_p1'])).toEqual([]);
    expect(chainViolations(apk, ['1-ruff', '1', '1-r0'])).toEqual([]);
    expect(apk.compare('1.2.0A', '1.2.0d')).toBe(-1);
  });

  it.each([
    ['1.2.3-r4', true],
    ['2.1_pre20060124-r2', true],
    ['1.0b-r1', true],
    ['1.0_foo', false],
    ['1.0-r', false],
    ['1.0bc', false],
    ['v1.0', false],
  ])('isValid(%j) is %s', (version, valid) => {
    expect(apk.isValid(version)).toBe(valid);
  });
});
