import type { RandomAccess } from './random-access.ts';

/**
 * Reads the values of a Berkeley DB hash database (rpm's classic Packages file, RHEL ≤ 8 and
 * CentOS 7) without libdb: walk every page, take the key/data pairs of hash pages, and follow
 * overflow chains for values that do not fit on a page. Layout from Berkeley DB's db_page.h.
 */
const HASH_MAGIC = 0x061561;
const PAGE_HEADER_SIZE = 26;
const P_HASH_UNSORTED = 2;
const P_OVERFLOW = 7;
const P_HASH = 13;
const H_KEYDATA = 1;
const H_OFFPAGE = 3;
const MAX_VALUE = 64 * 1024 * 1024;

export class BdbError extends Error {
  override readonly name = 'BdbError';
}

interface Layout {
  readonly pageSize: number;
  readonly lastPage: number;
  readonly u16: (b: Buffer, at: number) => number;
  readonly u32: (b: Buffer, at: number) => number;
}

async function readLayout(db: RandomAccess): Promise<Layout> {
  const meta = await db.read(0, 72);
  if (meta.length < 72) throw new BdbError('file too short for a Berkeley DB');
  // Berkeley DB writes in the creating host's byte order; the magic tells which.
  const little = meta.readUInt32LE(12) === HASH_MAGIC;
  if (!little && meta.readUInt32BE(12) !== HASH_MAGIC) {
    throw new BdbError('not a Berkeley DB hash database (bad magic)');
  }
  const u16 = little
    ? (b: Buffer, at: number) => b.readUInt16LE(at)
    : (b: Buffer, at: number) => b.readUInt16BE(at);
  const u32 = little
    ? (b: Buffer, at: number) => b.readUInt32LE(at)
    : (b: Buffer, at: number) => b.readUInt32BE(at);
  const pageSize = u32(meta, 20);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    throw new BdbError(`invalid page size ${pageSize}`);
  }
  if (meta[24] !== 0) throw new BdbError('encrypted Berkeley DB databases are not supported');
  if (((meta[26] ?? 0) & 0x01) !== 0) {
    throw new BdbError('checksummed Berkeley DB databases are not supported');
  }
  const lastPage = u32(meta, 32);
  if ((lastPage + 1) * pageSize > db.size) {
    throw new BdbError(`database claims ${lastPage + 1} pages but the file holds fewer`);
  }
  return { pageSize, lastPage, u16, u32 };
}

/** Yields [key, value] of every record in the hash database. */
export async function* readBdbHashRecords(
  db: RandomAccess,
): AsyncGenerator<readonly [Uint8Array, Uint8Array]> {
  const layout = await readLayout(db);
  const { pageSize, u16 } = layout;
  for (let pgno = 1; pgno <= layout.lastPage; pgno++) {
    const page = await db.read(pgno * pageSize, pageSize);
    const type = page[25];
    if (type !== P_HASH && type !== P_HASH_UNSORTED) continue;
    const entries = u16(page, 20);
    if (PAGE_HEADER_SIZE + entries * 2 > pageSize) throw new BdbError(`page ${pgno} is corrupt`);
    const offsets: number[] = [];
    for (let i = 0; i < entries; i++) offsets.push(u16(page, PAGE_HEADER_SIZE + i * 2));
    for (let i = 0; i + 1 < entries; i += 2) {
      const key = await item(db, layout, page, offsets, i);
      const value = await item(db, layout, page, offsets, i + 1);
      if (key !== undefined && value !== undefined) yield [key, value];
    }
  }
}

/** One item of a hash page: inline (H_KEYDATA) or an overflow chain (H_OFFPAGE). */
async function item(
  db: RandomAccess,
  layout: Layout,
  page: Buffer,
  offsets: readonly number[],
  index: number,
): Promise<Uint8Array | undefined> {
  const start = offsets[index] ?? 0;
  // Items grow down from the end of the page: an item ends where the previous one starts.
  const end = index === 0 ? layout.pageSize : (offsets[index - 1] ?? 0);
  if (start < PAGE_HEADER_SIZE || end > layout.pageSize || start >= end) {
    throw new BdbError('hash page item out of bounds');
  }
  const kind = page[start];
  if (kind === H_KEYDATA) return page.subarray(start + 1, end);
  if (kind === H_OFFPAGE) {
    if (start + 12 > end) throw new BdbError('truncated off-page item');
    return overflow(db, layout, layout.u32(page, start + 4), layout.u32(page, start + 8));
  }
  return undefined; // duplicates are not used by rpm's Packages database
}

async function overflow(
  db: RandomAccess,
  layout: Layout,
  first: number,
  total: number,
): Promise<Uint8Array> {
  if (total > MAX_VALUE) throw new BdbError(`value of ${total} bytes is implausibly large`);
  const value = Buffer.alloc(total);
  let filled = 0;
  let pgno = first;
  const seen = new Set<number>();
  while (pgno !== 0 && filled < total) {
    if (pgno > layout.lastPage || seen.has(pgno)) {
      throw new BdbError('overflow chain leaves the file or loops');
    }
    seen.add(pgno);
    const page = await db.read(pgno * layout.pageSize, layout.pageSize);
    if (page[25] !== P_OVERFLOW) throw new BdbError(`page ${pgno} is not an overflow page`);
    const length = Math.min(
      layout.u16(page, 22),
      layout.pageSize - PAGE_HEADER_SIZE,
      total - filled,
    );
    page.copy(value, filled, PAGE_HEADER_SIZE, PAGE_HEADER_SIZE + length);
    filled += length;
    pgno = layout.u32(page, 16);
  }
  if (filled !== total) throw new BdbError(`overflow chain holds ${filled} of ${total} bytes`);
  return value;
}
