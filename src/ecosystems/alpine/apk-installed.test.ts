import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apkInstalledExtractor } from './apk-installed.ts';

const installed = readFileSync(join(import.meta.dirname, '__fixtures__/installed'), 'utf8');

function input(files: Record<string, string>, path = 'lib/apk/db/installed') {
  return {
    path,
    content: installed,
    readRelated: async (rel: string) => files[rel.replace(/^(\.\.\/)+/, '')],
  };
}

describe('apk installed database', () => {
  it('reads packages with origin as source and an apk purl', async () => {
    const result = await apkInstalledExtractor.extract(
      input({
        'etc/os-release': 'ID=alpine\nVERSION_ID=3.18.4\nPRETTY_NAME="Alpine Linux v3.18"\n',
      }),
    );
    expect(result.packages.map((p) => [p.name, p.version, p.source?.name])).toEqual([
      ['musl', '1.2.4-r2', 'musl'],
      ['busybox', '1.36.1-r5', 'busybox'],
      ['libcrypto3', '3.1.4-r1', 'openssl'],
      ['libssl3', '3.1.4-r1', 'openssl'],
    ]);
    expect(result.packages[2]).toMatchObject({
      ecosystem: 'Alpine:v3.18',
      purl: 'pkg:apk/alpine/libcrypto3@3.1.4-r1?arch=x86_64&distro=alpine-3.18.4',
      source: { name: 'openssl', version: '3.1.4-r1' },
      locations: [{ path: 'lib/apk/db/installed', line: 47 }],
    });
    expect(result.skipped).toEqual([
      expect.objectContaining({ name: 'broken-entry', reason: 'malformed' }),
    ]);
  });

  it('is Alpine without os-release, Wolfi when os-release says so', async () => {
    const plain = await apkInstalledExtractor.extract(input({ 'etc/alpine-release': '3.19.1\n' }));
    expect(plain.packages[0]?.ecosystem).toBe('Alpine:v3.19');
    const wolfi = await apkInstalledExtractor.extract(
      input({ 'etc/os-release': 'ID=wolfi\nNAME="Wolfi"\n' }),
    );
    expect(wolfi.packages[0]).toMatchObject({
      ecosystem: 'Wolfi',
      purl: 'pkg:apk/wolfi/musl@1.2.4-r2?arch=x86_64',
    });
  });

  it('matches the database in / and /usr', () => {
    expect(apkInstalledExtractor.matches('lib/apk/db/installed')).toBe(true);
    expect(apkInstalledExtractor.matches('usr/lib/apk/db/installed')).toBe(true);
    expect(apkInstalledExtractor.matches('lib/apk/db/triggers')).toBe(false);
  });
});
