/** One filesystem entry as a layer tar or a root filesystem walk presents it. */
export interface FsEntry {
  /** Normalized root-relative path ("etc/os-release"). */
  readonly path: string;
  readonly type: 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';
  readonly size: number;
  /** Permission bits. */
  readonly mode: number;
  /** Symlink target as written, or the normalized hard link target. */
  readonly linkname?: string;
  /** The body, at most once. */
  read(): AsyncIterable<Buffer>;
  /**
   * True when the body must be read to its end even if the reader loses interest (a tar
   * stream cannot skip ahead); false when stopping early is fine (a file on disk).
   */
  readonly sequential: boolean;
}

/** Reads a body up to `max` bytes; undefined when it is larger (the rest is drained or skipped). */
export async function readCapped(entry: FsEntry, max: number): Promise<Buffer | undefined> {
  if (entry.size > max) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  for await (const chunk of entry.read()) {
    if (over) continue;
    size += chunk.length;
    if (size > max) {
      over = true;
      chunks.length = 0;
      if (!entry.sequential) break;
      continue;
    }
    chunks.push(chunk);
  }
  return over ? undefined : Buffer.concat(chunks, size);
}
