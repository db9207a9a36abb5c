import { SecflowError } from '../../core/errors.ts';
import type { BlobStore } from './blob-store.ts';
import { type ImageConfig, type ImagePlan, layerCommands } from './image-plan.ts';
import { readJson, requireBlob } from './json-blob.ts';
import { formatPlatform, type Platform, platformMatches } from './platform.ts';

interface DockerManifestEntry {
  readonly Config?: string;
  readonly RepoTags?: readonly string[] | null;
  readonly Layers?: readonly string[];
}

/**
 * Plans a `docker save` archive: manifest.json lists, per image, its config file and layer tars
 * in order; the config's rootfs.diff_ids are the layers' digests. With several images in one
 * archive the first is scanned and the others are named in a note.
 */
export async function planDockerArchive(
  store: BlobStore,
  wanted: Platform,
  explicit: boolean,
): Promise<ImagePlan> {
  const manifest = await readJson<DockerManifestEntry[]>(store, 'manifest.json', 'manifest');
  if (!Array.isArray(manifest) || manifest.length === 0) {
    throw new SecflowError('input', `${store.location}: manifest.json lists no image`);
  }
  const [entry, ...others] = manifest;
  if (entry?.Config === undefined || !Array.isArray(entry.Layers)) {
    throw new SecflowError('input', `${store.location}: manifest.json has no Config or Layers`);
  }
  const config = await readJson<ImageConfig>(store, entry.Config, 'image config');
  const platform =
    config.os && config.architecture
      ? {
          os: config.os,
          architecture: config.architecture,
          ...(config.variant ? { variant: config.variant } : {}),
        }
      : undefined;
  if (explicit && platform !== undefined && !platformMatches(wanted, platform)) {
    throw new SecflowError(
      'usage',
      `${store.location}: the image is for ${formatPlatform(platform)}, not ${formatPlatform(wanted)}`,
      { hint: `scan it with --platform ${formatPlatform(platform)} or without --platform` },
    );
  }
  const diffIds = config.rootfs?.diff_ids ?? [];
  const commands = layerCommands(config, entry.Layers.length);
  const notes: string[] = [];
  if (diffIds.length !== entry.Layers.length) {
    notes.push(`config lists ${diffIds.length} layer digests for ${entry.Layers.length} layers`);
  }
  if ((config.history ?? []).filter((h) => !h.empty_layer).length !== entry.Layers.length) {
    notes.push('config history does not match the layers; Dockerfile steps are not shown');
  }
  if (others.length > 0) {
    const tags = others.flatMap((o) => o.RepoTags ?? []).join(', ') || `${others.length} more`;
    notes.push(`the archive holds more images (${tags}); only the first was scanned`);
  }
  const layers = [];
  for (const [i, blob] of entry.Layers.entries()) {
    const digest = diffIds[i] ?? `unknown:${blob}`;
    await requireBlob(store, blob, `layer ${i} (${digest})`);
    const createdBy = commands[i];
    layers.push({ digest, blob, ...(createdBy ? { createdBy } : {}) });
  }
  const reference = entry.RepoTags?.[0];
  // The image ID docker shows is the digest of the config file.
  const configDigest = /^(?:blobs\/sha256\/|)([a-f0-9]{64})(?:\.json)?$/.exec(entry.Config)?.[1];
  return {
    store,
    layers,
    ...(configDigest ? { digest: `sha256:${configDigest}` } : {}),
    ...(reference ? { reference } : {}),
    ...(platform ? { platform: formatPlatform(platform) } : {}),
    notes,
  };
}
