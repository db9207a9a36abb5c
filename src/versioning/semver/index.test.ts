import { readFileSync } from 'node:fs';
import nodeSemver from 'semver';
import { describe, expect, it } from 'vitest';
import { chainViolations } from '../ordered-pairs.ts';
import { semver } from './index.ts';

describe('semver', () => {
  it('orders prereleases as ordinary versions: 1.4.4-lts.1 < 2.0.0 (node-semver satisfies excluded it)', () => {
    expect(semver.compare('1.4.4-lts.1', '2.0.0')).toBe(-1);
    expect(semver.compare('2.0.0', '1.4.4-lts.1')).toBe(1);
    expect(semver.compare('1.4.4-lts.1', '1.4.4')).toBe(-1);
    expect(semver.compare('1.4.4-lts.1', '1.4.3')).toBe(1);
  });

  it('follows the precedence example of SemVer 2.0 §11', () => {
    const chain = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
    ];
    const rest = ['1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '2.0.0', '2.1.0', '2.1.1'];
    expect(chainViolations(semver, [...chain, ...rest])).toEqual([]);
  });

  it('reads input leniently: v prefix, missing minor and patch', () => {
    expect(
      chainViolations(semver, [
        ['1', '1.0', '1.0.0', 'v1.0.0', 'V1'],
        ['v1.2', '1.2.0'],
      ]),
    ).toEqual([]);
  });

  it('ignores build metadata', () => {
    expect(semver.compare('1.2.3+build.5', '1.2.3+other')).toBe(0);
    expect(semver.compare('1.2.3-beta+build', '1.2.3-beta')).toBe(0);
  });

  it('compares numbers of any size by value', () => {
    expect(semver.compare('18446744073709551616.0.0', '18446744073709551615.0.0')).toBe(1);
    expect(semver.compare('1.0.0-9007199254740993', '1.0.0-9007199254740992')).toBe(1);
    expect(semver.compare('01.2.3', '1.2.3')).toBe(0);
  });

  it('agrees with node-semver compare on every valid version of the corpus', () => {
    const corpus = new URL(
      '../../../test/corpora/scalibr/versions/semver-versions.txt',
      import.meta.url,
    );
    const versions = [
      ...new Set(
        readFileSync(corpus, 'utf8')
          .split('\n')
          .filter((l) => /^\S+ [<=>] \S+$/.test(l))
          .flatMap((l) => [l.split(' ')[0] as string, l.split(' ')[2] as string]),
      ),
    ].filter((v) => nodeSemver.valid(v) !== null);
    expect(versions.length).toBeGreaterThan(40);
    const disagreements = versions.flatMap((a) =>
      versions
        .filter((b) => semver.compare(a, b) !== nodeSemver.compare(a, b))
        .map((b) => `${a} vs ${b}`),
    );
    expect(disagreements).toEqual([]);
  });

  it.each([
    ['1.2.3', true],
    ['v1.2.3-rc.1+build.7', true],
    ['1.2', true],
    ['1.2.3.4', false],
    ['1.2.3-', false],
    ['1.2.3-a..b', false],
    ['latest', false],
    ['', false],
  ])('isValid(%j) is %s', (version, valid) => {
    expect(semver.isValid(version)).toBe(valid);
  });
});
