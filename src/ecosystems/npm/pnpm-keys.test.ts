import { describe, expect, it } from 'vitest';
import {
  InvalidDependencyPath,
  packageKeyOfSnapshot,
  parseKey,
  referenceKey,
} from './pnpm-keys.ts';

describe('pnpm dependency paths', () => {
  it('reads name and version from each generation of keys', () => {
    expect(parseKey('/@babel/core/7.0.0_eslint@8.0.0+typescript@4.6.2', 'v5')).toEqual({
      name: '@babel/core',
      version: '7.0.0',
    });
    expect(parseKey('registry.example/foo/1.1.0', 'v5')).toEqual({ name: 'foo', version: '1.1.0' });
    expect(parseKey('/react-dom@18.2.0(react@18.2.0)', 'v6')).toEqual({
      name: 'react-dom',
      version: '18.2.0',
    });
    expect(parseKey('@s/a@1.0.0(@s/b@2.0.0)', 'v9')).toEqual({ name: '@s/a', version: '1.0.0' });
    expect(parseKey('a@https://codeload.github.com/x/y/tar.gz/abc', 'v9')).toEqual({
      name: 'a',
      version: '',
    });
    expect(parseKey('github.com/kevva/is-positive', 'v5')).toBeUndefined();
    expect(parseKey('file:../a', 'v6')).toBeUndefined();
    expect(() => parseKey('invalidpath', 'v5')).toThrow(InvalidDependencyPath);
  });

  it('turns dependency references into keys', () => {
    expect(referenceKey('a', '1.0.0_b@2.0.0', 'v5')).toBe('/a/1.0.0_b@2.0.0');
    expect(referenceKey('a', '/real/1.0.0', 'v5')).toBe('/real/1.0.0');
    expect(referenceKey('a', '1.0.0(@s/b@2.0.0)', 'v6')).toBe('/a@1.0.0(@s/b@2.0.0)');
    expect(referenceKey('a', '18.2.0(react@18.2.0)', 'v9')).toBe('a@18.2.0(react@18.2.0)');
    expect(referenceKey('cjs', 'string-width@4.2.3', 'v9')).toBe('string-width@4.2.3');
    expect(referenceKey('a', 'https://x.com/a.tgz', 'v9')).toBe('a@https://x.com/a.tgz');
    expect(referenceKey('a', 'link:../a', 'v9')).toBeUndefined();
    expect(packageKeyOfSnapshot('@s/a@1.0.0(@s/b@2.0.0)')).toBe('@s/a@1.0.0');
  });
});
