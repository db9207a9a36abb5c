import { closeSync, createReadStream, fstatSync, openSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { crc32, inflateRawSync } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { defaultLimits, formatBytes, type SourceLimits } from '../limits.ts';
import {
  contentIdentity,
  type EntryContent,
  EntrySkip,
  FolderError,
  type FolderSnapshot,
  type SkippedRecord,
  type SourceEntry,
} from '../source.ts';
import { BlockFile } from './block-file.ts';

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
    closeSync(this.#fd);
    callback(null);
  }
}

/** Deflate can grow incompressible data a little; anything beyond this is not a real record. */
function maxCompressedBytes(limits: SourceLimits): number {
  return Math.ceil(limits.maxRecordBytes * 1.01) + 1024;
}

function listEntries(zip: ZipFile, maxEntries: number): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('error', reject);
    zip.on('end', () => resolve(entries));
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      if (entries.length > maxEntries) {
        reject(new Error(`more than ${maxEntries} entries`));
        return;
      }
      // The reader answers synchronously; queueing keeps the stack flat over 100k entries.
      queueMicrotask(() => zip.readEntry());
    });
    zip.readEntry();
  });
}

/** The entry's name, undecoded by yauzl so that one bad name is a skip rather than a failed zip. */
function entryName(entry: Entry): string {
  return yauzl.getFileNameLowLevel(
    entry.generalPurposeBitFlag,
    entry.fileNameRaw,
    entry.extraFields,
    true,
  );
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
  let zipEntries: Entry[];
  let reader: SyncFileReader;
  try {
    const size = fstatSync(fd).size;
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
    zipEntries = await listEntries(zip, limits.maxEntries);
  } catch (e) {
    zip.close();
    throw new FolderError(`${display} has a damaged directory (${(e as Error).message})`, {
      cause: e,
      hint: keptHint,
    });
  }

  const entries: SourceEntry[] = [];
  const refused: SkippedRecord[] = [];
  const byName = new Map<string, Entry>();
  const refuse = (name: string, reason: SkippedRecord['reason'], detail: string) =>
    refused.push({ folder, name, location: `${display}!${name}`, reason, detail });
  for (const entry of zipEntries) {
    const name = entryName(entry);
    if (name.endsWith('/')) continue; // a directory
    const unsafe = yauzl.validateFileName(name);
    if (unsafe !== null) refuse(name, 'unsafe-name', unsafe);
    else if (byName.has(name)) refuse(name, 'unsafe-name', 'duplicate entry name');
    else if (!name.toLowerCase().endsWith('.json')) refuse(name, 'unexpected-file', 'not .json');
    else if (entry.isEncrypted()) refuse(name, 'corrupt', 'encrypted entry');
    else if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
      refuse(name, 'corrupt', `unsupported compression method ${entry.compressionMethod}`);
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

  async function read(source: SourceEntry): Promise<EntryContent> {
    const entry = byName.get(source.name);
    if (entry === undefined) throw new Error(`no entry ${source.name} in ${display}`);
    let compressed: Buffer;
    try {
      const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true });
      compressed = reader.file.slice(fileDataStart, entry.compressedSize);
    } catch (e) {
      throw new EntrySkip('corrupt', (e as Error).message);
    }
    const text = entry.compressionMethod === 8 ? inflate(compressed, entry, limits) : compressed;
    if (text.length !== entry.uncompressedSize)
      throw new EntrySkip(
        'corrupt',
        `${text.length} bytes, the directory says ${entry.uncompressedSize}`,
      );
    if (crc32(text) !== entry.crc32) throw new EntrySkip('corrupt', 'CRC-32 mismatch');
    return entry.compressionMethod === 8 ? { text, deflated: compressed } : { text };
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

/** Inflates at most one byte past the declared size, so a lying entry stops right there. */
function inflate(compressed: Buffer, entry: Entry, limits: SourceLimits): Buffer {
  try {
    return inflateRawSync(compressed, {
      maxOutputLength: Math.min(limits.maxRecordBytes, entry.uncompressedSize) + 1,
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new EntrySkip(
        'too-large',
        `inflates past its declared ${formatBytes(entry.uncompressedSize)} (stopped there)`,
      );
    }
    throw new EntrySkip('corrupt', `bad deflate data (${(e as Error).message})`);
  }
}
