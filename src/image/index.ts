import { stat } from 'node:fs/promises';
import type { Progress } from '../cli/progress.ts';
import { silentProgress } from '../cli/progress.ts';
import { SecflowError } from '../core/errors.ts';
import type { LayerRef } from '../core/package.ts';
import type { ScanWarning } from '../core/report.ts';
import { allExtractors } from '../ecosystems/registry.ts';
import { installedExtractors } from '../installed/index.ts';
import type { Inventory } from '../scanners/inventory.ts';
import { type BlobStore, directoryStore, tarStore } from './archive/blob-store.ts';
import { detectImageKind, type ImageKind } from './archive/detect.ts';
import { planDockerArchive } from './archive/docker-archive.ts';
import type { ImagePlan } from './archive/image-plan.ts';
import { planOciImage } from './archive/oci.ts';
import { hostPlatform, parsePlatform } from './archive/platform.ts';
import { Collector } from './capture/collector.ts';
import { captureRules } from './capture/rules.ts';
import { TempSpace } from './capture/temp-space.ts';
import { assembleInventory } from './inventory.ts';
import {
  ExpansionLimitError,
  type ExpansionLimits,
  formatBytes,
  sniffCompression,
} from './layers/decompress.ts';
import { readLayer } from './layers/layer-reader.ts';
import { walkRootfs } from './rootfs-walker.ts';

export { detectImageKind, type ImageKind } from './archive/detect.ts';

/** Options of both collectors. */
export interface CollectOptions {
  readonly progress?: Progress;
  readonly signal?: AbortSignal;
  /** "Today" for end-of-life checks; the real clock when absent. */
  readonly now?: Date;
}

export interface ImageOptions extends CollectOptions {
  /** os/arch[/variant] to pick from a multi-platform index; the host's platform by default. */
  readonly platform?: string;
  /** Decompression-bomb limits, per layer. */
  readonly limits?: Partial<ExpansionLimits>;
}

export const DEFAULT_LIMITS: ExpansionLimits = {
  maxLayerBytes: 64 * 2 ** 30,
  // gzip tops out near 1032:1; real layers compress 2–10×. Checked past 1 GiB only, so a small
  // layer holding one sparse file (lastlog) still passes.
  maxRatio: 500,
  ratioFloorBytes: 2 ** 30,
};

async function openStore(path: string, kind: ImageKind): Promise<BlobStore> {
  if (kind === 'oci-layout') return directoryStore(path);
  try {
    return await tarStore(path);
  } catch (cause) {
    throw new SecflowError(
      'input',
      `${path}: not a readable image archive: ${(cause as Error).message}`,
      { cause },
    );
  }
}

/**
 * The inventory of a container image: a `docker save` tar, an OCI image layout directory or
 * an OCI archive. Layers are streamed one after the other (gzip, zstd or plain tar) and never
 * unpacked; only package databases and package metadata files are kept.
 */
export async function collectImageInventory(
  path: string,
  options: ImageOptions = {},
): Promise<Inventory> {
  const kind = await detectImageKind(path);
  if (kind === undefined) {
    throw new SecflowError('input', `${path}: not a container image`, {
      hint: 'expected a docker save tar, an OCI image layout directory or an OCI archive',
    });
  }
  const store = await openStore(path, kind);
  const temp = new TempSpace();
  try {
    const explicit = options.platform !== undefined;
    const wanted = explicit ? parsePlatform(options.platform as string) : hostPlatform();
    const plan =
      kind === 'docker-archive'
        ? await planDockerArchive(store, wanted, explicit)
        : await planOciImage(store, wanted, explicit);
    const collector = new Collector(captureRules(allExtractors(), installedExtractors), temp, {
      whiteouts: true,
    });
    const warnings: ScanWarning[] = plan.notes.map((message) => ({
      path,
      code: 'image-metadata',
      message,
    }));
    await readLayers(plan, collector, warnings, options);
    const layers: LayerRef[] = plan.layers.map((l, index) => ({
      index,
      digest: l.digest,
      ...(l.createdBy === undefined ? {} : { createdBy: l.createdBy }),
    }));
    return await assembleInventory(collector, {
      target: {
        path,
        kind: 'image',
        image: {
          ...(plan.digest ? { digest: plan.digest } : {}),
          ...(plan.reference ? { reference: plan.reference } : {}),
          ...(plan.platform ? { platform: plan.platform } : {}),
        },
      },
      layers,
      now: options.now ?? new Date(),
      warnings,
    });
  } finally {
    await temp.dispose();
    await store.close();
  }
}

async function readLayers(
  plan: ImagePlan,
  collector: Collector,
  warnings: ScanWarning[],
  options: ImageOptions,
): Promise<void> {
  const progress = options.progress ?? silentProgress;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const sizes = await Promise.all(plan.layers.map((l) => plan.store.size(l.blob)));
  const total = sizes.reduce<number>((a, b) => a + (b ?? 0), 0);
  let done = 0;
  progress.start(`Reading ${plan.layers.length} layers`, total);
  for (const [index, layer] of plan.layers.entries()) {
    options.signal?.throwIfAborted();
    const label = `layer ${index} (${layer.digest})`;
    const compression = sniffCompression(await plan.store.head(layer.blob, 4));
    try {
      await readLayer(plan.store.open(layer.blob), (entry) => collector.add(entry, index), {
        compression,
        limits,
        ...(options.signal ? { signal: options.signal } : {}),
        onBytes: (n) => {
          done += n;
          progress.update(done);
        },
        onProblem: (p) =>
          warnings.push({ path: p.path, code: p.code, message: `${label}: ${p.message}` }),
      });
    } catch (e) {
      if (options.signal?.aborted) throw options.signal.reason ?? e;
      if (e instanceof SecflowError) throw e;
      if (e instanceof ExpansionLimitError) {
        warnings.push({
          path: plan.store.location,
          code: 'decompression-bomb',
          message: `${label} ${e.message}; the rest of this layer was not read`,
        });
        continue;
      }
      throw new SecflowError(
        'input',
        `${plan.store.location}: ${label} is corrupt: ${(e as Error).message}`,
        {
          cause: e,
          hint: 'the image file is damaged or truncated; export it again',
        },
      );
    }
  }
  progress.done(
    `Read ${plan.layers.length} layers (${formatBytes(total)}), ${collector.filesScanned} files`,
  );
}

/**
 * The inventory of an unpacked root filesystem (a chroot, a mounted disk, an extracted image).
 * The walk stays inside `dir`: symlinks are resolved against `dir` as root, never followed on
 * the host.
 */
export async function collectRootfsInventory(
  dir: string,
  options: CollectOptions = {},
): Promise<Inventory> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new SecflowError('input', `${dir}: not a directory`, {
      hint: 'point --rootfs at an unpacked root filesystem',
    });
  }
  const temp = new TempSpace();
  const progress = options.progress ?? silentProgress;
  try {
    const collector = new Collector(captureRules(allExtractors(), installedExtractors), temp, {
      whiteouts: false,
    });
    progress.start('Reading root filesystem');
    let count = 0;
    const onProblem = (p: { path: string; code: string; message: string }) =>
      collector.warn(p.path, p.code, p.message);
    for await (const entry of walkRootfs(dir, onProblem, options.signal)) {
      await collector.add(entry, 0);
      if (++count % 1024 === 0) progress.update(count);
    }
    progress.done(`Read ${count} entries`);
    return await assembleInventory(collector, {
      target: { path: dir, kind: 'rootfs' },
      now: options.now ?? new Date(),
      warnings: [],
    });
  } finally {
    await temp.dispose();
  }
}
