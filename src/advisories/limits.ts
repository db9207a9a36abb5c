/**
 * Caps on what a source may make us read. Real data sits far below them (the largest OSV record is
 * a few hundred KB; osv.dev's largest ecosystem zip a few hundred MB); hostile data stops at them.
 */
export interface SourceLimits {
  /** Uncompressed bytes of one record: inflating stops here, so a zip bomb costs at most this. */
  readonly maxRecordBytes: number;
  /** Bytes of one downloaded all.zip. */
  readonly maxDownloadBytes: number;
  /** Bytes of a modified_id.csv or ecosystems.txt. */
  readonly maxIndexBytes: number;
  /** Entries in one folder. */
  readonly maxEntries: number;
  /** Directory depth of a .json folder. */
  readonly maxDepth: number;
}

export const defaultLimits: SourceLimits = {
  maxRecordBytes: 16 * 2 ** 20,
  maxDownloadBytes: 4 * 2 ** 30,
  maxIndexBytes: 256 * 2 ** 20,
  maxEntries: 2_000_000,
  maxDepth: 32,
};

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
