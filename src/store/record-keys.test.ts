import { describe, expect, it } from 'vitest';
import type { OsvRecord } from '../core/osv.ts';
import { aliasKeys, ecosystemKey, hasKnownEcosystem, nameKey, packageKeys } from './record-keys.ts';

describe('record keys', () => {
  it.each([
    ['PyPI', 'Foo_Bar.baz', 'foo-bar-baz'],
    ['pypi', ' Django ', 'django'],
    ['NuGet', 'Newtonsoft.Json', 'newtonsoft.json'],
    ['Packagist', 'Symfony/HTTP-Kernel', 'symfony/http-kernel'],
    ['Maven', 'org.apache.logging.log4j:log4j-core', 'org.apache.logging.log4j:log4j-core'],
    ['Go', 'github.com/gin-gonic/gin/', 'github.com/gin-gonic/gin'],
    ['npm', 'Axios', 'Axios'],
    ['Debian:11', 'XORG-server', 'xorg-server'],
    ['Bitnami', ' NGINX ', 'nginx'],
  ])('%s name %j is keyed %j', (ecosystem, name, key) => {
    expect(nameKey(ecosystem, name)).toBe(key);
  });

  it('keys ecosystems by lower-case base', () => {
    expect(ecosystemKey('Ubuntu:22.04:LTS')).toBe('ubuntu');
    expect(ecosystemKey('crates.io')).toBe('crates.io');
  });

  const record: OsvRecord = {
    id: 'DSA-1-1',
    modified: '2024-01-01T00:00:00Z',
    aliases: ['CVE-2024-1', 'cve-2024-1', 'dsa-1-1'],
    upstream: ['DEBIAN-CVE-2024-1', 'CVE-2024-1'],
    affected: [
      { package: { ecosystem: 'Debian:11', name: 'curl' } },
      { package: { ecosystem: 'Debian:11', name: 'Curl' } },
      { package: { ecosystem: 'Debian:12', name: 'curl' } },
      { ranges: [{ type: 'GIT', repo: 'https://example.com', events: [{ introduced: '0' }] }] },
    ],
  };

  it('indexes each (ecosystem, name, release) once', () => {
    expect(packageKeys(record)).toEqual([
      { ecosystem: 'debian', name: 'curl', written: 'Debian:11' },
      { ecosystem: 'debian', name: 'curl', written: 'Debian:12' },
    ]);
  });

  it('indexes aliases and upstream ids once, without the record id', () => {
    expect(aliasKeys(record)).toEqual(['CVE-2024-1', 'DEBIAN-CVE-2024-1']);
  });

  it('knows whether a plugin covers the record', () => {
    expect(hasKnownEcosystem(record)).toBe(true);
    expect(
      hasKnownEcosystem({
        ...record,
        affected: [{ package: { ecosystem: 'Bitnami', name: 'x' } }],
      }),
    ).toBe(false);
  });
});
