import { describe, expect, it } from 'vitest';
import { chainViolations, misordered, readOrderedPairs } from '../ordered-pairs.ts';
import { packagist } from './index.ts';

describe('packagist', () => {
  it('orders stabilities: dev < alpha < beta < RC < release < patch', () => {
    // A patch level outranks any further number of the same release, as in PHP.
    expect(
      chainViolations(packagist, [
        '1.0-foo',
        '1.0-dev',
        ['1.0a1', '1.0-alpha1', '1.0alpha1'],
        ['1.0b1', '1.0-beta1'],
        ['1.0RC1', '1.0rc1', '1.0-RC1'],
        '1.0',
        '1.0.0',
        '1.0.1',
        ['1.0pl1', '1.0-patch1', '1.0p1'],
        '1.1',
      ]),
    ).toEqual([]);
  });

  it('drops a leading v as Composer does', () => {
    expect(chainViolations(packagist, [['v1.0.0', 'V1.0.0', '1.0.0'], 'v1.2.3'])).toEqual([]);
  });

  it('keeps the order antisymmetric where PHP is not (trailing separators)', () => {
    // PHP's version_compare("1.", "1.") is -1
    expect(packagist.compare('1.', '1.')).toBe(0);
    expect(packagist.compare('1.-', '1._')).toBe(0);
    expect(packagist.compare('1.', '1.dev')).toBe(-packagist.compare('1.dev', '1.'));
  });

  it('compares numbers of any size by value (PHP saturates at 2^63)', () => {
    expect(
      packagist.compare('999999999999999999999999999991', '999999999999999999999999999999'),
    ).toBe(-1);
  });

  it.each([
    ['1.0.0', true],
    ['v2.1.3-beta2', true],
    ['1.0.x-dev', true],
    ['dev-main', true],
    ['2010-01-02.5', true],
    ['1.2.3.4.5', false],
    ['1.2.3.#', false],
    ['latest', false],
  ])('isValid(%j) is %s', (version, valid) => {
    expect(packagist.isValid(version)).toBe(valid);
  });

  it("orders 1500 version pairs as PHP 8.2's version_compare does (leading v removed)", () => {
    const pairs = readOrderedPairs(new URL('./__fixtures__/tool-order.tsv', import.meta.url));
    expect(pairs.length).toBe(1500);
    expect(misordered(packagist, pairs)).toEqual([]);
  });
});
