import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { updateAdvisoryDb } from '../advisories/import.ts';
import { OsvDirSource } from '../advisories/sources/osv-dir.ts';
import { byFolder, sampleRecords, tempDir, writeLayout } from '../advisories/testing/osv-layout.ts';
import { type AdvisoryDb, openAdvisoryDb } from './advisory-db.ts';

const ids = (records: readonly { id: string }[]) => records.map((r) => r.id).sort();

describe('openAdvisoryDb', () => {
  const root = tempDir('advisory-db');
  const path = join(root, 'advisories.db');
  let db: AdvisoryDb;
  beforeAll(async () => {
    writeLayout(join(root, 'layout'), byFolder(sampleRecords()));
    await updateAdvisoryDb(path, new OsvDirSource(join(root, 'layout')));
    db = openAdvisoryDb(path);
    return () => db.close();
  });

  it('finds records by package under the ecosystem name rules', () => {
    expect(ids(db.recordsFor('npm', 'lodash'))).toEqual(['GHSA-jf85-cpcp-j695']);
    expect(db.recordsFor('npm', 'Lodash')).toEqual([]); // npm names are case-sensitive
    expect(ids(db.recordsFor('npm', 'lodash.defaultsdeep'))).toEqual(['GHSA-jf85-cpcp-j695']);
    // PEP 503: case, dots, dashes and underscores are one.
    expect(ids(db.recordsFor('PyPI', 'py'))).toEqual(['PYSEC-2022-42969']);
    expect(ids(db.recordsFor('pypi', 'PY'))).toEqual(['PYSEC-2022-42969']);
    expect(ids(db.recordsFor('PyPI', 'Lodash_Defaults.Deep'))).toEqual([]);
    expect(ids(db.recordsFor('RubyGems', 'actionview'))).toEqual(['GHSA-xrr4-p6fq-hjg7']);
    expect(ids(db.recordsFor('Go', 'stdlib'))).toEqual(['GO-2024-2963']);
  });

  it('tells distribution releases apart', () => {
    expect(ids(db.recordsFor('Debian:11', 'xorg-server'))).toEqual(['DSA-5380-1']);
    expect(db.recordsFor('Debian:10', 'xorg-server')).toEqual([]);
    expect(ids(db.recordsFor('Debian', 'xorg-server'))).toEqual(['DSA-5380-1']);
    expect(ids(db.recordsFor('Alpine:v3.10', 'openssl'))).toEqual(['ALPINE-CVE-2019-1547']);
    expect(ids(db.recordsFor('Alpine:3.10', 'openssl'))).toEqual(['ALPINE-CVE-2019-1547']);
    expect(db.recordsFor('Alpine:v3.2', 'openssl')).toEqual([]);
  });

  it('returns records exactly as published', () => {
    const [stored] = db.lookupStored('GO-2024-2963');
    const sample = sampleRecords().find((s) => s.record.id === 'GO-2024-2963');
    expect(stored?.text).toBe(sample?.text.toString('utf8'));
    expect(stored?.folder).toBe('Go');
    expect(stored?.record).toEqual(sample?.record);
  });

  it('looks up ids and aliases both ways, case-insensitively', () => {
    expect(ids(db.lookup('CVE-2019-10744'))).toEqual(['GHSA-jf85-cpcp-j695']);
    expect(ids(db.lookup('cve-2019-10744'))).toEqual(['GHSA-jf85-cpcp-j695']);
    expect(ids(db.lookup('NSWG-ECO-1'))).toEqual(['x_NSWG-ECO-1']);
    // Debian and Alpine records are found by the CVE ids in `upstream`.
    expect(ids(db.lookup('CVE-2023-1393'))).toEqual(['DSA-5380-1']);
    expect(ids(db.lookup('CVE-2019-1547'))).toEqual(['ALPINE-CVE-2019-1547']);
    expect(ids(db.lookup('GHSA-8727-m6gj-mc37'))).toEqual(['GHSA-8727-m6gj-mc37']);
    expect(db.lookup('CVE-1999-0001')).toEqual([]);
  });

  it('puts the exact id first', () => {
    const found = db.lookup('GHSA-jf85-cpcp-j695');
    expect(found[0]?.id).toBe('GHSA-jf85-cpcp-j695');
  });

  it('reports status and meta per folder', () => {
    expect(
      db.status().map((f) => [f.folder, f.records, f.withdrawn, f.skipped, f.hasPlugin]),
    ).toEqual([
      ['Alpine', 2, 0, 0, true],
      ['Debian', 2, 0, 0, true],
      ['Go', 2, 1, 0, true],
      ['PyPI', 3, 1, 0, true],
      ['RubyGems', 3, 0, 0, true],
      ['crates.io', 2, 1, 0, true],
      ['npm', 6, 0, 0, true],
    ]);
    const meta = db.meta();
    expect(meta.records).toBe(20);
    expect(meta.lastUpdate).toBeInstanceOf(Date);
    expect(meta.sizeBytes).toBeGreaterThan(0);
  });

  it('reports a missing database as db-missing', () => {
    expect(() => openAdvisoryDb(join(root, 'none.db'))).toThrow(
      expect.objectContaining({
        code: 'db-missing',
        message: `no advisory database at ${join(root, 'none.db')}`,
      }),
    );
  });

  it('reports a database without a completed update as db-missing', () => {
    const empty = join(root, 'empty.db');
    new Database(empty).close();
    expect(() => openAdvisoryDb(empty)).toThrow(expect.objectContaining({ code: 'db-missing' }));
  });

  it('reports a file that is not a database as db-corrupt', () => {
    const garbage = join(root, 'garbage.db');
    writeFileSync(
      garbage,
      'this is not sqlite, just text long enough to have a header '.repeat(20),
    );
    expect(() => openAdvisoryDb(garbage)).toThrow(
      expect.objectContaining({
        code: 'db-corrupt',
        hint: `delete ${garbage} and run \`secflow db update\``,
      }),
    );
  });

  it('reports a database of another format as db-corrupt', () => {
    const other = join(root, 'other.db');
    const raw = new Database(other);
    raw.exec(
      "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('format', '0')",
    );
    raw.close();
    expect(() => openAdvisoryDb(other)).toThrow(
      expect.objectContaining({ code: 'db-corrupt', message: `${other} has database format 0` }),
    );
  });
});
