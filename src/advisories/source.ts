import { SecflowError } from '../core/errors.ts';

/**
 * Where advisories come from: osv.dev's bucket layout over HTTP(S), the same layout on disk, one
 * zip, or a folder of .json files. Records are grouped in folders ("PyPI", "Debian": the OSV
 * ecosystem without release, as osv.dev's exporter names them); each folder is synced as a whole.
 */
export interface AdvisorySource {
  readonly kind: 'osv-http' | 'osv-dir' | 'zip' | 'json-folder';
  /** The URL or absolute path, for messages and `db status`. */
  readonly location: string;
  /** The folders this source offers. */
  folders(signal?: AbortSignal): Promise<FolderList>;
  /**
   * A cheap marker that changes whenever the folder's records change (a hash of osv.dev's
   * modified_id.csv); undefined when the source has none, and records are then compared one by one.
   */
  fingerprint(folder: string, signal?: AbortSignal): Promise<string | undefined>;
  /** Opens a folder's records; undefined when the source does not publish that folder. */
  open(folder: string, signal?: AbortSignal): Promise<FolderSnapshot | undefined>;
}

/** The folders a source offers. */
export interface FolderList {
  readonly names: readonly string[];
  /** False when the source cannot list its folders (no ecosystems.txt): names are then guesses. */
  readonly complete: boolean;
  /** Sub-folders that are not in the layout (no all.zip), for a note to the user. */
  readonly ignored?: readonly string[];
}

/** One advisory file in a folder, known before it is read. */
export interface SourceEntry {
  /** Name within the folder: the zip entry name or the path relative to the folder. */
  readonly name: string;
  /** Where it is, for messages: "…/PyPI/all.zip!PYSEC-2024-1.json". */
  readonly location: string;
  /** Content identity: CRC-32 and length of the uncompressed bytes, "crc32:length" in hex. */
  readonly identity: string;
}

/** A record's bytes exactly as published, plus their raw-deflate form when the source has it. */
export interface EntryContent {
  readonly text: Buffer;
  /** Raw DEFLATE of `text` (a zip entry's data), so the store need not compress it again. */
  readonly deflated?: Buffer;
}

/**
 * A zip entry's raw DEFLATE data, not inflated yet: whoever inflates it (`inflateEntry`, on a
 * worker thread during an import) checks it against the zip directory's size and CRC-32.
 */
export interface DeflatedEntry {
  readonly deflated: Buffer;
  /** The uncompressed size the zip's directory declares. */
  readonly size: number;
  readonly crc32: number;
  /** Inflating stops past this many bytes (`SourceLimits.maxRecordBytes`). */
  readonly maxBytes: number;
}

/** A folder's records as of one moment. Close it to release files and temporary downloads. */
export interface FolderSnapshot {
  readonly folder: string;
  /** The zip file, URL or directory the records come from. */
  readonly location: string;
  readonly entries: readonly SourceEntry[];
  /** Entries refused before reading (unsafe names, oversized), kept as data for the summary. */
  readonly refused: readonly SkippedRecord[];
  /** Reads one entry; throws EntrySkip for a bad entry, FolderError when the folder is unusable. */
  read(entry: SourceEntry): Promise<EntryContent>;
  /** Like read, but may leave inflating (and its checks) to the caller: see DeflatedEntry. */
  read(
    entry: SourceEntry,
    options: { readonly inflate: false },
  ): Promise<EntryContent | DeflatedEntry>;
  close(): Promise<void>;
}

export type SkipReason =
  | 'not-json' // the entry's bytes do not parse as JSON
  | 'schema-violating' // valid JSON that the OSV schema rejects
  | 'too-large' // over the per-record size cap (a decompression bomb stops there)
  | 'unsafe-name' // absolute, `..` or otherwise unsafe path in the archive
  | 'unexpected-file' // not a .json file
  | 'corrupt'; // the archive's data for this entry is damaged (bad CRC, bad deflate stream)

/** A record left out of the database, and why. */
export interface SkippedRecord {
  readonly folder: string;
  readonly name: string;
  readonly location: string;
  readonly reason: SkipReason;
  readonly detail: string;
  /** The record's id when it could be read. */
  readonly id?: string;
}

/** One entry cannot be used; the import skips it and goes on. */
export class EntrySkip extends Error {
  override readonly name = 'EntrySkip';
  readonly reason: SkipReason;

  constructor(reason: SkipReason, detail: string) {
    super(detail);
    this.reason = reason;
  }
}

/** A folder's data is unusable (truncated zip, HTTP 500): that folder keeps its old records. */
export class FolderError extends SecflowError {
  constructor(message: string, options?: { cause?: unknown; hint?: string }) {
    super('source', message, options);
  }
}

/** "crc32:length" in hex, the identity shared by every source kind. */
export function contentIdentity(crc32: number, length: number): string {
  return `${crc32.toString(16)}:${length.toString(16)}`;
}
