/**
 * Just enough ELF to find Go's build info: section and program headers, and reads by virtual
 * address through the PT_LOAD segments. Every offset is bounds-checked against the buffer.
 */
export interface ElfSection {
  readonly name: string;
  readonly addr: bigint;
  readonly offset: number;
  readonly size: number;
}

export interface ElfSegment {
  readonly type: number;
  readonly flags: number;
  readonly offset: number;
  readonly vaddr: bigint;
  readonly filesz: number;
}

export interface ElfFile {
  readonly bits: 32 | 64;
  readonly littleEndian: boolean;
  readonly sections: readonly ElfSection[];
  readonly segments: readonly ElfSegment[];
  readonly bytes: Buffer;
}

export const PT_LOAD = 1;
export const PF_W = 2;
const MAX_HEADERS = 4096;

export function isElf(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x7f && head.toString('latin1', 1, 4) === 'ELF';
}

export class ElfError extends Error {
  override readonly name = 'ElfError';
}

/** Parses the headers of an ELF file held in `bytes`; throws ElfError when they are damaged. */
export function parseElf(bytes: Buffer): ElfFile {
  if (!isElf(bytes) || bytes.length < 52) throw new ElfError('not an ELF file');
  const bits = bytes[4] === 2 ? 64 : bytes[4] === 1 ? 32 : undefined;
  if (bits === undefined) throw new ElfError(`unknown ELF class ${bytes[4]}`);
  const littleEndian = bytes[5] !== 2;
  const r = reader(bytes, littleEndian);
  const wide = bits === 64;
  const phoff = wide ? r.u64(32) : r.u32(28);
  const shoff = wide ? r.u64(40) : r.u32(32);
  const [phentsize, phnum, shentsize, shnum, shstrndx] = wide
    ? [r.u16(54), r.u16(56), r.u16(58), r.u16(60), r.u16(62)]
    : [r.u16(42), r.u16(44), r.u16(46), r.u16(48), r.u16(50)];
  if (phnum > MAX_HEADERS || shnum > MAX_HEADERS) throw new ElfError('too many ELF headers');

  const segments: ElfSegment[] = [];
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (at + (wide ? 56 : 32) > bytes.length) throw new ElfError('program header out of bounds');
    segments.push(
      wide
        ? {
            type: r.u32(at),
            flags: r.u32(at + 4),
            offset: r.u64(at + 8),
            vaddr: r.big(at + 16),
            filesz: r.u64(at + 32),
          }
        : {
            type: r.u32(at),
            offset: r.u32(at + 4),
            vaddr: BigInt(r.u32(at + 8)),
            filesz: r.u32(at + 16),
            flags: r.u32(at + 24),
          },
    );
  }

  const raw: { nameOffset: number; addr: bigint; offset: number; size: number }[] = [];
  for (let i = 0; i < shnum; i++) {
    const at = shoff + i * shentsize;
    if (at + (wide ? 64 : 40) > bytes.length) throw new ElfError('section header out of bounds');
    raw.push(
      wide
        ? {
            nameOffset: r.u32(at),
            addr: r.big(at + 16),
            offset: r.u64(at + 24),
            size: r.u64(at + 32),
          }
        : {
            nameOffset: r.u32(at),
            addr: BigInt(r.u32(at + 12)),
            offset: r.u32(at + 16),
            size: r.u32(at + 20),
          },
    );
  }
  const strtab = raw[shstrndx];
  const sections = raw.map((s) => ({
    name:
      strtab === undefined
        ? ''
        : cString(bytes, strtab.offset + s.nameOffset, strtab.offset + strtab.size),
    addr: s.addr,
    offset: s.offset,
    size: s.size,
  }));
  return { bits, littleEndian, sections, segments, bytes };
}

/** Bytes at a virtual address, from the loadable segment that maps it; undefined when unmapped. */
export function readAt(elf: ElfFile, addr: bigint, length: number): Buffer | undefined {
  for (const seg of elf.segments) {
    if (seg.type !== PT_LOAD) continue;
    if (addr < seg.vaddr || addr >= seg.vaddr + BigInt(seg.filesz)) continue;
    const delta = Number(addr - seg.vaddr);
    const start = seg.offset + delta;
    const end = Math.min(start + length, seg.offset + seg.filesz, elf.bytes.length);
    return start <= end ? elf.bytes.subarray(start, end) : undefined;
  }
  return undefined;
}

function reader(b: Buffer, le: boolean) {
  const check = (at: number, n: number): void => {
    if (at < 0 || at + n > b.length) throw new ElfError('ELF header out of bounds');
  };
  const u16 = (at: number): number => {
    check(at, 2);
    return le ? b.readUInt16LE(at) : b.readUInt16BE(at);
  };
  const u32 = (at: number): number => {
    check(at, 4);
    return le ? b.readUInt32LE(at) : b.readUInt32BE(at);
  };
  const big = (at: number): bigint => {
    check(at, 8);
    return le ? b.readBigUInt64LE(at) : b.readBigUInt64BE(at);
  };
  const u64 = (at: number): number => {
    const v = big(at);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ElfError('ELF offset too large');
    return Number(v);
  };
  return { u16, u32, big, u64 };
}

function cString(b: Buffer, start: number, end: number): string {
  if (start < 0 || start >= b.length) return '';
  const nul = b.indexOf(0, start);
  return b.toString('latin1', start, nul < 0 ? Math.min(end, b.length) : Math.min(nul, end));
}
