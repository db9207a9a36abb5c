import { closeSync, createReadStream, fstatSync, openSync } from 'node:fs';
import type { Readable } from 'node:stream';
import yauzl, { type ZipFile } from 'yauzl';
import { defaultLimits, formatBytes, type SourceLimits } from '../limits.ts';
import {
  contentIdentity,
  type DeflatedEntry,
  type EntryContent,
  EntrySkip,
  FolderError,
  type FolderSnapshot,
  type SkippedRecord,
  type SourceEntry,
} from '../source.ts';
import { BlockFile } from './block-file.ts';
import { checkEntry, inflateEntry } from './inflate-entry.ts';
import { readCentralDirectory, type ZipDirectoryEntry } from './zip-directory.ts';

/**
 * Reads a local file synchronously through cached blocks. yauzl's own reader issues two
 * asynchronous reads per central-directory entry, which caps listing at a few thousand entries a
 * second; these are small reads during a batch import, so blocking is the faster, simpler choice.
 */
class SyncFileReader extends yauzl.RandomAccessReader {
  readonly #fd: number;
  readonly file: BlockFile;

  constructor(fd: number, size: number) {
    super();
    this.#fd = fd;
    this.file = new BlockFile(fd, size);
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (err: Error | null) => void,
  ): void {
    let error: Error | null = null;
    try {
      this.file.readInto(buffer, offset, length, position);
    } catch (e) {
      error = e instanceof Error ? e : new Error(String(e));
    }
    callback(error);
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return createReadStream('', { fd: this.#fd, start, end: end - 1, autoClose: false });
  }

  override close(callback: (err: Error | null) => void): void {
    this.file.release();
    closeSync(this.#fd);
    callback(null);
  }
}

/** Deflate can grow incompressible data a little; anything beyond this is not a real record. */
function maxCompressedBytes(limits: SourceLimits): number {
  return Math.ceil(limits.maxRecordBytes * 1.01) + 1024;
}

/**
 * Opens a zip of OSV records (osv.dev's all.zip) as one folder. Nothing is ever extracted to disk:
 * each record is inflated in memory, capped at `maxRecordBytes` and checked against its CRC-32.
 */
export async function openZipFolder(
  path: string,
  folder: string,
  options: { display?: string; limits?: SourceLimits } = {},
): Promise<FolderSnapshot> {
  const limits = options.limits ?? defaultLimits;
  const display = options.display ?? path;
  const keptHint = `the records already stored for ${folder} are kept`;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new FolderError(`cannot open ${display}: ${(e as NodeJS.ErrnoException).code ?? e}`, {
      cause: e,
      hint: keptHint,
    });
  }
  let zip: ZipFile;
  let zipEntries: ZipDirectoryEntry[];
  let reader: SyncFileReader;
  let size: number;
  try {
    size = fstatSync(fd).size;
    reader = new SyncFileReader(fd, size);
    zip = await yauzl.fromRandomAccessReaderPromise(reader, size, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false,
      validateEntrySizes: true,
    });
  } catch (e) {
    closeSync(fd);
    throw new FolderError(`${display} is not a readable zip (${(e as Error).message})`, {
      cause: e,
      hint: `the download may be truncated; ${keptHint}`,
    });
  }
  try {
    zipEntries = readCentralDirectory(reader.file, size, limits.maxEntries);
  } catch (e) {
    zip.close();
    throw new FolderError(`${display} has a damaged directory (${(e as Error).message})`, {
      cause: e,
      hint: keptHint,
    });
  }

  const entries: SourceEntry[] = [];
  const refused: SkippedRecord[] = [];
  const byName = new Map<string, ZipDirectoryEntry>();
  const refuse = (name: string, reason: SkippedRecord['reason'], detail: string) =>
    refused.push({ folder, name, location: `${display}!${name}`, reason, detail });
  for (const entry of zipEntries) {
    const { name } = entry;
    if (name.endsWith('/')) continue; // a directory
    const unsafe = yauzl.validateFileName(name);
    if (unsafe !== null) refuse(name, 'unsafe-name', unsafe);
    else if (byName.has(name)) refuse(name, 'unsafe-name', 'duplicate entry name');
    else if (!name.toLowerCase().endsWith('.json')) refuse(name, 'unexpected-file', 'not .json');
    else if ((entry.flags & ENCRYPTED) !== 0) refuse(name, 'corrupt', 'encrypted entry');
    else if (entry.method !== STORED && entry.method !== DEFLATED)
      refuse(name, 'corrupt', `unsupported compression method ${entry.method}`);
    else if (entry.uncompressedSize > limits.maxRecordBytes)
      refuse(name, 'too-large', `declares ${formatBytes(entry.uncompressedSize)}`);
    else if (entry.compressedSize > maxCompressedBytes(limits))
      refuse(name, 'too-large', `${formatBytes(entry.compressedSize)} compressed`);
    else {
      byName.set(name, entry);
      entries.push({
        name,
        location: `${display}!${name}`,
        identity: contentIdentity(entry.crc32, entry.uncompressedSize),
      });
    }
  }

  /** The entry's stored bytes: the local header is read here, from the cached blocks. */
  function storedBytes(entry: ZipDirectoryEntry): Buffer {
    try {
      return reader.file.slice(localDataStart(reader.file, entry), entry.compressedSize);
    } catch (e) {
      throw new EntrySkip('corrupt', (e as Error).message);
    }
  }

  function read(source: SourceEntry): Promise<EntryContent>;
  function read(
    source: SourceEntry,
    options: { readonly inflate: false },
  ): Promise<EntryContent | DeflatedEntry>;
  async function read(
    source: SourceEntry,
    options?: { readonly inflate: false },
  ): Promise<EntryContent | DeflatedEntry> {
    const entry = byName.get(source.name);
    if (entry === undefined) throw new Error(`no entry ${source.name} in ${display}`);
    const stored = storedBytes(entry);
    const expected = { size: entry.uncompressedSize, crc32: entry.crc32 };
    if (entry.method !== DEFLATED) {
      checkEntry(stored, expected);
      return { text: stored };
    }
    const deflated: DeflatedEntry = {
      deflated: stored,
      ...expected,
      maxBytes: limits.maxRecordBytes,
    };
    if (options?.inflate === false) return deflated;
    return { text: inflateEntry(deflated), deflated: stored };
  }

  let closed = false;
  return {
    folder,
    location: display,
    entries,
    refused,
    read,
    close: async () => {
      if (closed) return;
      closed = true;
      zip.close();
    },
  };
}

const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
/** General-purpose flag bits 0 (traditional) and 6 (strong encryption). */
const ENCRYPTED = 0x41;

/** Where an entry's data starts: after its local header, whose name and extra field may differ. */
function localDataStart(file: BlockFile, entry: ZipDirectoryEntry): number {
  const header = file.view(entry.localHeaderOffset, 30);
  const signature = header.readUInt32LE(0);
  if (signature !== LOCAL_HEADER)
    throw new Error(`invalid local file header signature: 0x${signature.toString(16)}`);
  return entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}
