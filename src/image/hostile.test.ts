import {
  createWriteStream,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type LayerSpec,
  writeDockerArchive,
  writeOciLayout,
} from '../../test/helpers/image-builder.ts';
import { collectImageInventory } from './index.ts';

const work = mkdtempSync(join(tmpdir(), 'secflow-hostile-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const now = new Date('2025-01-01');

const base: LayerSpec = {
  createdBy: 'ADD base',
  entries: [
    { path: 'etc/os-release', content: 'ID=debian\nVERSION_ID=11\n' },
    {
      path: 'var/lib/dpkg/status',
      content: 'Package: libc6\nStatus: install ok installed\nSource: glibc\nVersion: 2.31-13\n',
    },
  ],
};

async function oci(name: string, ...layers: LayerSpec[]): Promise<string> {
  const path = join(work, name);
  await writeOciLayout([{ layers }], path);
  return path;
}

/** Our own secflow-image-* temp folders: none may be left behind. */
const tempLeftovers = () => readdirSync(tmpdir()).filter((f) => f.startsWith('secflow-image-'));

describe('hostile images', () => {
  it('ignores entries that climb out of the root and writes nothing', async () => {
    const before = tempLeftovers();
    const path = await oci('escape', base, {
      createdBy: 'RUN evil',
      entries: [
        { path: '../../etc/passwd', content: 'root::0:0::/:/bin/sh\n' },
        { path: 'a/../../../tmp/x', content: 'x' },
        { path: '/etc/shadow', content: 'inside the image root after all' },
        { path: 'usr/lib/hack', type: 'hardlink', linkname: '../../../../etc/passwd' },
      ],
    });
    const inv = await collectImageInventory(path, { now });
    expect(inv.packages.map((p) => p.name)).toEqual(['libc6']);
    expect(inv.warnings.map((w) => [w.code, w.path])).toEqual([
      ['unsafe-path', '../../etc/passwd'],
      ['unsafe-path', 'a/../../../tmp/x'],
      ['unsafe-path', 'usr/lib/hack'],
    ]);
    expect(tempLeftovers()).toEqual(before);
  });

  it('resolves absolute symlinks inside the image, never on the host', async () => {
    const path = await oci('symlinks', {
      createdBy: 'ADD base',
      entries: [
        { path: 'etc/os-release', type: 'symlink', linkname: '/../../../../usr/lib/os-release' },
        { path: 'usr/lib/os-release', content: 'ID=alpine\nVERSION_ID=3.18.4\n' },
        { path: 'etc/debian_version', type: 'symlink', linkname: '/etc/debian_version' },
      ],
    });
    const inv = await collectImageInventory(path, { now });
    expect(inv.target.os).toMatchObject({ id: 'alpine', release: '3.18.4' });
  });

  it('survives symlink loops', async () => {
    const path = await oci('loops', {
      createdBy: 'ADD base',
      entries: [
        { path: 'etc/os-release', type: 'symlink', linkname: 'a' },
        { path: 'etc/a', type: 'symlink', linkname: '/etc/b' },
        { path: 'etc/b', type: 'symlink', linkname: 'os-release' },
        { path: 'usr/lib/os-release', type: 'symlink', linkname: '../../usr/lib/os-release' },
      ],
    });
    const inv = await collectImageInventory(path, { now });
    expect(inv.target.os).toBeUndefined();
    expect(inv.packages).toEqual([]);
  });

  it('warns about hard links to missing files', async () => {
    const path = await oci('hardlinks', base, {
      createdBy: 'RUN ln',
      entries: [
        {
          path: 'app/node_modules/x/package.json',
          type: 'hardlink',
          linkname: 'nowhere/package.json',
        },
        { path: 'var/lib/dpkg/status.d/fake', type: 'hardlink', linkname: 'var/lib/dpkg/status' },
      ],
    });
    const inv = await collectImageInventory(path, { now });
    expect(inv.warnings).toEqual([
      expect.objectContaining({
        code: 'hardlink-unresolved',
        path: 'app/node_modules/x/package.json',
      }),
    ]);
    // The valid hard link reads its target's content.
    expect(inv.packages.map((p) => p.locations[0]?.path).sort()).toEqual([
      'var/lib/dpkg/status',
      'var/lib/dpkg/status.d/fake',
    ]);
  });

  it('fails clearly when the manifest names a missing blob', async () => {
    const path = await oci('missing-blob', base);
    const blobs = join(path, 'blobs/sha256');
    const index = JSON.parse(readFileSync(join(path, 'index.json'), 'utf8'));
    const manifest = JSON.parse(
      readFileSync(join(blobs, index.manifests[0].digest.slice(7)), 'utf8'),
    );
    rmSync(join(blobs, manifest.layers[0].digest.slice(7)));
    await expect(collectImageInventory(path, { now })).rejects.toMatchObject({
      code: 'input',
      message: expect.stringMatching(/layer 0 \(sha256:[0-9a-f]+\) is missing/),
    });
  });

  it('fails clearly on a corrupt layer and on a truncated archive', async () => {
    const garbage = join(work, 'garbage.bin');
    writeFileSync(
      garbage,
      Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.alloc(4096, 0x5a)]),
    );
    const corrupt = await oci('corrupt', base, {
      createdBy: 'RUN x',
      rawBlob: { file: garbage, diffId: `sha256:${'0'.repeat(64)}` },
      compression: 'gzip',
    });
    await expect(collectImageInventory(corrupt, { now })).rejects.toMatchObject({
      code: 'input',
      message: expect.stringContaining('layer 1'),
    });
    const docker = join(work, 'truncated.tar');
    await writeDockerArchive({ layers: [base] }, docker);
    await truncate(docker, 3000);
    await expect(collectImageInventory(docker, { now })).rejects.toMatchObject({ code: 'input' });
  });

  it('fails clearly on a tar entry whose data stops short', async () => {
    const file = join(work, 'short.tar');
    const pack = tar.pack();
    const written = pipeline(pack as unknown as Readable, createWriteStream(file));
    pack.entry({ name: 'var/lib/dpkg/status' }, Buffer.alloc(1_000_000, 0x41));
    pack.finalize();
    await written;
    await truncate(file, 4096); // the header still claims a million bytes
    const short = await oci('short', base, {
      createdBy: 'RUN x',
      rawBlob: { file, diffId: `sha256:${'1'.repeat(64)}` },
      compression: 'none',
    });
    await expect(collectImageInventory(short, { now })).rejects.toMatchObject({
      code: 'input',
      message: expect.stringContaining('is corrupt'),
    });
  });

  it('stops reading a decompression bomb and keeps the other layers', async () => {
    // 256 MiB of zeros in one entry gzips to about 250 KiB.
    const bomb = join(work, 'bomb.tar.gz');
    const pack = tar.pack();
    const written = pipeline(
      pack as unknown as Readable,
      createGzip({ level: 9 }),
      createWriteStream(bomb),
    );
    const zeros = Buffer.alloc(1024 * 1024);
    const entry = pack.entry({ name: 'zeros', size: 256 * zeros.length });
    await pipeline(
      Readable.from(
        (function* () {
          for (let i = 0; i < 256; i++) yield zeros;
        })(),
      ),
      entry as unknown as NodeJS.WritableStream,
    );
    pack.finalize();
    await written;
    const path = await oci('bomb', base, {
      createdBy: 'RUN bomb',
      rawBlob: { file: bomb, diffId: `sha256:${'2'.repeat(64)}` },
      compression: 'gzip',
    });
    const inv = await collectImageInventory(path, {
      now,
      limits: { maxRatio: 100, ratioFloorBytes: 32 * 1024 * 1024 },
    });
    expect(inv.packages.map((p) => p.name)).toEqual(['libc6']);
    expect(inv.warnings).toEqual([
      expect.objectContaining({
        code: 'decompression-bomb',
        message: expect.stringMatching(/^layer 1 \(sha256:[0-9a-f]+\) expands \d+×/),
      }),
    ]);
  });

  it('skips a package database larger than the cap without reading it into memory', async () => {
    const size = 80 * 1024 * 1024;
    const path = await oci('big-db', base, {
      createdBy: 'RUN grow',
      compression: 'none',
      entries: [
        {
          path: 'var/lib/dpkg/status',
          size,
          body: () =>
            Readable.from(
              (function* () {
                const chunk = Buffer.alloc(1024 * 1024, 0x41);
                for (let i = 0; i < size / chunk.length; i++) yield chunk;
              })(),
            ),
        },
      ],
    });
    const inv = await collectImageInventory(path, { now });
    expect(inv.warnings).toEqual([
      expect.objectContaining({ code: 'too-large', path: 'var/lib/dpkg/status' }),
    ]);
    // The oversized file replaced the base layer's database, so no dpkg packages remain.
    expect(inv.packages).toEqual([]);
  });
});
