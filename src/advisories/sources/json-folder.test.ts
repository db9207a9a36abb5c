import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { defaultLimits } from '../limits.ts';
import { contentIdentity } from '../source.ts';
import { sampleDir, sampleRecords, tempDir } from '../testing/osv-layout.ts';
import { JsonFolderSource } from './json-folder.ts';

describe('JsonFolderSource', () => {
  it('offers one folder named after the directory, with every .json file as an entry', async () => {
    const source = new JsonFolderSource(sampleDir);
    expect(source.kind).toBe('json-folder');
    expect(await source.folders()).toEqual({ names: ['sample'], complete: true });
    expect(await source.fingerprint()).toBeUndefined();
    expect(await source.open('other')).toBeUndefined();
    const snapshot = await source.open('sample');
    if (snapshot === undefined) throw new Error('no snapshot');
    const samples = sampleRecords();
    expect(snapshot.entries.map((e) => e.name)).toEqual(samples.map((s) => s.name));
    const [entry] = snapshot.entries;
    const [sample] = samples;
    if (entry === undefined || sample === undefined) throw new Error('fixtures missing');
    // The same identity a zip's central directory gives for the same bytes.
    expect(entry.identity).toBe(contentIdentity(crc32(sample.text), sample.text.length));
    expect((await snapshot.read(entry)).text.equals(sample.text)).toBe(true);
    await snapshot.close();
  });

  it('searches sub-folders, ignores other files and symlinks, and refuses oversized files', async () => {
    const dir = tempDir('json-folder');
    mkdirSync(join(dir, 'nested', 'deeper'), { recursive: true });
    const [a, b] = sampleRecords();
    if (a === undefined || b === undefined) throw new Error('fixtures missing');
    writeFileSync(join(dir, 'nested', 'deeper', a.name), a.text);
    writeFileSync(join(dir, b.name), b.text);
    writeFileSync(join(dir, 'README.md'), 'not a record');
    writeFileSync(join(dir, 'huge.json'), Buffer.alloc(4096, 32));
    symlinkSync(join(dir, b.name), join(dir, 'link.json'));
    const source = new JsonFolderSource(dir, {
      limits: { ...defaultLimits, maxRecordBytes: 4000 },
    });
    const snapshot = await source.open(basename(dir));
    if (snapshot === undefined) throw new Error('no snapshot');
    expect(snapshot.entries.map((e) => e.name)).toEqual([b.name, `nested/deeper/${a.name}`]);
    expect(snapshot.refused).toEqual([
      {
        folder: basename(dir),
        name: 'huge.json',
        location: join(dir, 'huge.json'),
        reason: 'too-large',
        detail: '4.0 KiB',
      },
    ]);
  });

  it('stops at the depth cap instead of recursing without bound', async () => {
    const dir = tempDir('json-deep');
    mkdirSync(join(dir, 'a', 'b', 'c'), { recursive: true });
    const source = new JsonFolderSource(dir, { limits: { ...defaultLimits, maxDepth: 2 } });
    await expect(source.open(basename(dir))).rejects.toThrow(`${dir} nests deeper than 2`);
  });
});
