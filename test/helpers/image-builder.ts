import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';

/**
 * Builds real container images for tests, offline: layers are tar streams of synthetic entries
 * or of a directory on disk (packed with the system tar), compressed with gzip (zlib), zstd
 * (the zstd tool) or not at all, and written as a docker-archive (`docker save` layout), an OCI
 * image layout directory, or an OCI archive, with a config whose history names each step.
 */

/** One synthetic tar entry. `body` streams large contents lazily (never held in memory). */
export interface EntrySpec {
  readonly path: string;
  readonly type?: 'file' | 'dir' | 'symlink' | 'hardlink';
  readonly content?: string | Buffer;
  readonly body?: () => Readable;
  /** Declared size; required with `body`. */
  readonly size?: number;
  readonly mode?: number;
  readonly linkname?: string;
}

export interface LayerSpec {
  readonly createdBy: string;
  readonly entries?: readonly EntrySpec[];
  /** Pack this directory (its contents at the layer root) before `entries`. */
  readonly fromDir?: string;
  readonly compression?: 'gzip' | 'zstd' | 'none';
  /**
   * A ready-made blob (a crafted bomb, a sparse 10 GB tar), used as is. diffId must be given;
   * digest too when hashing the file would take too long (readers here do not verify it).
   */
  readonly rawBlob?: { readonly file: string; readonly diffId: string; readonly digest?: string };
}

export interface ImageSpec {
  readonly layers: readonly LayerSpec[];
  readonly reference?: string;
  readonly platform?: {
    readonly os: string;
    readonly architecture: string;
    readonly variant?: string;
  };
  /** History entries without a layer (ENV, CMD…), inserted before the layer with this index. */
  readonly emptySteps?: readonly { readonly before: number; readonly createdBy: string }[];
}

/** A layer written to disk: the blob as stored and its digests. */
export interface BuiltLayer {
  readonly file: string;
  readonly size: number;
  readonly digest: string;
  readonly diffId: string;
  readonly mediaType: string;
  readonly compression: 'gzip' | 'zstd' | 'none';
}

class Hasher extends Transform {
  readonly hash = createHash('sha256');
  size = 0;
  override _transform(chunk: Buffer, _e: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    done(null, chunk);
  }
}

async function sha256File(file: string): Promise<{ digest: string; size: number }> {
  const h = new Hasher();
  await pipeline(createReadStream(file), h, new PassThrough().resume());
  return { digest: `sha256:${h.hash.digest('hex')}`, size: h.size };
}

/** Adds one synthetic entry to a tar pack. */
async function addEntry(pack: tar.Pack, e: EntrySpec): Promise<void> {
  const type = e.type === 'dir' ? 'directory' : e.type === 'hardlink' ? 'link' : (e.type ?? 'file');
  const header = {
    name: e.path,
    type,
    mode: e.mode ?? (type === 'directory' ? 0o755 : 0o644),
    mtime: new Date(0),
    ...(e.linkname === undefined ? {} : { linkname: e.linkname }),
  } as const;
  if (e.body !== undefined) {
    const sink = pack.entry({ ...header, size: e.size ?? 0 });
    await pipeline(e.body(), sink as unknown as NodeJS.WritableStream);
  } else if (type === 'file') {
    await new Promise<void>((resolve, reject) =>
      pack.entry(header, e.content ?? '', (err) => (err ? reject(err) : resolve())),
    );
  } else {
    await new Promise<void>((resolve, reject) =>
      pack.entry(header, (err) => (err ? reject(err) : resolve())),
    );
  }
}

/** Re-packs the system tar's archive of a directory, entry by entry, into `pack`. */
async function addDir(pack: tar.Pack, dir: string): Promise<void> {
  const child = spawn('tar', ['-C', dir, '--numeric-owner', '--sort=name', '-cf', '-', '.'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const extract = tar.extract();
  const copying = pipeline(child.stdout, extract as unknown as NodeJS.WritableStream);
  for await (const entry of extract) {
    const sink = pack.entry(entry.header);
    await pipeline(entry as unknown as Readable, sink as unknown as NodeJS.WritableStream);
  }
  await copying;
}

/** The layer's tar stream: the directory first, then the synthetic entries, in order. */
function layerTar(spec: LayerSpec): Readable {
  const pack = tar.pack();
  (async () => {
    if (spec.fromDir) await addDir(pack, spec.fromDir);
    for (const e of spec.entries ?? []) await addEntry(pack, e);
    pack.finalize();
  })().catch((e: unknown) => pack.destroy(e as Error));
  return pack as unknown as Readable;
}

/** Writes one layer blob into `dir`. */
export async function buildLayer(spec: LayerSpec, dir: string, name: string): Promise<BuiltLayer> {
  const compression = spec.compression ?? 'gzip';
  const mediaType =
    compression === 'gzip'
      ? 'application/vnd.oci.image.layer.v1.tar+gzip'
      : compression === 'zstd'
        ? 'application/vnd.oci.image.layer.v1.tar+zstd'
        : 'application/vnd.oci.image.layer.v1.tar';
  if (spec.rawBlob) {
    const { digest, size } = await sha256File(spec.rawBlob.file);
    return {
      file: spec.rawBlob.file,
      size,
      digest,
      diffId: spec.rawBlob.diffId,
      mediaType,
      compression,
    };
  }
  const tarFile = join(dir, `${name}.tar`);
  const diff = new Hasher();
  await pipeline(layerTar(spec), diff, createWriteStream(tarFile));
  const diffId = `sha256:${diff.hash.digest('hex')}`;
  let file = tarFile;
  if (compression === 'gzip') {
    file = `${tarFile}.gz`;
    await pipeline(createReadStream(tarFile), createGzip({ level: 6 }), createWriteStream(file));
  } else if (compression === 'zstd') {
    file = `${tarFile}.zst`;
    execFileSync('zstd', ['-q', '-f', '-3', tarFile, '-o', file]);
  }
  if (file !== tarFile) await rm(tarFile);
  const { digest, size } = await sha256File(file);
  return { file, size, digest, diffId, mediaType, compression };
}

function configOf(spec: ImageSpec, layers: readonly BuiltLayer[]): Buffer {
  const history: { created_by: string; empty_layer?: boolean }[] = [];
  spec.layers.forEach((layer, i) => {
    for (const step of spec.emptySteps ?? []) {
      if (step.before === i) history.push({ created_by: step.createdBy, empty_layer: true });
    }
    history.push({ created_by: layer.createdBy });
  });
  const platform = spec.platform ?? { os: 'linux', architecture: 'amd64' };
  return Buffer.from(
    JSON.stringify({
      architecture: platform.architecture,
      os: platform.os,
      ...(platform.variant ? { variant: platform.variant } : {}),
      config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] },
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
      history,
    }),
  );
}

const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

async function addBlob(blobs: string, content: Buffer): Promise<{ digest: string; size: number }> {
  const digest = sha(content);
  await writeFile(join(blobs, digest.slice(7)), content);
  return { digest, size: content.length };
}

/** Writes an OCI image layout directory holding one or more images (one per platform). */
export async function writeOciLayout(
  images: readonly ImageSpec[],
  out: string,
  options: { attestation?: boolean; nestedIndex?: boolean } = {},
): Promise<void> {
  await rm(out, { recursive: true, force: true });
  const blobs = join(out, 'blobs', 'sha256');
  await mkdir(blobs, { recursive: true });
  await writeFile(join(out, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  const descriptors: object[] = [];
  for (const [i, spec] of images.entries()) {
    const work = await mkdtemp(join(tmpdir(), 'secflow-image-builder-'));
    try {
      const layers = [];
      for (const [j, layer] of spec.layers.entries())
        layers.push(await buildLayer(layer, work, `l${j}`));
      const layerDescriptors = [];
      for (const layer of layers) {
        // cp keeps holes: a sparse 10 GB test blob must not become 10 GB on disk.
        execFileSync('cp', ['--sparse=always', layer.file, join(blobs, layer.digest.slice(7))]);
        layerDescriptors.push({
          mediaType: layer.mediaType,
          digest: layer.digest,
          size: layer.size,
        });
      }
      const config = await addBlob(blobs, configOf(spec, layers));
      const manifest = await addBlob(
        blobs,
        Buffer.from(
          JSON.stringify({
            schemaVersion: 2,
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
            layers: layerDescriptors,
          }),
        ),
      );
      const platform = spec.platform ?? { os: 'linux', architecture: 'amd64' };
      descriptors.push({
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        ...manifest,
        platform,
        ...(spec.reference && i === 0
          ? { annotations: { 'org.opencontainers.image.ref.name': spec.reference } }
          : {}),
      });
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
  if (options.attestation) {
    const empty = await addBlob(blobs, Buffer.from('{}'));
    const att = await addBlob(
      blobs,
      Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          config: { mediaType: 'application/vnd.in-toto+json', ...empty },
          layers: [],
        }),
      ),
    );
    descriptors.push({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      ...att,
      platform: { os: 'unknown', architecture: 'unknown' },
      annotations: { 'vnd.docker.reference.type': 'attestation-manifest' },
    });
  }
  let top = descriptors;
  if (options.nestedIndex) {
    const nested = await addBlob(
      blobs,
      Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.index.v1+json',
          manifests: descriptors,
        }),
      ),
    );
    top = [{ mediaType: 'application/vnd.oci.image.index.v1+json', ...nested }];
  }
  await writeFile(
    join(out, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: top,
    }),
  );
}

/** Writes an OCI archive: the OCI layout of `images`, as one tar file. */
export async function writeOciArchive(images: readonly ImageSpec[], out: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'secflow-oci-archive-'));
  try {
    await writeOciLayout(images, dir);
    execFileSync('tar', ['-C', dir, '-cf', out, 'oci-layout', 'index.json', 'blobs']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Writes a `docker save` archive: manifest.json, <config>.json, <id>/layer.tar (uncompressed). */
export async function writeDockerArchive(spec: ImageSpec, out: string): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'secflow-docker-archive-'));
  try {
    const layers = [];
    for (const [j, layer] of spec.layers.entries()) {
      layers.push(
        await buildLayer(
          { ...layer, compression: layer.rawBlob ? (layer.compression ?? 'none') : 'none' },
          work,
          `l${j}`,
        ),
      );
    }
    const config = configOf(spec, layers);
    const configName = `${sha(config).slice(7)}.json`;
    const layerNames = layers.map((l) => `${l.diffId.slice(7, 71)}/layer.tar`);
    const manifest = [
      {
        Config: configName,
        RepoTags: spec.reference ? [spec.reference] : null,
        Layers: layerNames,
      },
    ];
    const files: [string, string | Buffer][] = [
      ['manifest.json', JSON.stringify(manifest)],
      [configName, config],
    ];
    const pack = tar.pack();
    const done = pipeline(pack as unknown as Readable, createWriteStream(out));
    const add = (name: string, content: string | Buffer) =>
      new Promise<void>((resolve, reject) =>
        pack.entry({ name }, content, (e) => (e ? reject(e) : resolve())),
      );
    for (const [name, content] of files) await add(name, content);
    const seen = new Set<string>();
    for (const [i, layer] of layers.entries()) {
      const name = layerNames[i] as string;
      if (seen.has(name)) continue; // docker stores a repeated layer once
      seen.add(name);
      await add(`${name.slice(0, 64)}/VERSION`, '1.0');
      const sink = pack.entry({ name, size: layer.size });
      await pipeline(createReadStream(layer.file), sink as unknown as NodeJS.WritableStream);
    }
    pack.finalize();
    await done;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Where image-building tests keep their outputs between runs (git-ignored). */
export const workDir = join(import.meta.dirname, '..', '.work', 'image');

/**
 * A Debian 11 (bullseye) minbase root filesystem made by debootstrap from Debian's mirror,
 * cached under test/.work/image and reused. Needs root, debootstrap and the network to
 * deb.debian.org the first time (about 80 s).
 */
export async function debianBullseyeRootfs(): Promise<string> {
  const root = join(workDir, 'debian-bullseye-minbase');
  if (existsSync(join(root, '.secflow-complete'))) return root;
  const partial = `${root}.tmp`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  execFileSync(
    'debootstrap',
    ['--variant=minbase', 'bullseye', partial, 'http://deb.debian.org/debian'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  await rm(root, { recursive: true, force: true });
  await rename(partial, root);
  await writeFile(join(root, '.secflow-complete'), new Date().toISOString());
  return root;
}

/** `dpkg-query -W` over a root filesystem's database: "name version source source-version". */
export function dpkgQuery(root: string): string[] {
  return execFileSync(
    'dpkg-query',
    [
      `--admindir=${join(root, 'var/lib/dpkg')}`,
      '-W',
      '-f',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own field syntax
      '${Package} ${Version} ${source:Package} ${source:Version}\\n',
    ],
    { encoding: 'utf8' },
  )
    .trim()
    .split('\n')
    .sort();
}

export async function fileExists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export { readFile };
