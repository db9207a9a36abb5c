import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractInput } from '../extractor.ts';
import { dpkgStatusExtractor, parseDpkgStatus } from './dpkg-status.ts';

const fixtures = join(import.meta.dirname, '__fixtures__');

/** An ExtractInput whose readRelated serves files from a map of root-relative paths. */
function input(path: string, content: string, files: Record<string, string> = {}): ExtractInput {
  const dir = path.split('/').slice(0, -1);
  return {
    path,
    content,
    async readRelated(rel) {
      const parts = [...dir];
      for (const p of rel.split('/')) {
        if (p === '..') parts.pop();
        else if (p !== '.' && p !== '') parts.push(p);
      }
      return files[parts.join('/')];
    },
  };
}

const bullseyeOsRelease =
  'PRETTY_NAME="Debian GNU/Linux 11 (bullseye)"\nID=debian\nVERSION_ID="11"\n';

describe('dpkg status', () => {
  it('lists exactly what dpkg-query lists for a debootstrapped bullseye', async () => {
    const status = readFileSync(join(fixtures, 'bullseye-minbase/status'), 'utf8');
    const expected = readFileSync(join(fixtures, 'bullseye-minbase/dpkg-query.txt'), 'utf8')
      .trim()
      .split('\n');
    const result = await dpkgStatusExtractor.extract(
      input('var/lib/dpkg/status', status, { 'etc/os-release': bullseyeOsRelease }),
    );
    expect(result.skipped).toEqual([]);
    const got = result.packages
      .map((p) => `${p.name} ${p.version} ${p.source?.name} ${p.source?.version}`)
      .sort();
    expect(got).toEqual(expected);
    expect(new Set(result.packages.map((p) => p.ecosystem))).toEqual(new Set(['Debian:11']));
  });

  it('keys packages by source package and writes a deb purl with arch and distro', async () => {
    const status = readFileSync(join(fixtures, 'bullseye-minbase/status'), 'utf8');
    const { packages } = await dpkgStatusExtractor.extract(
      input('var/lib/dpkg/status', status, { 'etc/os-release': bullseyeOsRelease }),
    );
    const libc = packages.find((p) => p.name === 'libc6');
    expect(libc).toMatchObject({
      ecosystem: 'Debian:11',
      version: '2.31-13+deb11u11',
      source: { name: 'glibc', version: '2.31-13+deb11u11' },
      purl: 'pkg:deb/debian/libc6@2.31-13+deb11u11?arch=amd64&distro=debian-11',
      extractor: 'debian/dpkg-status',
    });
    expect(libc?.locations[0]?.path).toBe('var/lib/dpkg/status');
    expect(libc?.locations[0]?.line).toBeGreaterThan(1);
  });

  it('names Ubuntu packages after os-release', async () => {
    const status =
      'Package: libssl3\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl\nVersion: 3.0.2-0ubuntu1.10\n';
    const { packages } = await dpkgStatusExtractor.extract(
      input('var/lib/dpkg/status', status, {
        'usr/lib/os-release': 'ID=ubuntu\nVERSION_ID="22.04"\n',
      }),
    );
    expect(packages[0]).toMatchObject({
      ecosystem: 'Ubuntu:22.04',
      purl: 'pkg:deb/ubuntu/libssl3@3.0.2-0ubuntu1.10?arch=amd64&distro=ubuntu-22.04',
      source: { name: 'openssl', version: '3.0.2-0ubuntu1.10' },
    });
  });

  it('leaves out removed packages and reports paragraphs without a version', () => {
    const text = [
      'Package: gone\nStatus: deinstall ok config-files\nVersion: 1.0',
      'Package: half\nStatus: install reinstreq half-installed\nVersion: 2.0',
      'Package: broken\nStatus: install ok installed',
      'Package: epoch\nStatus: hold ok installed\nVersion: 1:2.3-4\nSource: src (1:2.3-3)',
    ].join('\n\n');
    const { records, skipped } = parseDpkgStatus(text, 'var/lib/dpkg/status');
    expect(records.map((r) => [r.name, r.version, r.sourceName, r.sourceVersion])).toEqual([
      ['epoch', '1:2.3-4', 'src', '1:2.3-3'],
    ]);
    expect(skipped).toEqual([
      expect.objectContaining({ name: 'broken', reason: 'malformed', line: 9 }),
    ]);
  });

  it('reads distroless status.d entries and takes the release from base-files', async () => {
    const dir = join(fixtures, 'distroless/var/lib/dpkg/status.d');
    const files = readdirSync(dir).filter((f) =>
      dpkgStatusExtractor.matches(`var/lib/dpkg/status.d/${f}`),
    );
    expect(files.sort()).toEqual(['base-files', 'libc6', 'libssl1.1', 'tzdata']);
    const related = Object.fromEntries(
      files.map((f) => [`var/lib/dpkg/status.d/${f}`, readFileSync(join(dir, f), 'utf8')]),
    );
    // The extractor finds no os-release; base-files alone says "11.1+deb11u11".
    const { packages } = await dpkgStatusExtractor.extract(
      input('var/lib/dpkg/status.d/base-files', related['var/lib/dpkg/status.d/base-files'] ?? ''),
    );
    expect(packages).toEqual([
      expect.objectContaining({
        name: 'base-files',
        version: '11.1+deb11u11',
        ecosystem: 'Debian:11',
      }),
    ]);
  });

  it('matches dpkg databases and nothing else', () => {
    expect(dpkgStatusExtractor.matches('var/lib/dpkg/status')).toBe(true);
    expect(dpkgStatusExtractor.matches('rootfs/var/lib/dpkg/status.d/libc6')).toBe(true);
    expect(dpkgStatusExtractor.matches('var/lib/dpkg/status.d/libc6.md5sums')).toBe(false);
    expect(dpkgStatusExtractor.matches('var/lib/dpkg/status-old')).toBe(false);
    expect(dpkgStatusExtractor.matches('var/lib/dpkg/available')).toBe(false);
  });
});
