import type { FileHandle } from 'node:fs/promises';

/** One member of an uncompressed tar file, located without reading its data. */
export interface TarMember {
  readonly name: string;
  readonly type: 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';
  /** Byte offset of the member's data in the tar file. */
  readonly offset: number;
  readonly size: number;
  readonly linkname?: string;
}

export class TarIndexError extends Error {
  override readonly name = 'TarIndexError';
}

const BLOCK = 512;
const MAX_MEMBERS = 1_000_000;
const MAX_LONG_HEADER = 1024 * 1024;

/**
 * Lists the members of a tar file (docker save output, an OCI archive) by hopping from header
 * to header with positional reads, so a 10 GB archive is indexed by reading a few KB. Handles
 * ustar prefixes, GNU long names and pax path/size records.
 */
export async function indexTar(file: FileHandle, fileSize: number): Promise<TarMember[]> {
  const members: TarMember[] = [];
  const header = Buffer.alloc(BLOCK);
  let offset = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax: Map<string, string> | undefined;
  while (offset + BLOCK <= fileSize) {
    await readExactly(file, header, offset);
    if (header.every((b) => b === 0)) break; // end-of-archive marker
    if (!checksumOk(header)) throw new TarIndexError(`invalid tar header at byte ${offset}`);
    const typeflag = String.fromCharCode(header[156] ?? 0);
    let size =
      pax?.get('size') === undefined ? parseNumber(header, 124, 12) : Number(pax.get('size'));
    if (!Number.isSafeInteger(size) || size < 0)
      throw new TarIndexError(`invalid size at byte ${offset}`);
    const dataOffset = offset + BLOCK;
    if (dataOffset + size > fileSize) {
      throw new TarIndexError(
        `member at byte ${offset} runs past the end of the file (truncated?)`,
      );
    }
    const next = dataOffset + Math.ceil(size / BLOCK) * BLOCK;
    if (typeflag === 'L' || typeflag === 'K' || typeflag === 'x' || typeflag === 'g') {
      if (size > MAX_LONG_HEADER) throw new TarIndexError(`oversized extended header at ${offset}`);
      const body = Buffer.alloc(size);
      await readExactly(file, body, dataOffset);
      if (typeflag === 'L') longName = cString(body, 0, size);
      else if (typeflag === 'K') longLink = cString(body, 0, size);
      else if (typeflag === 'x') pax = parsePax(body);
      offset = next;
      continue;
    }
    let name = cString(header, 0, 100);
    const prefix =
      header.toString('latin1', 257, 263) === 'ustar\0' ? cString(header, 345, 155) : '';
    if (prefix !== '') name = `${prefix}/${name}`;
    name = pax?.get('path') ?? longName ?? name;
    const linkname = pax?.get('linkpath') ?? longLink ?? cString(header, 157, 100);
    size = typeflag === '5' ? 0 : size;
    members.push({
      name,
      type: memberType(typeflag, name),
      offset: dataOffset,
      size,
      ...(linkname === '' ? {} : { linkname }),
    });
    if (members.length > MAX_MEMBERS) throw new TarIndexError(`more than ${MAX_MEMBERS} members`);
    longName = undefined;
    longLink = undefined;
    pax = undefined;
    offset = next;
  }
  return members;
}

function memberType(flag: string, name: string): TarMember['type'] {
  if (flag === '0' || flag === '\0' || flag === '7') return name.endsWith('/') ? 'dir' : 'file';
  if (flag === '5') return 'dir';
  if (flag === '2') return 'symlink';
  if (flag === '1') return 'hardlink';
  return 'other';
}

async function readExactly(file: FileHandle, buffer: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < buffer.length) {
    const { bytesRead } = await file.read(buffer, done, buffer.length - done, position + done);
    if (bytesRead === 0)
      throw new TarIndexError(`unexpected end of file at byte ${position + done}`);
    done += bytesRead;
  }
}

function checksumOk(header: Buffer): boolean {
  let sum = 8 * 32;
  for (let i = 0; i < BLOCK; i++) if (i < 148 || i >= 156) sum += header[i] ?? 0;
  return sum === parseNumber(header, 148, 8);
}

/** Octal, or GNU base-256 when the high bit of the first byte is set. */
function parseNumber(header: Buffer, at: number, length: number): number {
  if (((header[at] ?? 0) & 0x80) !== 0) {
    let value = 0;
    for (let i = 1; i < length; i++) value = value * 256 + (header[at + i] ?? 0);
    return value;
  }
  const text = header
    .toString('latin1', at, at + length)
    .replace(/\0.*$/s, '')
    .trim();
  return text === '' ? 0 : Number.parseInt(text, 8);
}

function cString(b: Buffer, at: number, length: number): string {
  const end = b.indexOf(0, at);
  return b.toString('utf8', at, end < 0 || end > at + length ? at + length : end);
}

/** pax records: "<len> key=value\n" repeated. */
function parsePax(body: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let at = 0;
  while (at < body.length) {
    const space = body.indexOf(0x20, at);
    if (space < 0) break;
    const length = Number.parseInt(body.toString('latin1', at, space), 10);
    if (!Number.isSafeInteger(length) || length <= 0 || at + length > body.length) break;
    const record = body.toString('utf8', space + 1, at + length - 1);
    const eq = record.indexOf('=');
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return out;
}
