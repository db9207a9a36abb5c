import { closeSync, createWriteStream, existsSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { tarHeader } from '../../test/helpers/image/tar-header.ts';
import { type LayerSpec, workDir, writeOciLayout } from '../../test/helpers/image-builder.ts';
import { collectImageInventory } from './index.ts';

/** Large hostile inputs, generated once into test/.work/image/hostile-v1 and reused. */
const dir = join(workDir, 'hostile-v1');
const now = new Date('2025-01-01');
const base: LayerSpec = {
  createdBy: 'ADD base',
  entries: [
    { path: 'etc/os-release', content: 'ID=debian\nVERSION_ID=11\n' },
    {
      path: 'var/lib/dpkg/status',
      content: 'Package: libc6\nStatus: install ok installed\nVersion: 2.31-13\n',
    },
  ],
};
const GiB = 2 ** 30;

beforeAll(() => mkdirSync(dir, { recursive: true }));

/** Peak RSS of this process, in bytes (maxRSS is in KiB). */
const peakRss = () => process.resourceUsage().maxRSS * 1024;

describe('large hostile images', () => {
  it('streams past a 10 GB entry without allocating it (sparse blob, never on disk)', async () => {
    const blob = join(dir, 'sparse-10g.tar');
    if (!existsSync(blob)) {
      const fd = openSync(blob, 'w');
      writeSync(fd, tarHeader('var/lib/dpkg/status', 10 * GiB));
      closeSync(fd);
      // Holes read back as zeros: 10 GiB of data, then the two end-of-archive blocks.
      await truncate(blob, 512 + 10 * GiB + 1024);
    }
    const image = join(dir, 'sparse-image');
    await writeOciLayout(
      [
        {
          layers: [
            base,
            {
              createdBy: 'RUN fallocate',
              compression: 'none',
              rawBlob: {
                file: blob,
                diffId: `sha256:${'a'.repeat(64)}`,
                digest: `sha256:${'b'.repeat(64)}`,
              },
            },
          ],
        },
      ],
      image,
    );
    const before = peakRss();
    const inv = await collectImageInventory(image, { now });
    expect(inv.warnings).toEqual([
      expect.objectContaining({ code: 'too-large', path: 'var/lib/dpkg/status' }),
    ]);
    expect(inv.packages).toEqual([]);
    expect(peakRss() - before).toBeLessThan(200 * 2 ** 20);
    // Ten gigabytes of zeros pass through tar-stream: seconds on an idle machine, minutes on a busy one.
  }, 900_000);

  it('stops a gzip bomb at the default limits', async () => {
    const bomb = join(dir, 'bomb-2g.tar.gz');
    if (!existsSync(bomb)) {
      const pack = tar.pack();
      const written = pipeline(
        pack as unknown as Readable,
        createGzip({ level: 9 }),
        createWriteStream(bomb),
      );
      const zeros = Buffer.alloc(4 * 2 ** 20);
      const entry = pack.entry({ name: 'zeros', size: 2 * GiB });
      await pipeline(
        Readable.from(
          (function* () {
            for (let i = 0; i < (2 * GiB) / zeros.length; i++) yield zeros;
          })(),
        ),
        entry as unknown as NodeJS.WritableStream,
      );
      pack.finalize();
      await written;
    }
    const image = join(dir, 'bomb-image');
    await writeOciLayout(
      [
        {
          layers: [
            base,
            { createdBy: 'RUN bomb', rawBlob: { file: bomb, diffId: `sha256:${'c'.repeat(64)}` } },
          ],
        },
      ],
      image,
    );
    const before = peakRss();
    const inv = await collectImageInventory(image, { now });
    expect(inv.packages.map((p) => p.name)).toEqual(['libc6']);
    expect(inv.warnings).toEqual([expect.objectContaining({ code: 'decompression-bomb' })]);
    expect(peakRss() - before).toBeLessThan(200 * 2 ** 20);
  }, 300_000);

  it('reads a layer of a million tiny files in bounded memory', async () => {
    const blob = join(dir, 'million.tar.gz');
    if (!existsSync(blob)) {
      // Written block by block: one header and one data block per file, 1 GB of tar in all.
      const data = Buffer.alloc(512);
      data.write('x');
      const blocks = function* () {
        for (let i = 0; i < 1_000_000; i++) {
          yield Buffer.concat([tarHeader(`data/${Math.floor(i / 1000)}/f${i}.txt`, 1), data]);
        }
        yield Buffer.alloc(1024);
      };
      await pipeline(Readable.from(blocks()), createGzip({ level: 1 }), createWriteStream(blob));
    }
    const image = join(dir, 'million-image');
    await writeOciLayout(
      [
        {
          layers: [
            base,
            { createdBy: 'RUN touch', rawBlob: { file: blob, diffId: `sha256:${'d'.repeat(64)}` } },
          ],
        },
      ],
      image,
    );
    const before = peakRss();
    const inv = await collectImageInventory(image, { now });
    expect(inv.filesScanned).toBe(1_000_002);
    expect(inv.packages.map((p) => p.name)).toEqual(['libc6']);
    expect(peakRss() - before).toBeLessThan(200 * 2 ** 20);
  }, 600_000);
});
