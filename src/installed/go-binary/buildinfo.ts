import { type ElfFile, PF_W, PT_LOAD, readAt } from './elf.ts';

/** What `go version -m` prints: the toolchain and the module graph the binary was built from. */
export interface GoBuildInfo {
  /** "go1.21.5". */
  readonly goVersion: string;
  /** The main module; absent for binaries built outside module mode. */
  readonly main?: GoModule;
  readonly deps: readonly GoModule[];
}

export interface GoModule {
  readonly path: string;
  /** "v1.2.3", "(devel)", or "" for a directory replacement. */
  readonly version: string;
  /** The module that replaced this one (a `=>` line), when there is one. */
  readonly replace?: GoModule;
}

const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const ALIGN = 16;
const HEADER_SIZE = 32;
const SEARCH_WINDOW = 64 * 1024;
const MAX_STRING = 4 * 1024 * 1024;

/**
 * Reads Go's embedded build info the way debug/buildinfo does: find the "\xff Go buildinf:"
 * header at a 16-byte boundary in the first 64 KiB of .go.buildinfo (or of the first writable
 * segment), then read two strings — inline varint-prefixed since go1.18 (flag bit 2), or through
 * pointers to Go string headers before that. Undefined for binaries that are not Go.
 */
export function readGoBuildInfo(elf: ElfFile): GoBuildInfo | undefined {
  const window = dataWindow(elf);
  if (window === undefined) return undefined;
  const header = findHeader(window);
  if (header === undefined) return undefined;
  const ptrSize = header[14] ?? 0;
  const flags = header[15] ?? 0;
  let version: Buffer | undefined;
  let modinfo: Buffer | undefined;
  if ((flags & 2) !== 0) {
    const first = varintString(header, HEADER_SIZE);
    if (first === undefined) return undefined;
    version = first.value;
    modinfo = varintString(header, first.end)?.value;
  } else {
    if (ptrSize !== 4 && ptrSize !== 8) return undefined;
    const bigEndian = (flags & 1) !== 0;
    version = pointerString(elf, readPointer(header, 16, ptrSize, bigEndian), ptrSize, bigEndian);
    modinfo = pointerString(
      elf,
      readPointer(header, 16 + ptrSize, ptrSize, bigEndian),
      ptrSize,
      bigEndian,
    );
  }
  const goVersion = version?.toString('utf8');
  if (goVersion === undefined || !goVersion.startsWith('go')) return undefined;
  return { goVersion, ...parseModinfo(stripSentinels(modinfo ?? Buffer.alloc(0))) };
}

function dataWindow(elf: ElfFile): Buffer | undefined {
  const section = elf.sections.find((s) => s.name === '.go.buildinfo');
  if (section !== undefined) {
    return elf.bytes.subarray(
      section.offset,
      Math.min(section.offset + SEARCH_WINDOW, section.offset + section.size, elf.bytes.length),
    );
  }
  const writable = elf.segments.find((s) => s.type === PT_LOAD && (s.flags & PF_W) !== 0);
  return writable === undefined ? undefined : readAt(elf, writable.vaddr, SEARCH_WINDOW);
}

function findHeader(window: Buffer): Buffer | undefined {
  let from = 0;
  while (from < window.length) {
    const at = window.indexOf(MAGIC, from);
    if (at < 0 || at + HEADER_SIZE > window.length) return undefined;
    if (at % ALIGN === 0) return window.subarray(at);
    from = at + 1;
  }
  return undefined;
}

function varintString(b: Buffer, at: number): { value: Buffer; end: number } | undefined {
  let length = 0;
  let shift = 0;
  let i = at;
  for (;;) {
    const byte = b[i++];
    if (byte === undefined || shift > 28) return undefined;
    length |= (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) break;
    shift += 7;
  }
  if (length > MAX_STRING || i + length > b.length) return undefined;
  return { value: b.subarray(i, i + length), end: i + length };
}

function readPointer(b: Buffer, at: number, size: number, bigEndian: boolean): bigint {
  if (size === 4) return BigInt(bigEndian ? b.readUInt32BE(at) : b.readUInt32LE(at));
  return bigEndian ? b.readBigUInt64BE(at) : b.readBigUInt64LE(at);
}

/** A Go string header {data pointer, length} at `addr`, then the bytes it points at. */
function pointerString(
  elf: ElfFile,
  addr: bigint,
  ptrSize: number,
  bigEndian: boolean,
): Buffer | undefined {
  const header = readAt(elf, addr, ptrSize * 2);
  if (header === undefined || header.length < ptrSize * 2) return undefined;
  const data = readPointer(header, 0, ptrSize, bigEndian);
  const length = Number(readPointer(header, ptrSize, ptrSize, bigEndian));
  if (length > MAX_STRING) return undefined;
  const bytes = readAt(elf, data, length);
  return bytes === undefined || bytes.length < length ? undefined : bytes;
}

/** Module info is wrapped in 16-byte binary sentinels, the last preceded by a newline. */
function stripSentinels(bytes: Buffer): string {
  if (bytes.length >= 33 && bytes[bytes.length - 17] === 0x0a) {
    return bytes.toString('utf8', 16, bytes.length - 16);
  }
  return '';
}

function parseModinfo(text: string): { main?: GoModule; deps: GoModule[] } {
  let main: GoModule | undefined;
  const deps: GoModule[] = [];
  let last: 'main' | 'dep' | undefined;
  for (const line of text.split('\n')) {
    const [kind, path, version = ''] = line.split('\t');
    if (path === undefined) continue;
    if (kind === 'mod') {
      main = { path, version };
      last = 'main';
    } else if (kind === 'dep') {
      deps.push({ path, version });
      last = 'dep';
    } else if (kind === '=>') {
      const replace = { path, version };
      if (last === 'main' && main !== undefined) main = { ...main, replace };
      else if (last === 'dep' && deps.length > 0) {
        const prev = deps.pop() as GoModule;
        deps.push({ ...prev, replace });
      }
    }
  }
  return { ...(main === undefined ? {} : { main }), deps };
}
