import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byFolder, sampleRecords, tempDir, writeLayout } from '../testing/osv-layout.ts';
import { OsvDirSource } from './osv-dir.ts';
import { ZipFileSource } from './zip-file.ts';

describe('OsvDirSource', () => {
  const dir = tempDir('osv-dir');
  writeLayout(dir, byFolder(sampleRecords()));
  mkdirSync(join(dir, 'sample'));
  writeFileSync(join(dir, 'notes.txt'), 'not a folder');

  it('offers the folders that hold all.zip and names the ones it ignores', async () => {
    const source = new OsvDirSource(dir);
    expect(await source.folders()).toEqual({
      names: ['Alpine', 'Debian', 'Go', 'PyPI', 'RubyGems', 'crates.io', 'npm'],
      complete: true,
      ignored: ['sample'],
    });
  });

  it('fingerprints modified_id.csv, and changes the fingerprint with it', async () => {
    const source = new OsvDirSource(dir);
    const before = await source.fingerprint('Go');
    expect(before).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await source.fingerprint('Go')).toBe(before);
    writeFileSync(join(dir, 'Go', 'modified_id.csv'), '2030-01-01T00:00:00Z,GO-2030-1\n');
    expect(await source.fingerprint('Go')).not.toBe(before);
    expect(await source.fingerprint('sample')).toBeUndefined();
  });

  it('opens a folder as its zip, and nothing for a folder it does not have', async () => {
    const source = new OsvDirSource(dir);
    const snapshot = await source.open('PyPI');
    expect(snapshot?.entries.map((e) => e.name)).toEqual([
      'PYSEC-2022-15.json',
      'PYSEC-2022-42969.json',
      'PYSEC-2024-1.json',
    ]);
    expect(snapshot?.location).toBe(join(dir, 'PyPI', 'all.zip'));
    await snapshot?.close();
    expect(await source.open('NuGet')).toBeUndefined();
  });

  it('fails clearly when the directory cannot be read', async () => {
    await expect(new OsvDirSource(join(dir, 'missing')).folders()).rejects.toThrow(
      `cannot read ${join(dir, 'missing')}: ENOENT`,
    );
  });
});

describe('ZipFileSource', () => {
  const dir = tempDir('zip-file');
  writeLayout(dir, byFolder(sampleRecords()));

  it('takes all.zip as its parent folder, with the modified_id.csv beside it', async () => {
    const source = new ZipFileSource(join(dir, 'npm', 'all.zip'));
    expect(await source.folders()).toEqual({ names: ['npm'], complete: true });
    expect(await source.fingerprint('npm')).toMatch(/^sha256:/);
    const snapshot = await source.open('npm');
    expect(snapshot?.entries).toHaveLength(6);
    await snapshot?.close();
  });

  it('names any other zip after its file, with no fingerprint', async () => {
    const path = join(dir, 'advisories-2024.zip');
    writeFileSync(path, Buffer.alloc(0));
    const source = new ZipFileSource(path);
    expect(await source.folders()).toEqual({ names: ['advisories-2024'], complete: true });
    expect(await source.fingerprint('advisories-2024')).toBeUndefined();
  });
});
