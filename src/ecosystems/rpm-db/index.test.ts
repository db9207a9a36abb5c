import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeNdb } from '../../../test/helpers/image/rpm-ndb-writer.ts';
import { distroNaming } from '../distro/distro.ts';
import { BdbError } from './bdb.ts';
import { readRpmDatabase, rpmDbFormat, rpmPackages } from './index.ts';
import { NdbError } from './ndb.ts';
import { readSqliteBlobs } from './sqlite.ts';

const fixtures = join(import.meta.dirname, '__fixtures__');
const work = mkdtempSync(join(tmpdir(), 'secflow-rpmdb-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** rpm -qa output, one "name epoch version release arch sourcerpm" line per package. */
const expected = readFileSync(join(fixtures, 'rpm-qa.txt'), 'utf8').trim().split('\n').sort();

function asQa(records: Awaited<ReturnType<typeof readRpmDatabase>>['records']): string[] {
  return records
    .map((r) =>
      [r.name, r.epoch ?? 0, r.version, r.release, r.arch ?? '', r.sourceRpm ?? ''].join(' '),
    )
    .sort();
}

function sqliteCopy(): string {
  const dir = mkdtempSync(join(work, 'sqlite-'));
  copyFileSync(join(fixtures, 'rpmdb.sqlite'), join(dir, 'rpmdb.sqlite'));
  return join(dir, 'rpmdb.sqlite');
}

describe('rpm database readers agree with rpm -qa', () => {
  it('reads rpmdb.sqlite written by rpm 4.18', async () => {
    const db = await readRpmDatabase(sqliteCopy(), 'sqlite');
    expect(db.problems).toEqual([]);
    expect(asQa(db.records)).toEqual(expected);
  });

  it.each(['Packages', 'Packages.be'])(
    'reads the Berkeley DB hash file %s (with overflow pages)',
    async (file) => {
      const db = await readRpmDatabase(join(fixtures, file), 'bdb');
      expect(db.problems).toEqual([]);
      expect(asQa(db.records)).toEqual(expected);
    },
  );

  it('reads an NDB Packages.db holding the same headers', async () => {
    const blobs = [...readSqliteBlobs(sqliteCopy())];
    const path = join(work, 'Packages.db');
    writeFileSync(path, writeNdb(blobs));
    const db = await readRpmDatabase(path, 'ndb');
    expect(db.problems).toEqual([]);
    expect(asQa(db.records)).toEqual(expected);
  });
});

describe('damaged rpm databases', () => {
  it('reports a truncated header blob as a problem and keeps the others', async () => {
    const blobs = [...readSqliteBlobs(sqliteCopy())];
    const first = blobs[0] ?? new Uint8Array();
    blobs[0] = first.subarray(0, 40);
    const path = join(work, 'truncated.db');
    writeFileSync(path, writeNdb(blobs));
    const db = await readRpmDatabase(path, 'ndb');
    expect(db.records).toHaveLength(expected.length - 1);
    expect(db.problems).toEqual([expect.stringMatching(/^blob 1: header needs \d+ bytes/)]);
  });

  it('rejects a file that is not an NDB database', async () => {
    const path = join(work, 'garbage.db');
    writeFileSync(path, Buffer.alloc(8192, 0x41));
    await expect(readRpmDatabase(path, 'ndb')).rejects.toThrow(NdbError);
  });

  it('rejects an NDB slot pointing past the end of the file', async () => {
    const blobs = [...readSqliteBlobs(sqliteCopy())];
    const bytes = writeNdb(blobs);
    bytes.writeUInt32LE(0x7fffffff, 32 + 8);
    const path = join(work, 'bad-slot.db');
    writeFileSync(path, bytes);
    await expect(readRpmDatabase(path, 'ndb')).rejects.toThrow(NdbError);
  });

  it('rejects a Berkeley DB whose overflow chain loops', async () => {
    const bytes = readFileSync(join(fixtures, 'Packages'));
    // Point every overflow page's next_pgno at itself.
    for (let page = 1; page * 4096 < bytes.length; page++) {
      if (bytes[page * 4096 + 25] === 7) bytes.writeUInt32LE(page, page * 4096 + 16);
    }
    const path = join(work, 'loop');
    writeFileSync(path, bytes);
    await expect(readRpmDatabase(path, 'bdb')).rejects.toThrow(BdbError);
  });

  it('rejects a file that is not a Berkeley DB', async () => {
    const path = join(work, 'not-bdb');
    writeFileSync(path, Buffer.alloc(4096));
    await expect(readRpmDatabase(path, 'bdb')).rejects.toThrow(/bad magic/);
  });
});

describe('rpm packages', () => {
  it('names packages after the distribution with epoch, source RPM and purl', async () => {
    const db = await readRpmDatabase(sqliteCopy(), 'sqlite');
    const naming = distroNaming({ id: 'rocky', versionId: '9.3' });
    const packages = rpmPackages(db.records, naming, 'var/lib/rpm/rpmdb.sqlite');
    const libfoo = packages.find((p) => p.name === 'libfoo');
    expect(libfoo).toEqual({
      ecosystem: 'Rocky Linux:9',
      name: 'libfoo',
      version: '1:2.3.4-5.el9',
      purl: 'pkg:rpm/rocky/libfoo@2.3.4-5.el9?arch=x86_64&distro=rocky-9.3&epoch=1',
      locations: [{ path: 'var/lib/rpm/rpmdb.sqlite' }],
      source: { name: 'foo', version: '1:2.3.4-5.el9' },
      extractor: 'rpm-db/installed',
    });
    expect(packages.find((p) => p.name === 'hello')?.version).toBe('1.0-1');
  });

  it('knows where each format lives', () => {
    expect(rpmDbFormat('var/lib/rpm/rpmdb.sqlite')).toBe('sqlite');
    expect(rpmDbFormat('usr/lib/sysimage/rpm/Packages.db')).toBe('ndb');
    expect(rpmDbFormat('var/lib/rpm/Packages')).toBe('bdb');
    expect(rpmDbFormat('home/me/Packages')).toBeUndefined();
  });
});
