import { deflateRawSync, inflateRawSync } from 'node:zlib';

/** Raw DEFLATE: the form zip entries already use, so a zip's bytes can be stored as they are. */
export function compressRecord(text: Buffer): Buffer {
  return deflateRawSync(text);
}

export function decompressRecord(body: Buffer): Buffer {
  return inflateRawSync(body);
}
