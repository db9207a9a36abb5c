import { describe, expect, it } from 'vitest';
import { SecflowError } from '../../core/errors.ts';
import { formatPlatform, parsePlatform, platformMatches } from './platform.ts';

describe('platforms', () => {
  it('parses and matches os/arch/variant', () => {
    expect(parsePlatform('linux/arm/v7')).toEqual({
      os: 'linux',
      architecture: 'arm',
      variant: 'v7',
    });
    expect(formatPlatform(parsePlatform('Linux/AMD64'))).toBe('linux/amd64');
    expect(
      platformMatches(parsePlatform('linux/arm64/v8'), { os: 'linux', architecture: 'arm64' }),
    ).toBe(true);
    expect(
      platformMatches(parsePlatform('linux/arm'), {
        os: 'linux',
        architecture: 'arm',
        variant: 'v6',
      }),
    ).toBe(true);
    expect(
      platformMatches(parsePlatform('linux/arm/v7'), {
        os: 'linux',
        architecture: 'arm',
        variant: 'v6',
      }),
    ).toBe(false);
    expect(() => parsePlatform('amd64')).toThrow(SecflowError);
  });
});
