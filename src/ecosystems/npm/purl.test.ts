import { describe, expect, it } from 'vitest';
import { npmPurl, packageUrl } from './purl.ts';

describe('npmPurl', () => {
  it('agrees with packageurl-js on plain and unusual names and versions', () => {
    const names = [
      'a',
      '@babel/code-frame',
      'Caps',
      '@Scope/Name',
      'uWebSockets.js',
      'a~b',
      'é',
      '@s/a+b',
    ];
    const versions = [
      '1.0.0',
      '1.0.0-beta.1+build.5',
      '2.1.6+git',
      '0.0.0-use.local',
      '^1',
      '1 || 2',
      'a/b#c',
      '',
    ];
    for (const name of names) {
      for (const version of versions)
        expect(npmPurl(name, version)).toBe(packageUrl(name, version));
    }
  });

  it('encodes the scope as a namespace and lower-cases names, as the purl spec says', () => {
    expect(npmPurl('@Babel/Core', '7.0.0')).toBe('pkg:npm/%40babel/core@7.0.0');
  });

  it('gives undefined for a name packageurl-js refuses', () => {
    expect(npmPurl('', '1.0.0')).toBeUndefined();
  });
});
