import { describe, expect, it } from 'vitest';
import { makePackage } from '../../test/helpers/report-factory.ts';
import { packageFromPurl, purlForPackage } from './purl.ts';

function mapped(purl: string, hint?: { id: string; release: string }) {
  const result = packageFromPurl(purl, hint);
  if (!result.ok) throw new Error(`${purl}: ${result.detail}`);
  return result.pkg;
}

describe('packageFromPurl', () => {
  it.each([
    ['pkg:npm/lodash@4.17.21', 'npm', 'lodash', '4.17.21'],
    ['pkg:npm/%40babel/core@7.24.0', 'npm', '@babel/core', '7.24.0'],
    ['pkg:pypi/Django@4.2.1', 'PyPI', 'django', '4.2.1'],
    [
      'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar',
      'Maven',
      'org.apache.logging.log4j:log4j-core',
      '2.14.1',
    ],
    ['pkg:golang/github.com/gin-gonic/gin@v1.9.0', 'Go', 'github.com/gin-gonic/gin', '1.9.0'],
    [
      'pkg:golang/golang.org/x/net@v0.0.0-20220722155237-a158d28d115b',
      'Go',
      'golang.org/x/net',
      '0.0.0-20220722155237-a158d28d115b',
    ],
    ['pkg:golang/stdlib@v1.21.0', 'Go', 'stdlib', '1.21.0'],
    ['pkg:cargo/tokio@1.28.0', 'crates.io', 'tokio', '1.28.0'],
    ['pkg:gem/rails@7.0.4', 'RubyGems', 'rails', '7.0.4'],
    ['pkg:composer/laravel/framework@10.0.0', 'Packagist', 'laravel/framework', '10.0.0'],
    ['pkg:nuget/Newtonsoft.Json@13.0.1', 'NuGet', 'Newtonsoft.Json', '13.0.1'],
    ['pkg:pub/http@0.13.5', 'Pub', 'http', '0.13.5'],
    ['pkg:hex/plug@1.14.0', 'Hex', 'plug', '1.14.0'],
  ])('maps %s', (purl, ecosystem, name, version) => {
    expect(mapped(purl)).toEqual({ ecosystem, name, version });
  });

  it('keys distribution packages by release and source package', () => {
    expect(
      mapped('pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&upstream=glibc&distro=debian-12'),
    ).toEqual({
      ecosystem: 'Debian:12',
      name: 'libc6',
      version: '2.36-9+deb12u4',
      source: { name: 'glibc', version: '2.36-9+deb12u4' },
    });
    expect(
      mapped('pkg:deb/debian/libgnutls30@3.7.9-2?upstream=gnutls28%403.7.9-1&distro=debian-12.5')
        .source,
    ).toEqual({
      name: 'gnutls28',
      version: '3.7.9-1',
    });
    expect(mapped('pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie').ecosystem).toBe(
      'Debian:8',
    );
    expect(mapped('pkg:deb/ubuntu/libc6@2.35-0ubuntu3.8?distro=ubuntu-22.04').ecosystem).toBe(
      'Ubuntu:22.04',
    );
    expect(mapped('pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.3').ecosystem).toBe(
      'Alpine:v3.20',
    );
    expect(mapped('pkg:apk/wolfi/glibc@2.39-r1').ecosystem).toBe('Wolfi');
    expect(
      mapped('pkg:rpm/redhat/openssl-libs@1.1.1k-7.el8_6?arch=x86_64&distro=rhel-8.6').ecosystem,
    ).toBe('Red Hat:enterprise_linux:8');
    expect(
      mapped('pkg:rpm/opensuse/curl@8.6.0-1.1?distro=opensuse-tumbleweed-20240501').ecosystem,
    ).toBe('openSUSE:Tumbleweed');
    expect(
      mapped(
        'pkg:rpm/rocky/openssl@3.0.7-25.el9_3?epoch=1&distro=rocky-9.3&upstream=openssl-3.0.7-25.el9_3.src.rpm',
      ),
    ).toEqual({
      ecosystem: 'Rocky Linux:9',
      name: 'openssl',
      version: '1:3.0.7-25.el9_3',
      source: { name: 'openssl', version: '3.0.7-25.el9_3' },
    });
  });

  it('takes the release from the SBOM operating system when the purl has none', () => {
    expect(
      mapped('pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1', { id: 'debian', release: '12' }).ecosystem,
    ).toBe('Debian:12');
    expect(
      mapped('pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1', { id: 'ubuntu', release: '22.04' }).ecosystem,
    ).toBe('Debian');
    expect(
      mapped('pkg:apk/alpine/zlib@1.3.1-r0', { id: 'alpine', release: '3.19.1' }).ecosystem,
    ).toBe('Alpine:v3.19');
  });

  it('explains purls it cannot use', () => {
    expect(packageFromPurl('not a purl')).toMatchObject({ ok: false, reason: 'malformed' });
    expect(packageFromPurl('pkg:oci/alpine@sha256%3Aabc')).toMatchObject({
      ok: false,
      reason: 'unsupported',
    });
    expect(packageFromPurl('pkg:maven/log4j-core@2.0')).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
    expect(packageFromPurl('pkg:deb/kali/openssl@3.0')).toMatchObject({
      ok: false,
      reason: 'unsupported',
    });
  });
});

describe('purlForPackage', () => {
  it('prefers the purl the extractor recorded', () => {
    expect(
      purlForPackage(
        makePackage({ ecosystem: 'npm', name: 'x', version: '1', purl: 'pkg:npm/x@1?foo=bar' }),
      ),
    ).toBe('pkg:npm/x@1?foo=bar');
  });

  it.each([
    ['npm', '@babel/core', '7.24.0', 'pkg:npm/%40babel/core@7.24.0'],
    [
      'Maven',
      'org.apache.logging.log4j:log4j-core',
      '2.14.1',
      'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
    ],
    ['Go', 'github.com/gin-gonic/gin', '1.9.0', 'pkg:golang/github.com/gin-gonic/gin@v1.9.0'],
    ['crates.io', 'tokio', '1.28.0', 'pkg:cargo/tokio@1.28.0'],
    ['Packagist', 'laravel/framework', '10.0.0', 'pkg:composer/laravel/framework@10.0.0'],
    [
      'Ubuntu:22.04:LTS',
      'libc6',
      '2.35-0ubuntu3.8',
      'pkg:deb/ubuntu/libc6@2.35-0ubuntu3.8?distro=ubuntu-22.04',
    ],
    [
      'Alpine:v3.19',
      'busybox',
      '1.36.1-r15',
      'pkg:apk/alpine/busybox@1.36.1-r15?distro=alpine-3.19',
    ],
    ['npm', 'left-pad', '', 'pkg:npm/left-pad'],
  ])('builds %s %s@%s', (ecosystem, name, version, purl) => {
    expect(purlForPackage(makePackage({ ecosystem, name, version }))).toBe(purl);
  });

  it('round-trips through packageFromPurl', () => {
    for (const [ecosystem, name, version] of [
      ['PyPI', 'django', '4.2.1'],
      ['Go', 'golang.org/x/text', '0.3.7'],
      ['Debian:12', 'libssl3', '3.0.11-1~deb12u2'],
    ] as const) {
      const purl = purlForPackage(makePackage({ ecosystem, name, version })) ?? '';
      expect(mapped(purl)).toMatchObject({ ecosystem, name, version });
    }
  });

  it('gives up on ecosystems without a purl type and on broken names', () => {
    expect(
      purlForPackage(makePackage({ ecosystem: 'Unheard-Of', name: 'x', version: '1' })),
    ).toBeUndefined();
    expect(
      purlForPackage(makePackage({ ecosystem: 'Maven', name: 'no-group', version: '1' })),
    ).toBeUndefined();
  });
});
