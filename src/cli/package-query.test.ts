import { describe, expect, it } from 'vitest';
import { SecflowError } from '../core/errors.ts';
import { parsePackageQuery } from './package-query.ts';

describe('parsePackageQuery', () => {
  it.each([
    ['pkg:pypi/Django', { ecosystem: 'PyPI', name: 'django' }],
    ['pkg:npm/%40angular/core', { ecosystem: 'npm', name: '@angular/core' }],
    [
      'pkg:maven/org.apache.logging.log4j/log4j-core',
      { ecosystem: 'Maven', name: 'org.apache.logging.log4j:log4j-core' },
    ],
    ['pkg:golang/github.com/gin-gonic/gin', { ecosystem: 'Go', name: 'github.com/gin-gonic/gin' }],
    ['pkg:deb/debian/openssl?distro=debian-11', { ecosystem: 'Debian:11', name: 'openssl' }],
    ['pkg:deb/debian/openssl?distro=bullseye', { ecosystem: 'Debian:11', name: 'openssl' }],
    ['pkg:apk/alpine/musl?distro=alpine-3.18.4', { ecosystem: 'Alpine:v3.18', name: 'musl' }],
    ['pypi/django', { ecosystem: 'PyPI', name: 'django' }],
    ['debian:11/xorg-server', { ecosystem: 'Debian:11', name: 'xorg-server' }],
    ['npm/@angular/core', { ecosystem: 'npm', name: '@angular/core' }],
  ])('%s', (text, expected) => {
    expect(parsePackageQuery(text)).toEqual(expected);
  });

  it.each(['django', 'PyPI/', 'pkg:', 'pkg:unknowntype/x'])(
    'refuses %s as a usage error',
    (text) => {
      expect(() => parsePackageQuery(text)).toThrow(SecflowError);
      try {
        parsePackageQuery(text);
      } catch (e) {
        expect((e as SecflowError).code).toBe('usage');
      }
    },
  );
});
