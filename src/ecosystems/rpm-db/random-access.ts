import { type FileHandle, open } from 'node:fs/promises';

/** Positional reads over a database file, so large files are never held in memory at once. */
export interface RandomAccess {
  readonly size: number;
  /** Reads exactly `length` bytes at `offset`, or fewer at the end of the file. */
  read(offset: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

export function bufferAccess(buffer: Buffer): RandomAccess {
  return {
    size: buffer.length,
    read: async (offset, length) =>
      buffer.subarray(offset, Math.min(buffer.length, offset + length)),
    close: async () => {},
  };
}

export async function fileAccess(path: string): Promise<RandomAccess> {
  const handle: FileHandle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    size,
    async read(offset, length) {
      const want = Math.max(0, Math.min(length, size - offset));
      const buffer = Buffer.alloc(want);
      let done = 0;
      while (done < want) {
        const { bytesRead } = await handle.read(buffer, done, want - done, offset + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return done === want ? buffer : buffer.subarray(0, done);
    },
    close: () => handle.close(),
  };
}
