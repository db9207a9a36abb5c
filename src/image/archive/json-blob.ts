import { SecflowError } from '../../core/errors.ts';
import type { BlobStore } from './blob-store.ts';

const MAX_METADATA = 8 * 1024 * 1024;
const DIGEST = /^([a-z0-9]+(?:[+._-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)$/;

/** Reads a metadata JSON file of the image (index, manifest, config) or fails naming it. */
export async function readJson<T>(store: BlobStore, name: string, what: string): Promise<T> {
  const bytes = await store.readSmall(name, MAX_METADATA);
  if (bytes === undefined) {
    const size = await store.size(name);
    throw new SecflowError(
      'input',
      size === undefined
        ? `${store.location}: ${what} ${name} is missing`
        : `${store.location}: ${what} ${name} is larger than ${MAX_METADATA} bytes`,
      {
        hint: 'the image is incomplete or not an image; export it again (docker save, skopeo copy)',
      },
    );
  }
  try {
    return JSON.parse(bytes.toString('utf8')) as T;
  } catch (cause) {
    throw new SecflowError('input', `${store.location}: ${what} ${name} is not valid JSON`, {
      cause,
    });
  }
}

/** The store name of a blob in an OCI layout; refuses digests that are not digests. */
export function blobPath(store: BlobStore, digest: unknown): string {
  const m = typeof digest === 'string' ? DIGEST.exec(digest) : null;
  if (!m) {
    throw new SecflowError('input', `${store.location}: invalid digest ${JSON.stringify(digest)}`);
  }
  return `blobs/${m[1]}/${m[2]}`;
}

/** Fails naming the blob when a manifest points at something the archive lacks. */
export async function requireBlob(store: BlobStore, name: string, what: string): Promise<void> {
  if ((await store.size(name)) === undefined) {
    throw new SecflowError('input', `${store.location}: ${what} is missing (${name})`, {
      hint: 'the image is incomplete; export it again (docker save, skopeo copy)',
    });
  }
}
