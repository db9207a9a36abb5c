import { describe, expect, it } from 'vitest';
import { chainViolations } from '../ordered-pairs.ts';
import { nuget } from './index.ts';

describe('nuget', () => {
  it('pads to four parts and ignores leading zeros', () => {
    expect(
      chainViolations(nuget, [
        ['1.0', '1.0.0', '1.0.0.0', '1.00.0'],
        '1.0.0.1',
        ['1.0.1', '1.0.01'],
        '1.0.1.2',
      ]),
    ).toEqual([]);
  });

  it('compares release labels ignoring case, numbers below words', () => {
    expect(
      chainViolations(nuget, [
        ['1.0.0-alpha', '1.0.0-ALPHA'],
        '1.0.0-alpha.1',
        '1.0.0-alpha.2',
        '1.0.0-alpha.10',
        '1.0.0-alpha.beta',
        ['1.0.0-Beta', '1.0.0-beta'],
        '1.0.0-beta2',
        '1.0.0-rc.1',
        ['1.0.0', '1.0.0+build', '1.0.0+OTHER'],
      ]),
    ).toEqual([]);
  });

  it('ignores build metadata', () => {
    expect(nuget.compare('1.0.0-beta+AA', '1.0.0-beta+zz')).toBe(0);
  });

  it('treats a label as a number only when .NET int.TryParse would (Int32)', () => {
    // 3000000000 overflows Int32, so NuGet compares it as text: "3000000000" > "2147483648"
    expect(nuget.compare('1.0.0-3000000000', '1.0.0-2147483648')).toBe(1);
    expect(nuget.compare('1.0.0-10000000000', '1.0.0-9000000000')).toBe(-1);
    expect(nuget.compare('1.0.0-9', '1.0.0-10')).toBe(-1);
  });

  it('compares release numbers of any size by value', () => {
    expect(nuget.compare('999999999999999999999999999991', '999999999999999999999999999999')).toBe(
      -1,
    );
  });

  it.each([
    ['1.0', true],
    ['1.2.3.4-beta.1+meta', true],
    ['1.2.3.4.5', false],
    ['1.0.0-01', false],
    ['1.0.0-', false],
    ['v1.0', false],
    ['3000000000.0', false],
  ])('isValid(%j) is %s', (version, valid) => {
    expect(nuget.isValid(version)).toBe(valid);
  });
});
