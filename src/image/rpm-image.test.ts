import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeNdb } from '../../test/helpers/image/rpm-ndb-writer.ts';
import { writeOciLayout } from '../../test/helpers/image-builder.ts';
import { readSqliteBlobs } from '../ecosystems/rpm-db/sqlite.ts';
import { collectImageInventory } from './index.ts';

const fixtures = join(import.meta.dirname, '../ecosystems/rpm-db/__fixtures__');
const work = mkdtempSync(join(tmpdir(), 'secflow-rpm-image-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function ndbFixture(): Buffer {
  const copy = join(work, 'rpmdb.sqlite');
  copyFileSync(join(fixtures, 'rpmdb.sqlite'), copy);
  return writeNdb([...readSqliteBlobs(copy)]);
}

const cases = [
  {
    name: 'Rocky Linux 9 with rpmdb.sqlite',
    osRelease: 'ID="rocky"\nVERSION_ID="9.3"\nPRETTY_NAME="Rocky Linux 9.3 (Blue Onyx)"\n',
    db: 'var/lib/rpm/rpmdb.sqlite',
    content: () => readFileSync(join(fixtures, 'rpmdb.sqlite')),
    ecosystem: 'Rocky Linux:9',
    purl: 'pkg:rpm/rocky/libfoo@2.3.4-5.el9?arch=x86_64&distro=rocky-9.3&epoch=1',
  },
  {
    name: 'CentOS 7 with a Berkeley DB Packages file',
    osRelease: 'ID="centos"\nVERSION_ID="7"\nPRETTY_NAME="CentOS Linux 7 (Core)"\n',
    db: 'var/lib/rpm/Packages',
    content: () => readFileSync(join(fixtures, 'Packages')),
    ecosystem: 'Red Hat:enterprise_linux:7',
    purl: 'pkg:rpm/centos/libfoo@2.3.4-5.el9?arch=x86_64&distro=centos-7&epoch=1',
  },
  {
    name: 'openSUSE Leap 15.5 with an NDB Packages.db',
    osRelease: 'ID="opensuse-leap"\nVERSION_ID="15.5"\n',
    db: 'usr/lib/sysimage/rpm/Packages.db',
    content: ndbFixture,
    ecosystem: 'openSUSE:Leap 15.5',
    purl: 'pkg:rpm/opensuse/libfoo@2.3.4-5.el9?arch=x86_64&distro=opensuse-15.5&epoch=1',
  },
];

describe('RPM-based images', () => {
  it.each(cases)('$name', async (c) => {
    const path = join(work, c.db.replace(/\W/g, '-'));
    await writeOciLayout(
      [
        {
          layers: [
            {
              createdBy: 'ADD base',
              entries: [
                { path: 'etc/os-release', content: c.osRelease },
                { path: c.db, content: c.content() },
              ],
            },
          ],
        },
      ],
      path,
    );
    const before = new Set(readdirTemp());
    const inv = await collectImageInventory(path, { now: new Date('2025-01-01') });
    expect(inv.warnings).toEqual([]);
    expect(inv.packages.map((p) => `${p.name} ${p.version}`).sort()).toEqual([
      'data-files 0.9-2',
      'foo 1:2.3.4-5.el9',
      'hello 1.0-1',
      'libfoo 1:2.3.4-5.el9',
    ]);
    const libfoo = inv.packages.find((p) => p.name === 'libfoo');
    expect(libfoo).toMatchObject({
      ecosystem: c.ecosystem,
      purl: c.purl,
      source: { name: 'foo', version: '1:2.3.4-5.el9' },
      locations: [{ path: c.db }],
      layer: { index: 0, createdBy: 'ADD base' },
    });
    // The spooled database copy is gone again.
    expect(readdirTemp().filter((f) => !before.has(f))).toEqual([]);
  });
});

function readdirTemp(): string[] {
  return readdirSync(tmpdir()).filter((f) => f.startsWith('secflow-image-'));
}
