import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FsEntry } from '../fs-entry.ts';

/**
 * The only place an image scan writes: one private directory under the OS temp dir, created on
 * first use and removed by `dispose()`. rpm databases are spooled here because SQLite and the
 * page-based formats want a file, and holding a 200 MB database in memory would break the
 * memory budget.
 */
export class TempSpace {
  #dir: string | undefined;
  #counter = 0;

  /** Writes the entry's body to a new private file; undefined if it exceeds `max` bytes. */
  async spool(entry: FsEntry, max: number): Promise<string | undefined> {
    if (entry.size > max) return undefined;
    this.#dir ??= await mkdtemp(join(tmpdir(), 'secflow-image-'));
    const dir = join(this.#dir, String(++this.#counter));
    await mkdir(dir);
    const file = join(dir, 'db');
    let written = 0;
    const chunks = entry.read();
    async function* capped(): AsyncGenerator<Buffer> {
      for await (const chunk of chunks) {
        written += chunk.length;
        if (written <= max) yield chunk;
      }
    }
    await pipeline(capped(), createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    return written > max ? undefined : file;
  }

  /** Removes a spooled file's private folder. */
  async release(file: string): Promise<void> {
    await rm(join(file, '..'), { recursive: true, force: true });
  }

  async dispose(): Promise<void> {
    if (this.#dir !== undefined) await rm(this.#dir, { recursive: true, force: true });
    this.#dir = undefined;
  }
}
