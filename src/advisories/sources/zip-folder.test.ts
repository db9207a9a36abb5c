import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { defaultLimits } from '../limits.ts';
import { contentIdentity, EntrySkip, FolderError } from '../source.ts';
import { sampleRecords, tempDir } from '../testing/osv-layout.ts';
import { buildZip, type ZipEntryInput } from '../testing/zip-writer.ts';
import { openZipFolder } from './zip-folder.ts';

const dir = tempDir('zip-folder');
afterAll(() => {
  // Nothing we read may have been extracted next to the archives.
  expect(readdirSync(dir).every((f) => f.endsWith('.zip'))).toBe(true);
});

let counter = 0;
function zipFile(entries: ZipEntryInput[]): string {
  const path = join(dir, `${++counter}.zip`);
  writeFileSync(path, buildZip(entries));
  return path;
}

const [first, second] = sampleRecords();
if (first === undefined || second === undefined) throw new Error('sample fixtures missing');

describe('openZipFolder', () => {
  it('lists entries with CRC-32 identities and reads Deflate and stored entries exactly', async () => {
    const path = zipFile([
      { name: first.name, data: first.text },
      { name: second.name, data: second.text, method: 0 },
    ]);
    const snapshot = await openZipFolder(path, 'Mixed');
    try {
      expect(snapshot.entries.map((e) => e.name)).toEqual([first.name, second.name]);
      expect(snapshot.entries[0]?.identity).toBe(
        contentIdentity(crc32(first.text), first.text.length),
      );
      expect(snapshot.entries[0]?.location).toBe(`${path}!${first.name}`);
      expect(snapshot.refused).toEqual([]);
      const [a, b] = snapshot.entries;
      if (a === undefined || b === undefined) throw new Error('entries missing');
      const deflated = await snapshot.read(a);
      expect(deflated.text.equals(first.text)).toBe(true);
      expect(deflated.deflated).toBeInstanceOf(Buffer);
      const stored = await snapshot.read(b);
      expect(stored.text.equals(second.text)).toBe(true);
      expect(stored.deflated).toBeUndefined();
    } finally {
      await snapshot.close();
    }
  });

  it('refuses ../, absolute and backslash names without failing the zip, and never writes them', async () => {
    // yauzl's default (decodeStrings) rejects the whole archive on one such name; we only skip it.
    const hostile = buildZip([
      { name: first.name, data: first.text },
      { name: '../x.json', data: second.text },
    ]);
    await expect(
      yauzl.fromBufferPromise(hostile, { lazyEntries: true }).then(readAllEntries),
    ).rejects.toThrow('invalid relative path: ../x.json');

    const path = zipFile([
      { name: '../x.json', data: second.text },
      { name: '/etc/x.json', data: second.text },
      { name: 'a\\..\\x.json', data: second.text },
      { name: first.name, data: first.text },
    ]);
    const snapshot = await openZipFolder(path, 'Hostile');
    await snapshot.close();
    expect(snapshot.entries.map((e) => e.name)).toEqual([first.name]);
    expect(snapshot.refused.map((r) => [r.name, r.reason, r.detail])).toEqual([
      ['../x.json', 'unsafe-name', 'invalid relative path: ../x.json'],
      ['/etc/x.json', 'unsafe-name', 'absolute path: /etc/x.json'],
      ['a\\..\\x.json', 'unsafe-name', 'invalid characters in fileName: a\\..\\x.json'],
    ]);
    expect(existsSync(join(dir, '..', 'x.json'))).toBe(false);
  });

  it('refuses non-JSON files and duplicate names, and skips directories silently', async () => {
    const path = zipFile([
      { name: 'docs/', data: Buffer.alloc(0), method: 0 },
      { name: 'README.md', data: Buffer.from('hello') },
      { name: first.name, data: first.text },
      { name: first.name, data: second.text },
    ]);
    const snapshot = await openZipFolder(path, 'Odd');
    await snapshot.close();
    expect(snapshot.entries.map((e) => e.name)).toEqual([first.name]);
    expect(snapshot.refused.map((r) => [r.name, r.reason])).toEqual([
      ['README.md', 'unexpected-file'],
      [first.name, 'unsafe-name'],
    ]);
  });

  it('refuses an entry that declares more than the cap, without reading it', async () => {
    const path = zipFile([{ name: 'big.json', data: Buffer.from('{}'), declaredSize: 2 ** 31 }]);
    const snapshot = await openZipFolder(path, 'Big');
    await snapshot.close();
    expect(snapshot.entries).toEqual([]);
    expect(snapshot.refused[0]).toMatchObject({ reason: 'too-large', detail: 'declares 2.0 GiB' });
  });

  it('stops inflating a decompression bomb at its declared size', async () => {
    // 64 MiB of zeros deflate to ~64 KiB; the entry claims 100 bytes.
    const bomb = Buffer.alloc(64 * 2 ** 20);
    const path = zipFile([{ name: 'bomb.json', data: bomb, declaredSize: 100 }]);
    const snapshot = await openZipFolder(path, 'Bomb');
    try {
      const [entry] = snapshot.entries;
      if (entry === undefined) throw new Error('bomb entry missing');
      const error = await snapshot.read(entry).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EntrySkip);
      expect(error).toMatchObject({ reason: 'too-large' });
      expect((error as Error).message).toContain('inflates past its declared 100 B');
    } finally {
      await snapshot.close();
    }
  });

  it('caps a bomb that declares its true size at maxRecordBytes', async () => {
    const bomb = Buffer.alloc(2 * 2 ** 20);
    const path = zipFile([{ name: 'bomb.json', data: bomb }]);
    const snapshot = await openZipFolder(path, 'Bomb', {
      limits: { ...defaultLimits, maxRecordBytes: 2 ** 20 },
    });
    await snapshot.close();
    expect(snapshot.refused[0]).toMatchObject({ reason: 'too-large', detail: 'declares 2.0 MiB' });
  });

  it('reports a CRC mismatch as a corrupt entry', async () => {
    const path = zipFile([{ name: first.name, data: first.text, declaredCrc: 1234 }]);
    const snapshot = await openZipFolder(path, 'Crc');
    try {
      const [entry] = snapshot.entries;
      if (entry === undefined) throw new Error('entry missing');
      await expect(snapshot.read(entry)).rejects.toMatchObject({
        reason: 'corrupt',
        message: 'CRC-32 mismatch',
      });
    } finally {
      await snapshot.close();
    }
  });

  it('fails the folder on a truncated zip', async () => {
    const whole = buildZip([
      { name: first.name, data: first.text },
      { name: second.name, data: second.text },
    ]);
    const path = join(dir, 'truncated.zip');
    writeFileSync(path, whole.subarray(0, Math.floor(whole.length / 2)));
    const error = await openZipFolder(path, 'PyPI').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FolderError);
    expect((error as FolderError).message).toBe(
      `${path} is not a readable zip (End of central directory record signature not found. Either not a zip file, or file is truncated.)`,
    );
    expect((error as FolderError).hint).toContain('the records already stored for PyPI are kept');
  });

  it('fails the folder when the file is missing', async () => {
    await expect(openZipFolder(join(dir, 'nope.zip'), 'Go')).rejects.toThrow(
      `cannot open ${join(dir, 'nope.zip')}: ENOENT`,
    );
  });

  it('reads zip64 archives (more than 65,535 entries)', async () => {
    const entries: ZipEntryInput[] = [];
    for (let i = 0; i < 70_000; i++)
      entries.push({ name: `R-${i}.json`, data: Buffer.from('{}'), method: 0 });
    const path = zipFile(entries);
    const snapshot = await openZipFolder(path, 'Many');
    await snapshot.close();
    expect(snapshot.entries).toHaveLength(70_000);
  });
});

async function readAllEntries(zip: yauzl.ZipFile): Promise<number> {
  let count = 0;
  for await (const _ of zip.eachEntry()) count++;
  return count;
}
