import { Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress } from 'fzstd';

export type Compression = 'gzip' | 'zstd' | 'none';

/** Layer compression from the blob's first bytes; media types can lie, magic numbers cannot. */
export function sniffCompression(head: Buffer): Compression {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  return 'none';
}

/** A streaming zstd decoder (fzstd is pure JavaScript: Node 20's zlib has no zstd). */
class ZstdDecompress extends Transform {
  readonly #decoder = new Decompress((chunk) => {
    // fzstd may reuse its window buffer; copy before handing the bytes on.
    if (chunk.length > 0) this.push(Buffer.from(chunk));
  });

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.#decoder.push(chunk);
      done();
    } catch (e) {
      done(e as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      this.#decoder.push(new Uint8Array(0), true);
      done();
    } catch (e) {
      done(e as Error);
    }
  }
}

/** The decoder for a compression, or undefined for an uncompressed tar. */
export function decompressor(compression: Compression): Transform | undefined {
  if (compression === 'gzip') return createGunzip({ chunkSize: 256 * 1024 });
  if (compression === 'zstd') return new ZstdDecompress();
  return undefined;
}

/** Thrown when a layer expands past the configured limits. */
export class ExpansionLimitError extends Error {
  override readonly name = 'ExpansionLimitError';
}

export interface ExpansionLimits {
  /** Uncompressed bytes one layer may hold. */
  readonly maxLayerBytes: number;
  /** Largest uncompressed/compressed ratio, checked once a layer passes `ratioFloorBytes`. */
  readonly maxRatio: number;
  readonly ratioFloorBytes: number;
}

/**
 * Counts bytes on both sides of the decoder and stops a decompression bomb: a layer that
 * inflates past maxLayerBytes, or more than maxRatio times its compressed size.
 */
export class ExpansionGuard extends Transform {
  out = 0;
  readonly #limits: ExpansionLimits;
  readonly #compressedBytes: () => number;

  constructor(limits: ExpansionLimits, compressedBytes: () => number) {
    super();
    this.#limits = limits;
    this.#compressedBytes = compressedBytes;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.out += chunk.length;
    const { maxLayerBytes, maxRatio, ratioFloorBytes } = this.#limits;
    const compressed = Math.max(1, this.#compressedBytes());
    if (this.out > maxLayerBytes) {
      done(new ExpansionLimitError(`expands past ${formatBytes(maxLayerBytes)}`));
    } else if (this.out > ratioFloorBytes && this.out / compressed > maxRatio) {
      done(
        new ExpansionLimitError(
          `expands ${Math.round(this.out / compressed)}× (${formatBytes(this.out)} from ${formatBytes(compressed)} so far)`,
        ),
      );
    } else {
      done(null, chunk);
    }
  }
}

/** Counts the compressed bytes read, for progress and the expansion ratio. */
export class ByteCounter extends Transform {
  bytes = 0;
  readonly #onBytes: (bytes: number) => void;

  constructor(onBytes: (bytes: number) => void) {
    super();
    this.#onBytes = onBytes;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    this.#onBytes(chunk.length);
    done(null, chunk);
  }
}

export function formatBytes(n: number): string {
  if (n >= 2 ** 30) return `${(n / 2 ** 30).toFixed(1)} GiB`;
  if (n >= 2 ** 20) return `${(n / 2 ** 20).toFixed(1)} MiB`;
  if (n >= 2 ** 10) return `${(n / 2 ** 10).toFixed(1)} KiB`;
  return `${n} B`;
}
