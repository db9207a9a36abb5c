import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openAdvisoryDb } from '../store/advisory-db.ts';
import { type FolderSummary, type UpdateSummary, updateAdvisoryDb } from './import.ts';
import type { AdvisorySource, FolderSnapshot } from './source.ts';
import { OsvDirSource } from './sources/osv-dir.ts';
import { generateRecords } from './testing/generate.ts';
import {
  byFolder,
  type FixtureRecord,
  revised,
  sampleRecords,
  tempDir,
  upstreamInvalidRecord,
  writeLayout,
} from './testing/osv-layout.ts';
import { buildZip } from './testing/zip-writer.ts';

/** Counts what the importer asks of a source. */
function instrumented(source: AdvisorySource) {
  const calls = { opened: [] as string[], reads: 0 };
  const wrapped: AdvisorySource = {
    kind: source.kind,
    location: source.location,
    folders: (signal) => source.folders(signal),
    fingerprint: (folder, signal) => source.fingerprint(folder, signal),
    open: async (folder, signal) => {
      calls.opened.push(folder);
      const snapshot = await source.open(folder, signal);
      if (snapshot === undefined) return undefined;
      return {
        ...snapshot,
        read: (entry) => {
          calls.reads++;
          return snapshot.read(entry);
        },
      } satisfies FolderSnapshot;
    },
  };
  return { source: wrapped, calls };
}

function folder(summary: UpdateSummary, name: string): FolderSummary {
  const found = summary.folders.find((f) => f.folder === name);
  if (found === undefined) throw new Error(`no folder ${name} in the summary`);
  return found;
}

function counts(summary: FolderSummary) {
  const { imported, updated, unchanged, removed } = summary;
  return { imported, updated, unchanged, removed, skipped: summary.skipped.length };
}

function listIds(path: string): string[] {
  const db = openAdvisoryDb(path);
  try {
    return sampleRecords()
      .concat(upstreamInvalidRecord())
      .flatMap((r) => db.lookup(r.record.id).map((x) => x.id))
      .filter((id, i, all) => all.indexOf(id) === i)
      .sort();
  } finally {
    db.close();
  }
}

const samples = sampleRecords();
const sampleIds = samples.map((s) => s.record.id).sort();

function setup(
  label: string,
  folders = byFolder(samples),
  options: Parameters<typeof writeLayout>[2] = {},
) {
  const root = tempDir(label);
  const layout = join(root, 'layout');
  writeLayout(layout, folders, options);
  return { root, layout, db: join(root, 'db', 'advisories.db') };
}

describe('updateAdvisoryDb', () => {
  it('imports every folder, then re-runs without opening any zip', async () => {
    const { layout, db } = setup('import-first');
    const first = instrumented(new OsvDirSource(layout));
    const summary = await updateAdvisoryDb(db, first.source);
    expect(summary.folders.map((f) => [f.folder, f.outcome, f.imported])).toEqual([
      ['Alpine', 'synced', 2],
      ['Debian', 'synced', 2],
      ['Go', 'synced', 2],
      ['PyPI', 'synced', 3],
      ['RubyGems', 'synced', 3],
      ['crates.io', 'synced', 2],
      ['npm', 'synced', 6],
    ]);
    expect(first.calls.reads).toBe(20);
    expect(listIds(db)).toEqual(sampleIds);

    const again = instrumented(new OsvDirSource(layout));
    const second = await updateAdvisoryDb(db, again.source);
    expect(again.calls.opened).toEqual([]);
    expect(second.folders.every((f) => f.outcome === 'unchanged')).toBe(true);
    expect(second.folders.reduce((n, f) => n + f.unchanged, 0)).toBe(20);
    expect(second.folders.reduce((n, f) => n + f.imported + f.updated, 0)).toBe(0);
  });

  it('applies changes record by record: new, changed, unchanged and removed', async () => {
    const pypi = samples.filter((s) => s.record.id.startsWith('PYSEC'));
    const [a, b, c] = pypi;
    if (a === undefined || b === undefined || c === undefined) throw new Error('fixtures');
    const { layout, db } = setup('import-incremental', { PyPI: [a, b] });
    await updateAdvisoryDb(db, new OsvDirSource(layout));

    writeLayout(layout, { PyPI: [revised(a, '2030-01-01T00:00:00Z'), c] });
    const run = instrumented(new OsvDirSource(layout));
    const summary = await updateAdvisoryDb(db, run.source);
    expect(counts(folder(summary, 'PyPI'))).toEqual({
      imported: 1,
      updated: 1,
      unchanged: 0,
      removed: 1,
      skipped: 0,
    });
    // Index rows of replaced and removed records are gone too.
    const raw = new Database(db, { readonly: true });
    const orphans = raw
      .prepare(
        'SELECT (SELECT count(*) FROM packages WHERE rid NOT IN (SELECT rid FROM records)) + (SELECT count(*) FROM aliases WHERE rid NOT IN (SELECT rid FROM records))',
      )
      .pluck()
      .get();
    const packages = raw.prepare('SELECT count(*) FROM packages').pluck().get();
    raw.close();
    expect(orphans).toBe(0);
    expect(packages).toBe(2);
    const reader = openAdvisoryDb(db);
    try {
      expect(reader.lookup(a.record.id)[0]?.summary).toMatch(/\(revised\)$/);
      expect(reader.lookup(b.record.id)).toEqual([]);
      expect(reader.lookup(c.record.id).map((r) => r.id)).toEqual([c.record.id]);
    } finally {
      reader.close();
    }
  });

  it('without modified_id.csv, compares entries by CRC-32 and size and reads only changed ones', async () => {
    const { layout, db } = setup('import-nocsv', byFolder(samples), { csv: false });
    await updateAdvisoryDb(db, new OsvDirSource(layout));
    const npm = samples.filter((s) => byFolder([s]).npm !== undefined);
    const [first] = npm;
    if (first === undefined) throw new Error('fixtures');
    writeLayout(
      layout,
      { npm: [revised(first, '2030-01-01T00:00:00Z'), ...npm.slice(1)] },
      { csv: false },
    );
    const run = instrumented(new OsvDirSource(layout));
    const summary = await updateAdvisoryDb(db, run.source);
    expect(run.calls.opened).toHaveLength(7);
    expect(run.calls.reads).toBe(1);
    expect(counts(folder(summary, 'npm'))).toEqual({
      imported: 0,
      updated: 1,
      unchanged: 5,
      removed: 0,
      skipped: 0,
    });
  });

  it('skips a schema-violating record with its id, and does not re-read it while unchanged', async () => {
    const invalid = upstreamInvalidRecord();
    const pypi = [...samples.filter((s) => s.record.id.startsWith('PYSEC')), invalid];
    const { layout, db } = setup('import-invalid', { PyPI: pypi }, { csv: false });
    const summary = await updateAdvisoryDb(db, new OsvDirSource(layout));
    expect(counts(folder(summary, 'PyPI'))).toMatchObject({ imported: 3, skipped: 1 });
    expect(folder(summary, 'PyPI').skipped).toEqual([
      {
        folder: 'PyPI',
        name: 'PYSEC-2019-155.json',
        location: `${join(layout, 'PyPI', 'all.zip')}!PYSEC-2019-155.json`,
        reason: 'schema-violating',
        detail:
          '/affected/0/ranges/0/events/1/fixed must match pattern "^([0-9a-f]{40}|[0-9a-f]{64})$"',
        id: 'PYSEC-2019-155',
      },
    ]);
    expect(folder(summary, 'PyPI').newlySkipped).toHaveLength(1);

    const run = instrumented(new OsvDirSource(layout));
    const again = await updateAdvisoryDb(db, run.source);
    expect(run.calls.reads).toBe(0);
    expect(folder(again, 'PyPI').skipped.map((s) => s.id)).toEqual(['PYSEC-2019-155']);
    expect(folder(again, 'PyPI').newlySkipped).toEqual([]);
  });

  it('skips an entry that is not JSON and imports the rest', async () => {
    const go = samples.filter((s) => s.record.id.startsWith('GO-'));
    const { layout, db } = setup(
      'import-notjson',
      { Go: go },
      {
        extra: { Go: [{ name: 'GO-broken.json', data: Buffer.from('{"id": "GO-1", ') }] },
      },
    );
    const summary = await updateAdvisoryDb(db, new OsvDirSource(layout));
    expect(counts(folder(summary, 'Go'))).toMatchObject({ imported: 2, skipped: 1 });
    expect(folder(summary, 'Go').skipped[0]).toMatchObject({
      name: 'GO-broken.json',
      reason: 'not-json',
      location: `${join(layout, 'Go', 'all.zip')}!GO-broken.json`,
    });
  });

  it('skips ../ entries and decompression bombs, writing nothing outside the database', async () => {
    const go = samples.filter((s) => s.record.id.startsWith('GO-'));
    const { root, layout, db } = setup(
      'import-hostile',
      { Go: go },
      {
        extra: {
          Go: [
            { name: '../x.json', data: go[0]?.text ?? Buffer.alloc(0) },
            { name: 'GO-bomb.json', data: Buffer.alloc(32 * 2 ** 20), declaredSize: 512 },
          ],
        },
      },
    );
    const summary = await updateAdvisoryDb(db, new OsvDirSource(layout));
    expect(folder(summary, 'Go').skipped.map((s) => [s.name, s.reason])).toEqual([
      ['../x.json', 'unsafe-name'],
      ['GO-bomb.json', 'too-large'],
    ]);
    expect(folder(summary, 'Go').imported).toBe(2);
    expect(existsSync(join(layout, 'x.json'))).toBe(false);
    expect(readdirSync(root).sort()).toEqual(['db', 'layout']);
    expect(readdirSync(join(root, 'db')).every((f) => f.startsWith('advisories.db'))).toBe(true);
  });

  it('keeps the previous version when a changed record turns invalid', async () => {
    const [go] = samples.filter((s) => s.record.id.startsWith('GO-'));
    if (go === undefined) throw new Error('fixtures');
    const { layout, db } = setup('import-keep', { Go: [go] }, { csv: false });
    await updateAdvisoryDb(db, new OsvDirSource(layout));
    const broken: FixtureRecord = { ...go, text: Buffer.from('{"id": "GO-2022-0617"}') };
    writeLayout(layout, { Go: [broken] }, { csv: false });
    const summary = await updateAdvisoryDb(db, new OsvDirSource(layout));
    expect(folder(summary, 'Go').skipped[0]?.detail).toMatch(/\(the previous version is kept\)$/);
    expect(listIds(db)).toEqual([go.record.id]);
  });

  it('fails only the folder whose zip is truncated, keeping its previous records', async () => {
    const { layout, db } = setup('import-truncated');
    await updateAdvisoryDb(db, new OsvDirSource(layout));
    const zip = join(layout, 'PyPI', 'all.zip');
    const whole = buildZip(
      samples
        .filter((s) => s.record.id.startsWith('PYSEC'))
        .map((s) => ({ name: s.name, data: s.text })),
    );
    writeFileSync(zip, whole.subarray(0, whole.length - 40));
    writeFileSync(join(layout, 'PyPI', 'modified_id.csv'), 'changed\n');
    const npm = samples.filter((s) => byFolder([s]).npm !== undefined);
    writeLayout(layout, { npm: npm.slice(1) });

    const summary = await updateAdvisoryDb(db, new OsvDirSource(layout));
    const pypi = folder(summary, 'PyPI');
    expect(pypi.outcome).toBe('failed');
    expect(pypi.error?.message).toMatch(/all\.zip is not a readable zip/);
    expect(folder(summary, 'npm').removed).toBe(1);
    expect(listIds(db)).toEqual(sampleIds.filter((id) => id !== npm[0]?.record.id));
  });

  it('rejects an unknown --ecosystem, naming the known ones', async () => {
    const { layout, db } = setup('import-unknown');
    await expect(
      updateAdvisoryDb(db, new OsvDirSource(layout), { ecosystems: ['Foo'] }),
    ).rejects.toMatchObject({
      code: 'usage',
      message: `unknown ecosystem "Foo" for ${layout}`,
      hint: 'known ecosystems: Alpine, Debian, Go, PyPI, RubyGems, crates.io, npm',
    });
    expect(existsSync(db)).toBe(false);
  });

  it('syncs only the named ecosystems, matched case-insensitively', async () => {
    const { layout, db } = setup('import-named');
    const summary = await updateAdvisoryDb(db, new OsvDirSource(layout), {
      ecosystems: ['pypi,GO'],
    });
    expect(summary.folders.map((f) => f.folder)).toEqual(['PyPI', 'Go']);
  });

  it('stores records of ecosystems secflow has no plugin for, counting them', async () => {
    const bitnami = {
      id: 'BIT-2024-1',
      modified: '2024-05-01T00:00:00Z',
      affected: [{ package: { ecosystem: 'Bitnami', name: 'nginx' } }],
    };
    const { layout, db } = setup('import-noplugin', {
      Bitnami: [
        { name: 'BIT-2024-1.json', text: Buffer.from(JSON.stringify(bitnami)), record: bitnami },
      ],
    });
    const summary = await updateAdvisoryDb(db, new OsvDirSource(layout));
    expect(folder(summary, 'Bitnami')).toMatchObject({ imported: 1, noPlugin: 1 });
    const reader = openAdvisoryDb(db);
    try {
      expect(reader.recordsFor('Bitnami', 'NGINX').map((r) => r.id)).toEqual(['BIT-2024-1']);
      expect(reader.status()[0]).toMatchObject({ folder: 'Bitnami', hasPlugin: false });
    } finally {
      reader.close();
    }
  });

  it('removes a folder its source no longer offers', async () => {
    const { layout, db } = setup('import-vanished');
    await updateAdvisoryDb(db, new OsvDirSource(layout));
    rmSync(join(layout, 'Alpine'), { recursive: true });
    const summary = await updateAdvisoryDb(db, new OsvDirSource(layout));
    expect(summary.removedFolders).toEqual([{ folder: 'Alpine', records: 2 }]);
    expect(listIds(db)).not.toContain('ALPINE-CVE-2019-1547');
  });

  it('fails with a disk error when the database cannot grow, leaving the old data usable', async () => {
    const { root, layout, db } = setup('import-full');
    await updateAdvisoryDb(db, new OsvDirSource(layout));
    const size = statSync(db).size;
    const more = join(root, 'more');
    writeLayout(more, byFolder([...generateRecords(samples, 3000)]));
    const error = await updateAdvisoryDb(db, new OsvDirSource(more), {
      maxDbBytes: size + 64 * 1024,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'disk',
      message: `${db}: disk full (or the database size cap was reached)`,
    });
    expect(listIds(db)).toEqual(sampleIds);
    const reader = openAdvisoryDb(db);
    try {
      expect(reader.meta().records).toBe(20);
    } finally {
      reader.close();
    }
  });

  it('rolls everything back when aborted', async () => {
    const { layout, db } = setup('import-abort');
    await updateAdvisoryDb(db, new OsvDirSource(layout), { ecosystems: ['Go'] });
    const controller = new AbortController();
    const source = new OsvDirSource(layout);
    const aborting: AdvisorySource = {
      ...source,
      kind: source.kind,
      location: source.location,
      folders: () => source.folders(),
      fingerprint: () => Promise.resolve(undefined),
      open: async (name) => {
        if (name === 'PyPI') controller.abort();
        return source.open(name);
      },
    };
    await expect(
      updateAdvisoryDb(db, aborting, { signal: controller.signal }),
    ).rejects.toMatchObject({
      message: 'update interrupted; the database keeps its previous data',
    });
    expect(listIds(db)).toEqual(['GO-2022-0617', 'GO-2024-2963']);
  });

  it('keeps withdrawn records for lookup but never returns them for matching', async () => {
    const { layout, db } = setup('import-withdrawn');
    await updateAdvisoryDb(db, new OsvDirSource(layout));
    const reader = openAdvisoryDb(db);
    try {
      expect(reader.lookup('GO-2022-0617')[0]?.withdrawn).toBeDefined();
      const affected = samples.find((s) => s.record.id === 'GO-2022-0617')?.record.affected?.[0]
        ?.package;
      if (affected === undefined) throw new Error('fixture');
      expect(reader.recordsFor(affected.ecosystem, affected.name).map((r) => r.id)).not.toContain(
        'GO-2022-0617',
      );
      expect(
        reader
          .packageRecords(affected.ecosystem, affected.name, { withdrawn: true })
          .map((r) => r.record.id),
      ).toContain('GO-2022-0617');
    } finally {
      reader.close();
    }
  });
});
