import { crc32, inflateRawSync } from 'node:zlib';
import { formatBytes } from '../limits.ts';
import { type DeflatedEntry, EntrySkip } from '../source.ts';

/**
 * Inflates a zip entry and checks it against its directory record: at most one byte past the
 * declared size is produced (so a lying entry, a decompression bomb, stops right there), and the
 * size and CRC-32 must match. Throws EntrySkip ('too-large' or 'corrupt').
 */
export function inflateEntry(entry: DeflatedEntry): Buffer {
  const cap = Math.min(entry.maxBytes, entry.size) + 1;
  let text: Buffer;
  try {
    // One output chunk of the declared size saves zlib's chunk list and concatenation.
    text = inflateRawSync(entry.deflated, { maxOutputLength: cap, chunkSize: Math.max(64, cap) });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw new EntrySkip(
        'too-large',
        `inflates past its declared ${formatBytes(entry.size)} (stopped there)`,
      );
    throw new EntrySkip('corrupt', `bad deflate data (${(e as Error).message})`);
  }
  checkEntry(text, entry);
  return text;
}

/** Throws EntrySkip('corrupt') unless `text` has the size and CRC-32 the zip directory declares. */
export function checkEntry(text: Buffer, expected: { size: number; crc32: number }): void {
  if (text.length !== expected.size)
    throw new EntrySkip('corrupt', `${text.length} bytes, the directory says ${expected.size}`);
  if (crc32(text) !== expected.crc32) throw new EntrySkip('corrupt', 'CRC-32 mismatch');
}
