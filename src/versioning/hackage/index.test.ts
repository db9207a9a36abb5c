import { describe, expect, it } from 'vitest';
import { chainViolations } from '../ordered-pairs.ts';
import { hackage } from './index.ts';

describe('hackage', () => {
  it('compares the numeric components as a list, a longer version above its prefix', () => {
    expect(
      chainViolations(hackage, [
        '0',
        '0.11.3.0',
        '1',
        '1.0',
        '1.0.0',
        '1.0.0.0',
        '1.0.1.0',
        '1.1',
        '2',
      ]),
    ).toEqual([]);
  });

  it('ignores leading zeros and compares numbers of any size', () => {
    expect(hackage.compare('1.01', '1.1')).toBe(0);
    expect(hackage.compare('1.18446744073709551616', '1.18446744073709551615')).toBe(1);
  });

  it.each([
    ['0.1.26.0', true],
    ['1', true],
    ['1.0-beta', false],
    ['', false],
  ])('isValid(%j) is %s', (version, valid) => {
    expect(hackage.isValid(version)).toBe(valid);
  });
});
