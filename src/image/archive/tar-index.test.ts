import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { afterAll, describe, expect, it } from 'vitest';
import { tarHeader } from '../../../test/helpers/image/tar-header.ts';
import { indexTar, TarIndexError } from './tar-index.ts';

const work = mkdtempSync(join(tmpdir(), 'secflow-tar-index-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function index(file: string) {
  const handle = await open(file, 'r');
  try {
    return await indexTar(handle, (await handle.stat()).size);
  } finally {
    await handle.close();
  }
}

describe('tar index', () => {
  it('locates members, long pax names and links without reading data', async () => {
    const file = join(work, 'a.tar');
    const pack = tar.pack();
    const done = pipeline(pack as unknown as Readable, createWriteStream(file));
    const long = `${'d'.repeat(120)}/${'é'.repeat(30)}/layer.tar`;
    pack.entry({ name: 'manifest.json' }, '[]');
    pack.entry({ name: long }, 'LAYER');
    pack.entry({ name: 'link/layer.tar', type: 'symlink', linkname: `../${long}` });
    pack.finalize();
    await done;
    const members = await index(file);
    expect(members.map((m) => [m.name, m.type, m.size])).toEqual([
      ['manifest.json', 'file', 2],
      [long, 'file', 5],
      ['link/layer.tar', 'symlink', 0],
    ]);
    const handle = await open(file, 'r');
    const { buffer } = await handle.read(Buffer.alloc(5), 0, 5, members[1]?.offset ?? 0);
    await handle.close();
    expect(buffer.toString()).toBe('LAYER');
  });

  it('reads GNU base-256 sizes and rejects members that run past the end', async () => {
    const file = join(work, 'huge.tar');
    writeFileSync(file, Buffer.concat([tarHeader('big', 10 * 2 ** 30), Buffer.alloc(1024)]));
    await expect(index(file)).rejects.toThrow(/runs past the end/);
  });

  it('rejects a damaged header', async () => {
    const file = join(work, 'bad.tar');
    const header = tarHeader('x', 1);
    header[0] = 0x79; // breaks the checksum
    writeFileSync(file, Buffer.concat([header, Buffer.alloc(1536)]));
    await expect(index(file)).rejects.toThrow(TarIndexError);
  });
});
