/**
 * Writes an rpm NDB package database (Packages.db) from header blobs, byte for byte in the
 * layout of rpm's lib/backend/ndb/rpmpkg.c: Debian's rpm is built without the ndb backend, so
 * tests cannot ask rpm to write one.
 */
const PAGE_SIZE = 4096;
const SLOT_SIZE = 16;
const BLOCK_SIZE = 16;

function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

export function writeNdb(
  blobs: readonly Uint8Array[],
  options: { slotPages?: number } = {},
): Buffer {
  const slotPages =
    options.slotPages ?? Math.max(1, Math.ceil(((blobs.length + 2) * SLOT_SIZE) / PAGE_SIZE));
  const parts: Buffer[] = [];
  const slots = Buffer.alloc(slotPages * PAGE_SIZE);
  slots.write('RpmP', 0, 'latin1');
  slots.writeUInt32LE(0, 4); // version
  slots.writeUInt32LE(1, 8); // generation
  slots.writeUInt32LE(slotPages, 12);
  slots.writeUInt32LE(blobs.length + 1, 16); // next package index
  for (let at = 32; at < slots.length; at += SLOT_SIZE) slots.write('Slot', at, 'latin1');
  parts.push(slots);
  let block = slots.length / BLOCK_SIZE;
  blobs.forEach((blob, i) => {
    const pkgIndex = i + 1;
    const blocks = Math.ceil((16 + blob.length + 12) / BLOCK_SIZE);
    const area = Buffer.alloc(blocks * BLOCK_SIZE);
    area.write('BlbS', 0, 'latin1');
    area.writeUInt32LE(pkgIndex, 4);
    area.writeUInt32LE(1, 8); // generation
    area.writeUInt32LE(blob.length, 12);
    Buffer.from(blob).copy(area, 16);
    area.writeUInt32LE(adler32(blob), area.length - 12);
    area.writeUInt32LE(blob.length, area.length - 8);
    area.write('BlbE', area.length - 4, 'latin1');
    const slot = 32 + i * SLOT_SIZE;
    slots.writeUInt32LE(pkgIndex, slot + 4);
    slots.writeUInt32LE(block, slot + 8);
    slots.writeUInt32LE(blocks, slot + 12);
    block += blocks;
    parts.push(area);
  });
  return Buffer.concat(parts);
}
