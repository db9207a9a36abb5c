import { closeSync, openSync, writeSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A minimal zip writer for tests and benchmarks: it builds real archives (Deflate or stored,
 * zip64 past 65,535 entries) and hostile ones (lying sizes and CRCs, `../` names), byte by byte,
 * so no binary fixture has to be committed. Not used by secflow itself, which only reads zips.
 */
export interface ZipEntryInput {
  readonly name: string;
  readonly data: Buffer;
  /** 8 (Deflate, the default) or 0 (stored). */
  readonly method?: 0 | 8;
  /** Written as the uncompressed size instead of the real one. */
  readonly declaredSize?: number;
  /** Written as the CRC-32 instead of the real one. */
  readonly declaredCrc?: number;
}

const DOS_DATE = ((2024 - 1980) << 9) | (1 << 5) | 1; // 2024-01-01
const DOS_TIME = 0;
const UTF8_FLAG = 0x0800;

export class ZipWriter {
  readonly #write: (chunk: Buffer) => void;
  readonly #central: Buffer[] = [];
  #offset = 0;
  #count = 0;

  constructor(write: (chunk: Buffer) => void) {
    this.#write = write;
  }

  add(entry: ZipEntryInput): void {
    const method = entry.method ?? 8;
    const body = method === 8 ? deflateRawSync(entry.data) : entry.data;
    const crc = entry.declaredCrc ?? crc32(entry.data);
    const size = entry.declaredSize ?? entry.data.length;
    const name = Buffer.from(entry.name, 'utf8');

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8_FLAG, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8_FLAG, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(this.#offset, 42);
    this.#central.push(central, name);

    this.#write(local);
    this.#write(name);
    this.#write(body);
    this.#offset += local.length + name.length + body.length;
    this.#count++;
  }

  finish(): void {
    const directory = Buffer.concat(this.#central);
    const directoryOffset = this.#offset;
    this.#write(directory);
    const zip64 = this.#count > 0xffff;
    if (zip64) {
      const record = Buffer.alloc(56);
      record.writeUInt32LE(0x06064b50, 0);
      record.writeBigUInt64LE(44n, 4);
      record.writeUInt16LE(45, 12);
      record.writeUInt16LE(45, 14);
      record.writeBigUInt64LE(BigInt(this.#count), 24);
      record.writeBigUInt64LE(BigInt(this.#count), 32);
      record.writeBigUInt64LE(BigInt(directory.length), 40);
      record.writeBigUInt64LE(BigInt(directoryOffset), 48);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(0x07064b50, 0);
      locator.writeBigUInt64LE(BigInt(directoryOffset + directory.length), 8);
      locator.writeUInt32LE(1, 16);
      this.#write(record);
      this.#write(locator);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(zip64 ? 0xffff : this.#count, 8);
    end.writeUInt16LE(zip64 ? 0xffff : this.#count, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(directoryOffset, 16);
    this.#write(end);
  }
}

export function buildZip(entries: Iterable<ZipEntryInput>): Buffer {
  const chunks: Buffer[] = [];
  const writer = new ZipWriter((chunk) => chunks.push(chunk));
  for (const entry of entries) writer.add(entry);
  writer.finish();
  return Buffer.concat(chunks);
}

/** Streams the archive to `path`, for sets too large to hold in memory. */
export function writeZipFile(path: string, entries: Iterable<ZipEntryInput>): void {
  const fd = openSync(path, 'w');
  try {
    const writer = new ZipWriter((chunk) => {
      let written = 0;
      while (written < chunk.length) written += writeSync(fd, chunk, written);
    });
    for (const entry of entries) writer.add(entry);
    writer.finish();
  } finally {
    closeSync(fd);
  }
}
