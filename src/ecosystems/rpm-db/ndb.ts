import type { RandomAccess } from './random-access.ts';

/**
 * Reads header blobs from rpm's NDB backend (Packages.db, SUSE and some Fedora builds), as laid
 * out by rpm's lib/backend/ndb/rpmpkg.c: a 32-byte header, slot pages of 16-byte slots
 * {magic "Slot", package index, block offset, block count}, and blobs {magic "BlbS", package
 * index, generation, length} + data + tail at block offset × 16. All fields little-endian.
 */
const HEADER_MAGIC = 0x506d7052; // "RpmP"
const SLOT_MAGIC = 0x746f6c53; // "Slot"
const BLOB_MAGIC = 0x53626c42; // "BlbS"
const PAGE_SIZE = 4096;
const SLOT_SIZE = 16;
const BLOCK_SIZE = 16;
const BLOB_HEAD_SIZE = 16;
// rpm itself refuses more slot pages; a larger count is a corrupt file.
const MAX_SLOT_PAGES = 2048;
const MAX_BLOB = 64 * 1024 * 1024;

export class NdbError extends Error {
  override readonly name = 'NdbError';
}

/** Yields each package's header blob; throws NdbError on a damaged file. */
export async function* readNdbBlobs(db: RandomAccess): AsyncGenerator<Uint8Array> {
  const head = await db.read(0, 32);
  if (head.length < 32 || head.readUInt32LE(0) !== HEADER_MAGIC) {
    throw new NdbError('not an rpm NDB database (bad magic)');
  }
  if (head.readUInt32LE(4) !== 0) throw new NdbError(`unknown NDB version ${head.readUInt32LE(4)}`);
  const slotPages = head.readUInt32LE(12);
  if (slotPages === 0 || slotPages > MAX_SLOT_PAGES) {
    throw new NdbError(`implausible slot page count ${slotPages}`);
  }
  const slots = await db.read(32, slotPages * PAGE_SIZE - 32);
  for (let at = 0; at + SLOT_SIZE <= slots.length; at += SLOT_SIZE) {
    if (slots.readUInt32LE(at) !== SLOT_MAGIC) throw new NdbError(`bad slot magic at ${32 + at}`);
    const pkgIndex = slots.readUInt32LE(at + 4);
    if (pkgIndex === 0) continue; // free slot
    const blockOffset = slots.readUInt32LE(at + 8) * BLOCK_SIZE;
    const blobHead = await db.read(blockOffset, BLOB_HEAD_SIZE);
    if (blobHead.length < BLOB_HEAD_SIZE || blobHead.readUInt32LE(0) !== BLOB_MAGIC) {
      throw new NdbError(`bad blob magic for package ${pkgIndex} at ${blockOffset}`);
    }
    if (blobHead.readUInt32LE(4) !== pkgIndex) {
      throw new NdbError(`blob at ${blockOffset} belongs to package ${blobHead.readUInt32LE(4)}`);
    }
    const length = blobHead.readUInt32LE(12);
    if (length > MAX_BLOB || blockOffset + BLOB_HEAD_SIZE + length > db.size) {
      throw new NdbError(`blob of package ${pkgIndex} runs past the end of the file`);
    }
    yield await db.read(blockOffset + BLOB_HEAD_SIZE, length);
  }
}
