import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAdvisoryDb } from '../store/advisory-db.ts';
import { updateAdvisoryDb } from './import.ts';
import { OsvDirSource } from './sources/osv-dir.ts';
import { tempDir } from './testing/osv-layout.ts';

/**
 * Imports the whole shared snapshot (/work/shared/advisories, read in place) and checks the exact
 * counts its README documents. Skipped, with a message, where the shared folder is absent.
 */
const shared = process.env.SECFLOW_SHARED_ADVISORIES ?? '/work/shared/advisories';
const present = existsSync(join(shared, 'PyPI', 'all.zip'));
if (!present) console.warn(`skipping the shared-data import: ${shared} is absent`);

describe.skipIf(!present)(`import of ${shared}`, () => {
  const path = join(tempDir('import-shared'), 'advisories.db');

  it('stores every record, skipping exactly the 7 upstream-invalid PyPI ones', async () => {
    const summary = await updateAdvisoryDb(path, new OsvDirSource(shared));
    expect(
      Object.fromEntries(summary.folders.map((f) => [f.folder, [f.imported, f.skipped.length]])),
    ).toEqual({
      Go: [4291, 0],
      PyPI: [2654, 7],
      'crates.io': [1206, 0],
      RubyGems: [1168, 0],
      npm: [528, 0],
      Debian: [2652, 0],
      Alpine: [2432, 0],
    });
    const pypi = summary.folders.find((f) => f.folder === 'PyPI');
    expect(pypi?.skipped.every((s) => s.reason === 'schema-violating')).toBe(true);
    expect(pypi?.skipped.map((s) => s.id)).toEqual([
      'PYSEC-2017-27',
      'PYSEC-2019-155',
      'PYSEC-2021-371',
      'PYSEC-2021-424',
      'PYSEC-2021-425',
      'PYSEC-2021-436',
      'PYSEC-2023-80',
    ]);
    expect(summary.ignored).toEqual(['sample']);

    const db = openAdvisoryDb(path);
    try {
      expect(db.meta().records).toBe(14_931);
      expect(db.status().map((f) => [f.folder, f.withdrawn])).toEqual([
        ['Alpine', 0],
        ['Debian', 0],
        ['Go', 17],
        ['PyPI', 10],
        ['RubyGems', 0],
        ['crates.io', 13],
        ['npm', 0],
      ]);
      // README spot checks.
      expect(db.recordsFor('Debian:11', 'xorg-server').map((r) => r.id)).toContain('DSA-5380-1');
      expect(db.recordsFor('Debian:10', 'xorg-server').map((r) => r.id)).toContain('DLA-3372-1');
      expect(db.lookup('CVE-2023-1393').map((r) => r.id)).toContain('DSA-5380-1');
      expect(db.recordsFor('RubyGems', 'actionpack').map((r) => r.id)).toContain(
        'GHSA-8727-m6gj-mc37',
      );
    } finally {
      db.close();
    }
  });

  it('imports nothing on a re-run and opens no zip', async () => {
    const started = performance.now();
    const summary = await updateAdvisoryDb(path, new OsvDirSource(shared));
    const seconds = (performance.now() - started) / 1000;
    expect(summary.folders.every((f) => f.outcome === 'unchanged')).toBe(true);
    expect(summary.folders.reduce((n, f) => n + f.imported + f.updated + f.removed, 0)).toBe(0);
    expect(summary.folders.reduce((n, f) => n + f.unchanged, 0)).toBe(14_931);
    expect(seconds).toBeLessThan(5);
  });
});
