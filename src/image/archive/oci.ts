import { SecflowError } from '../../core/errors.ts';
import type { BlobStore } from './blob-store.ts';
import { type ImageConfig, type ImagePlan, layerCommands } from './image-plan.ts';
import { blobPath, readJson, requireBlob } from './json-blob.ts';
import { formatPlatform, type Platform, platformMatches } from './platform.ts';

interface Descriptor {
  readonly mediaType?: string;
  readonly digest?: string;
  readonly size?: number;
  readonly platform?: { os?: string; architecture?: string; variant?: string };
  readonly annotations?: Readonly<Record<string, string>>;
}

interface Index {
  readonly manifests?: readonly Descriptor[];
}

interface Manifest {
  readonly mediaType?: string;
  readonly config?: Descriptor;
  readonly layers?: readonly Descriptor[];
  readonly manifests?: readonly Descriptor[];
}

interface Candidate {
  readonly descriptor: Descriptor;
  readonly manifest: Manifest;
  readonly config: ImageConfig;
  readonly platform: Platform | undefined;
  readonly reference?: string;
}

const MAX_INDEX_DEPTH = 4;
const REF_ANNOTATIONS = ['io.containerd.image.name', 'org.opencontainers.image.ref.name'];

/**
 * Plans an OCI image layout (a directory or the store of an OCI archive): index.json, nested
 * indexes, one manifest per platform. Attestation manifests (platform unknown/unknown) are not
 * images and are ignored.
 */
export async function planOciImage(
  store: BlobStore,
  wanted: Platform,
  explicit: boolean,
): Promise<ImagePlan> {
  const index = await readJson<Index>(store, 'index.json', 'image index');
  const candidates: Candidate[] = [];
  await collect(store, index.manifests ?? [], 0, candidates);
  const images = candidates.filter((c) => c.platform?.os !== 'unknown');
  if (images.length === 0) {
    throw new SecflowError('input', `${store.location}: index.json names no image manifest`);
  }
  const chosen =
    images.length === 1 && !explicit
      ? images[0]
      : images.find((c) => c.platform !== undefined && platformMatches(wanted, c.platform));
  if (chosen === undefined) {
    const available = images.map((c) => (c.platform ? formatPlatform(c.platform) : 'unknown'));
    throw new SecflowError(
      'usage',
      `${store.location}: no image for platform ${formatPlatform(wanted)}; it has ${[...new Set(available)].join(', ')}`,
      { hint: `choose one with --platform, e.g. --platform ${available[0]}` },
    );
  }
  const layers = chosen.manifest.layers ?? [];
  const commands = layerCommands(chosen.config, layers.length);
  const notes: string[] = [];
  if ((chosen.config.history ?? []).filter((h) => !h.empty_layer).length !== layers.length) {
    notes.push('config history does not match the layers; Dockerfile steps are not shown');
  }
  const planned = [];
  for (const [i, layer] of layers.entries()) {
    const blob = blobPath(store, layer.digest);
    await requireBlob(store, blob, `layer ${i} (${layer.digest})`);
    const createdBy = commands[i];
    planned.push({
      digest: layer.digest as string,
      blob,
      ...(layer.mediaType ? { mediaType: layer.mediaType } : {}),
      ...(createdBy ? { createdBy } : {}),
    });
  }
  return {
    store,
    layers: planned,
    ...(chosen.descriptor.digest ? { digest: chosen.descriptor.digest } : {}),
    ...(chosen.reference ? { reference: chosen.reference } : {}),
    ...(chosen.platform ? { platform: formatPlatform(chosen.platform) } : {}),
    notes,
  };
}

async function collect(
  store: BlobStore,
  descriptors: readonly Descriptor[],
  depth: number,
  out: Candidate[],
  inheritedRef?: string,
): Promise<void> {
  if (depth > MAX_INDEX_DEPTH) {
    throw new SecflowError('input', `${store.location}: image indexes nested too deeply`);
  }
  for (const d of descriptors) {
    const reference = referenceOf(d) ?? inheritedRef;
    const name = blobPath(store, d.digest);
    const manifest = await readJson<Manifest>(store, name, `manifest ${d.digest}`);
    if (manifest.manifests !== undefined) {
      await collect(store, manifest.manifests, depth + 1, out, reference);
      continue;
    }
    if (manifest.config === undefined) continue;
    const config = await readJson<ImageConfig>(
      store,
      blobPath(store, manifest.config.digest),
      'image config',
    );
    const p = d.platform ?? config;
    const platform =
      p.os && p.architecture
        ? { os: p.os, architecture: p.architecture, ...(p.variant ? { variant: p.variant } : {}) }
        : undefined;
    out.push({ descriptor: d, manifest, config, platform, ...(reference ? { reference } : {}) });
  }
}

function referenceOf(d: Descriptor): string | undefined {
  for (const key of REF_ANNOTATIONS) {
    const value = d.annotations?.[key];
    if (value) return value;
  }
  return undefined;
}
