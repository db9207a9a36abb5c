import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { tarHeader } from '../test/helpers/image/tar-header.ts';
import {
  debianBullseyeRootfs,
  type EntrySpec,
  type LayerSpec,
  writeOciLayout,
} from '../test/helpers/image-builder.ts';

/**
 * Container image inventory: secflow's image reader against the floor of simply decompressing
 * and listing every layer (`gzip -dc layer | tar -t`), on generated OCI images of two sizes
 * (debootstrap Debian 11 + incompressible and compressible files) and on a layer of a million
 * tiny files. Each secflow run is a separate process; its peak RSS is its own maxRSS.
 */
const work = join(import.meta.dirname, '.work', 'image');
const MiB = 2 ** 20;

if (process.argv[2] === '--child') {
  const { collectImageInventory } = await import('../src/image/index.ts');
  const started = performance.now();
  const inv = await collectImageInventory(process.argv[3] as string, {
    now: new Date('2025-01-01'),
  });
  process.stdout.write(
    JSON.stringify({
      ms: performance.now() - started,
      maxRss: process.resourceUsage().maxRSS * 1024,
      packages: inv.packages.length,
      files: inv.filesScanned,
      warnings: inv.warnings.length,
    }),
  );
  process.exit(0);
}

const log = (m: string) => process.stderr.write(`${m}\n`);

function* chunks(total: number, make: (size: number) => Buffer): Generator<Buffer> {
  for (let done = 0; done < total; done += MiB) yield make(Math.min(MiB, total - done));
}

/** `count` files of `size` bytes, random (incompressible) or log-like text (compressible). */
function files(prefix: string, count: number, size: number, kind: 'random' | 'text'): EntrySpec[] {
  const line = (i: number) =>
    `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z INFO request id=${i} path=/api/v1/items status=200 took=${i % 97}ms\n`;
  const text = (n: number) => {
    const parts: string[] = [];
    let len = 0;
    for (let i = 0; len < n; i++) {
      const l = line(i * 7919 + n);
      parts.push(l);
      len += l.length;
    }
    return Buffer.from(parts.join('')).subarray(0, n);
  };
  return Array.from({ length: count }, (_, i) => ({
    path: `${prefix}/file-${i}.${kind === 'random' ? 'bin' : 'log'}`,
    size,
    body: () => Readable.from(chunks(size, kind === 'random' ? randomBytes : text)),
  }));
}

async function image(name: string, layers: LayerSpec[]): Promise<string> {
  const dir = join(work, name);
  if (!existsSync(join(dir, 'index.json'))) {
    log(`generating ${name}…`);
    await writeOciLayout([{ layers }], dir);
  }
  return dir;
}

function layerBlobs(dir: string): string[] {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
  const manifest = JSON.parse(
    readFileSync(join(dir, 'blobs/sha256', index.manifests[0].digest.slice(7)), 'utf8'),
  );
  return manifest.layers.map((l: { digest: string }) =>
    join(dir, 'blobs/sha256', l.digest.slice(7)),
  );
}

/** The floor: decompress and list every layer with the system tools. */
function floor(dir: string): number {
  const started = performance.now();
  for (const blob of layerBlobs(dir)) {
    execFileSync('sh', ['-c', `gzip -dc "${blob}" | tar -t > /dev/null`]);
  }
  return performance.now() - started;
}

interface Run {
  ms: number;
  maxRss: number;
  packages: number;
  files: number;
}

function secflow(dir: string): Run {
  const out = spawnSync(
    process.execPath,
    ['--import', 'tsx', import.meta.filename, '--child', dir],
    {
      encoding: 'utf8',
      maxBuffer: 16 * MiB,
    },
  );
  if (out.status !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout) as Run;
}

function best<T extends { ms: number }>(runs: T[]): T {
  return runs.reduce((a, b) => (b.ms < a.ms ? b : a));
}

mkdirSync(work, { recursive: true });
const rootfs = await debianBullseyeRootfs();
const base: LayerSpec = { createdBy: 'ADD bullseye-minbase', fromDir: rootfs };
const small = await image('small-v1', [
  base,
  { createdBy: 'RUN make-data', entries: files('data/random', 64, MiB, 'random') },
  { createdBy: 'RUN make-logs', entries: files('data/logs', 64, MiB, 'text') },
]);
const large = await image('large-v1', [
  base,
  { createdBy: 'RUN make-data', entries: files('data/random', 400, MiB, 'random') },
  { createdBy: 'RUN make-logs', entries: files('data/logs', 400, MiB, 'text') },
]);
const millionBlob = join(work, 'million.tar.gz');
if (!existsSync(millionBlob)) {
  log('generating a layer of a million files…');
  const data = Buffer.alloc(512);
  data.write('x');
  const blocks = function* () {
    for (let i = 0; i < 1_000_000; i++) {
      yield Buffer.concat([tarHeader(`d/${Math.floor(i / 1000)}/f${i}`, 1), data]);
    }
    yield Buffer.alloc(1024);
  };
  await pipeline(Readable.from(blocks()), createGzip({ level: 6 }), createWriteStream(millionBlob));
}
const million = await image('million-v1', [
  {
    createdBy: 'RUN touch',
    rawBlob: { file: millionBlob, diffId: `sha256:${'0'.repeat(64)}` },
  },
]);

const uncompressed = (dir: string) =>
  layerBlobs(dir).reduce(
    (sum, blob) =>
      sum +
      Number(execFileSync('sh', ['-c', `gzip -dc "${blob}" | wc -c`], { encoding: 'utf8' }).trim()),
    0,
  );
const compressed = (dir: string) =>
  layerBlobs(dir).reduce((sum, blob) => sum + statSync(blob).size, 0);
const baseline = (() => {
  const out = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      'process.stdout.write(String(process.resourceUsage().maxRSS * 1024))',
    ],
    { encoding: 'utf8' },
  );
  return Number(out.stdout);
})();

const rows: string[] = [];
const mb = (n: number) => `${(n / MiB).toFixed(0)} MB`;
for (const [label, dir] of [
  ['Debian 11 + 128 MB data', small],
  ['Debian 11 + 800 MB data', large],
  ['1,000,000 files of 1 byte', million],
] as const) {
  log(`measuring ${label}…`);
  const floors = [floor(dir), floor(dir), floor(dir)];
  const runs = [secflow(dir), secflow(dir), secflow(dir)];
  const run = best(runs);
  const f = Math.min(...floors);
  rows.push(
    `| ${label} | ${mb(compressed(dir))} / ${mb(uncompressed(dir))} | ${run.files.toLocaleString('en')} | ${(f / 1000).toFixed(2)} s | ${(run.ms / 1000).toFixed(2)} s | ${(run.ms / f).toFixed(2)}× | ${mb(Math.max(...runs.map((r) => r.maxRss)))} | ${run.packages} |`,
  );
}

writeFileSync(join(work, 'last-run.txt'), rows.join('\n'));
process.stdout.write(`## Container image inventory

Reading an OCI image (gzip layers) into an inventory — every layer streamed, whiteouts applied,
package databases and package files parsed — compared with the floor of decompressing and
listing the same layers with \`gzip -dc layer | tar -t\`. Inputs are generated into
bench/.work/image: a debootstrapped Debian 11 minbase layer plus a layer of random
(incompressible) files and a layer of log-like (compressible) files, at two sizes, and one layer
of a million one-byte files. Best of three runs each; each secflow run is its own process (tsx
loader included) and "peak RSS" is that process's maxRSS (a bare \`node --import tsx\` process
peaks at ${mb(baseline)}). Targets: within 1.5× of the floor; peak RSS under 300 MB whatever the image
size; a million files in under 60 s.

| Image | Compressed / uncompressed | Files | \`gzip -dc \\| tar -t\` | secflow | Ratio | Peak RSS | Packages |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}
`);
