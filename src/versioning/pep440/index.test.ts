import { readFileSync } from 'node:fs';
import * as renovate from '@renovatebot/pep440';
import { describe, expect, it } from 'vitest';
import { chainViolations, misordered, readOrderedPairs } from '../ordered-pairs.ts';
import { pep440 } from './index.ts';

describe('pep440', () => {
  it('orders local versions after their public version: 2.0.1+cu118 > 2.0.1', () => {
    expect(pep440.compare('2.0.1+cu118', '2.0.1')).toBe(1);
    expect(pep440.compare('2.0.1', '2.0.1+cu118')).toBe(-1);
    expect(pep440.compare('2.0.1+cu118', '2.0.2')).toBe(-1);
  });

  it('equates 2.0.1+cu118 with itself and its spellings (== 2.0.1+cu118)', () => {
    expect(
      chainViolations(pep440, [['2.0.1+cu118', '2.0.1+CU118', 'v2.0.1+cu118', ' 2.0.1+cu118 ']]),
    ).toEqual([]);
  });

  it('orders local labels: words below numbers, numbers by value, longer above', () => {
    expect(
      chainViolations(pep440, ['1.0+abc', '1.0+abc.5', '1.0+xyz', '1.0+2', '1.0+10', '1.0+10.a']),
    ).toEqual([]);
  });

  it('follows the ordering example of PEP 440 (epochs, dev, pre, post)', () => {
    expect(
      chainViolations(pep440, [
        '1.0.dev456',
        '1.0a1',
        '1.0a2.dev456',
        ['1.0a12.dev456', '1.0alpha12.dev456'],
        '1.0a12',
        '1.0b1.dev456',
        '1.0b2',
        '1.0b2.post345.dev456',
        '1.0b2.post345',
        ['1.0rc1.dev456', '1.0c1.dev456'],
        ['1.0rc1', '1.0c1', '1.0pre1', '1.0preview1'],
        ['1.0', '1.0.0', 'v1.0'],
        '1.0+abc.5',
        '1.0.post456.dev34',
        ['1.0.post456', '1.0-456', '1.0r456', '1.0rev456'],
        '1.1.dev1',
        '1!0.1',
      ]),
    ).toEqual([]);
  });

  it('orders legacy (non-PEP 440) versions below every valid one, as LegacyVersion did', () => {
    expect(
      chainViolations(pep440, [
        'dev',
        '0.1-bulbasaur',
        '0.1-charmander',
        '0.9-doduo',
        '0!0.0.dev0',
      ]),
    ).toEqual([]);
    expect(pep440.isValid('0.1-bulbasaur')).toBe(false);
    expect(pep440.compare('1.0-foo', '1.0-foo')).toBe(0);
  });

  it('compares numbers of any size by value', () => {
    expect(pep440.compare('9007199254740993', '9007199254740992')).toBe(1);
    expect(pep440.compare('1.0.post9007199254740993', '1.0.post9007199254740992')).toBe(1);
  });

  it('agrees with @renovatebot/pep440 on every valid version of the corpus', () => {
    const corpus = new URL(
      '../../../test/corpora/scalibr/versions/pypi-versions.txt',
      import.meta.url,
    );
    const versions = [
      ...new Set(
        readFileSync(corpus, 'utf8')
          .split('\n')
          .filter((l) => /^\S+ [<=>] \S+$/.test(l))
          .flatMap((l) => [l.split(' ')[0] as string, l.split(' ')[2] as string]),
      ),
    ].filter((v) => renovate.valid(v) !== null);
    expect(versions.length).toBeGreaterThan(30);
    const disagreements = versions.flatMap((a) =>
      versions
        .filter((b) => pep440.compare(a, b) !== Math.sign(renovate.compare(a, b)))
        .map((b) => `${a} vs ${b}`),
    );
    expect(disagreements).toEqual([]);
  });

  it('stays exact where @renovatebot/pep440 is not (why it is not used directly)', () => {
    // renovate reads numbers with Number() and a local part "1e3" as the number 1000
    expect(renovate.compare('9007199254740993', '9007199254740992')).toBe(0);
    expect(pep440.compare('1.0+1e3', '1.0+999')).toBe(-1);
    expect(renovate.compare('1.0+1e3', '1.0+999')).toBeGreaterThan(0);
    expect(() => renovate.compare('0.1-bulbasaur', '1.0')).toThrow();
  });

  it('orders 1500 version pairs as pip 23.2 (packaging 21.3, with LegacyVersion) does', () => {
    const pairs = readOrderedPairs(new URL('./__fixtures__/tool-order.tsv', import.meta.url));
    expect(pairs.length).toBe(1500);
    expect(misordered(pep440, pairs)).toEqual([]);
  });
});
