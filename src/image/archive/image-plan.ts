import type { BlobStore } from './blob-store.ts';

/** One layer to read, in order from the base. */
export interface PlannedLayer {
  /** Digest of the blob as stored (the diff_id for docker-archive's uncompressed layers). */
  readonly digest: string;
  /** Store name of the blob. */
  readonly blob: string;
  readonly mediaType?: string;
  /** The Dockerfile instruction that created it, from the config history. */
  readonly createdBy?: string;
}

/** Everything needed to read one image out of an archive or layout. */
export interface ImagePlan {
  readonly store: BlobStore;
  readonly layers: readonly PlannedLayer[];
  readonly digest?: string;
  readonly reference?: string;
  readonly platform?: string;
  /** Problems with the metadata that do not stop the scan. */
  readonly notes: readonly string[];
}

/** The fields of an image config (OCI or Docker) that secflow reads. */
export interface ImageConfig {
  readonly os?: string;
  readonly architecture?: string;
  readonly variant?: string;
  readonly history?: readonly { readonly created_by?: string; readonly empty_layer?: boolean }[];
  readonly rootfs?: { readonly diff_ids?: readonly string[] };
}

/**
 * The created_by of each layer: history entries with empty_layer (ENV, LABEL, CMD…) made no
 * layer, so the remaining entries pair up with the layers in order.
 */
export function layerCommands(config: ImageConfig, layerCount: number): (string | undefined)[] {
  const real = (config.history ?? []).filter((h) => h.empty_layer !== true);
  const out: (string | undefined)[] = [];
  for (let i = 0; i < layerCount; i++) {
    const createdBy = real.length === layerCount ? real[i]?.created_by : undefined;
    out.push(createdBy);
  }
  return out;
}
