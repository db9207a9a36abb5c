/**
 * Writes minimal ELF executables carrying Go build info, in both of Go's layouts: the inline
 * varint strings of go1.18+ and the pointer format of older toolchains (the header points at Go
 * string headers elsewhere in the data segment). Lets tests cover every branch of the reader
 * without a Go toolchain of every age.
 */
export interface GoElfOptions {
  readonly goVersion: string;
  readonly modinfo: string;
  readonly format: 'inline' | 'pointer';
  readonly bits?: 32 | 64;
  readonly bigEndian?: boolean;
  /** Put the blob in a .go.buildinfo section (true) or find it via the writable segment. */
  readonly sections?: boolean;
}

const SENTINEL_START = Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex');
const SENTINEL_END = Buffer.from('f932433186182072008242104116d8f2', 'hex');
const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const BASE = 0x400000;

function varint(n: number): Buffer {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
  return Buffer.from(out);
}

export function writeGoElf(o: GoElfOptions): Buffer {
  const wide = (o.bits ?? 64) === 64;
  const le = !o.bigEndian;
  const ptr = wide ? 8 : 4;
  const mod =
    o.modinfo === ''
      ? Buffer.alloc(0)
      : Buffer.concat([SENTINEL_START, Buffer.from(o.modinfo), SENTINEL_END]);
  const version = Buffer.from(o.goVersion);
  const ehsize = wide ? 64 : 52;
  const phentsize = wide ? 56 : 32;
  const shentsize = wide ? 64 : 40;
  const dataOffset = 0x1000;
  // The data segment: the 32-byte header at offset 0, then (pointer format) the strings.
  const header = Buffer.alloc(32);
  MAGIC.copy(header, 0);
  header[14] = ptr;
  let data: Buffer;
  const writePtr = (b: Buffer, at: number, v: number) => {
    if (wide) le ? b.writeBigUInt64LE(BigInt(v), at) : b.writeBigUInt64BE(BigInt(v), at);
    else le ? b.writeUInt32LE(v, at) : b.writeUInt32BE(v, at);
  };
  if (o.format === 'inline') {
    header[15] = 2 | (o.bigEndian ? 1 : 0);
    data = Buffer.concat([header, varint(version.length), version, varint(mod.length), mod]);
  } else {
    header[15] = o.bigEndian ? 1 : 0;
    // Layout after the header: two string headers, then the bytes they point at.
    const headers = Buffer.alloc(ptr * 4);
    const bytesAt = 32 + headers.length;
    writePtr(headers, 0, BASE + dataOffset + bytesAt);
    writePtr(headers, ptr, version.length);
    writePtr(headers, ptr * 2, BASE + dataOffset + bytesAt + version.length);
    writePtr(headers, ptr * 3, mod.length);
    writePtr(header, 16, BASE + dataOffset + 32);
    writePtr(header, 16 + ptr, BASE + dataOffset + 32 + ptr * 2);
    data = Buffer.concat([header, headers, version, mod]);
  }
  const shstrtab = Buffer.from('\0.go.buildinfo\0.shstrtab\0');
  const shstrOffset = dataOffset + data.length;
  const shOffset = Math.ceil((shstrOffset + shstrtab.length) / 8) * 8;
  const shnum = o.sections === false ? 0 : 3;
  const file = Buffer.alloc(shOffset + shnum * shentsize);
  const u16 = (v: number, at: number) =>
    le ? file.writeUInt16LE(v, at) : file.writeUInt16BE(v, at);
  const u32 = (v: number, at: number) =>
    le ? file.writeUInt32LE(v, at) : file.writeUInt32BE(v, at);
  const word = (v: number, at: number) => (wide ? writePtr(file, at, v) : u32(v, at));
  file.write('\x7fELF', 0, 'latin1');
  file[4] = wide ? 2 : 1;
  file[5] = le ? 1 : 2;
  file[6] = 1;
  u16(2, 16); // ET_EXEC
  u16(wide ? 62 : 3, 18);
  u32(1, 20);
  word(BASE + dataOffset, wide ? 24 : 24);
  word(ehsize, wide ? 32 : 28); // e_phoff
  word(shnum === 0 ? 0 : shOffset, wide ? 40 : 32); // e_shoff
  u16(ehsize, wide ? 52 : 40);
  u16(phentsize, wide ? 54 : 42);
  u16(1, wide ? 56 : 44);
  u16(shentsize, wide ? 58 : 46);
  u16(shnum, wide ? 60 : 48);
  u16(shnum === 0 ? 0 : 2, wide ? 62 : 50);
  // One writable PT_LOAD mapping the data segment.
  const ph = ehsize;
  if (wide) {
    u32(1, ph);
    u32(6, ph + 4); // PF_R | PF_W
    word(dataOffset, ph + 8);
    word(BASE + dataOffset, ph + 16);
    word(BASE + dataOffset, ph + 24);
    word(data.length, ph + 32);
    word(data.length, ph + 40);
  } else {
    u32(1, ph);
    u32(dataOffset, ph + 4);
    u32(BASE + dataOffset, ph + 8);
    u32(BASE + dataOffset, ph + 12);
    u32(data.length, ph + 16);
    u32(data.length, ph + 20);
    u32(6, ph + 24);
  }
  data.copy(file, dataOffset);
  shstrtab.copy(file, shstrOffset);
  if (shnum > 0) {
    const section = (
      i: number,
      name: number,
      type: number,
      addr: number,
      offset: number,
      size: number,
    ) => {
      const at = shOffset + i * shentsize;
      u32(name, at);
      u32(type, at + 4);
      if (wide) {
        word(addr, at + 16);
        word(offset, at + 24);
        word(size, at + 32);
      } else {
        u32(addr, at + 12);
        u32(offset, at + 16);
        u32(size, at + 20);
      }
    };
    section(1, 1, 1, BASE + dataOffset, dataOffset, data.length); // .go.buildinfo
    section(2, 15, 3, 0, shstrOffset, shstrtab.length); // .shstrtab
  }
  return file;
}
