import { readSync } from 'node:fs';

/**
 * Reads a file through a few cached 1 MiB blocks. A zip is read at two moving spots (the central
 * directory, then the entries in order), each in pieces of a few dozen bytes to a few KB: serving
 * them from blocks turns four system calls per record into one per megabyte. Evicted blocks' memory
 * is reused: a fresh megabyte costs the kernel hundreds of page faults, more than reading it.
 */
/** Blocks of files already read, for the next one (an import reads a zip per folder). */
const spare: Buffer[] = [];
const SPARE_SIZE = 2 ** 20;
const MAX_SPARE = 8;

export class BlockFile {
  readonly #fd: number;
  readonly #size: number;
  readonly #blockSize: number;
  readonly #maxBlocks: number;
  /** Whole-block memory by block index, most recently used last. */
  readonly #blocks = new Map<number, Buffer>();

  constructor(fd: number, size: number, options: { blockSize?: number; maxBlocks?: number } = {}) {
    this.#fd = fd;
    this.#size = size;
    this.#blockSize = options.blockSize ?? SPARE_SIZE;
    this.#maxBlocks = options.maxBlocks ?? 4;
  }

  /** A copy of `length` bytes at `position` (blocks are reused, so views into them would change). */
  slice(position: number, length: number): Buffer {
    const buffer = Buffer.allocUnsafe(length);
    this.readInto(buffer, 0, length, position);
    return buffer;
  }

  /**
   * `length` bytes at `position` to look at right away: a view into a cached block when they lie
   * in one (valid only until the next read), else a copy. Saves a copy per zip header.
   */
  view(position: number, length: number): Buffer {
    this.#check(position, length);
    const index = Math.floor(position / this.#blockSize);
    const start = position - index * this.#blockSize;
    if (start + length > this.#blockSize) return this.slice(position, length);
    return this.#block(index).subarray(start, start + length);
  }

  readInto(buffer: Buffer, offset: number, length: number, position: number): void {
    this.#check(position, length);
    if (length > this.#blockSize) {
      // Large pieces bypass the cache rather than evicting it.
      readFully(this.#fd, buffer, offset, length, position);
      return;
    }
    let done = 0;
    while (done < length) {
      const at = position + done;
      const index = Math.floor(at / this.#blockSize);
      const start = at - index * this.#blockSize;
      const block = this.#block(index);
      const n = Math.min(length - done, block.length - start);
      block.copy(buffer, offset + done, start, start + n);
      done += n;
    }
  }

  #check(position: number, length: number): void {
    if (position < 0 || length < 0 || position + length > this.#size)
      throw new Error(`read of ${length} bytes at ${position} is past the end of the file`);
  }

  /** Hands the blocks' memory to the next file read: call when done with this one. */
  release(): void {
    for (const memory of this.#blocks.values())
      if (memory.length === SPARE_SIZE && spare.length < MAX_SPARE) spare.push(memory);
    this.#blocks.clear();
  }

  /** The block's bytes (the last block of the file is shorter). */
  #block(index: number): Buffer {
    const start = index * this.#blockSize;
    const length = Math.min(this.#blockSize, this.#size - start);
    const cached = this.#blocks.get(index);
    if (cached !== undefined) {
      this.#blocks.delete(index);
      this.#blocks.set(index, cached);
      return cached.subarray(0, length);
    }
    let memory: Buffer | undefined;
    if (this.#blocks.size >= this.#maxBlocks) {
      const [oldest, evicted] = this.#blocks.entries().next().value ?? [];
      if (oldest !== undefined) this.#blocks.delete(oldest);
      memory = evicted;
    }
    memory ??=
      (this.#blockSize === SPARE_SIZE ? spare.pop() : undefined) ??
      Buffer.allocUnsafe(this.#blockSize);
    readFully(this.#fd, memory, 0, length, start);
    this.#blocks.set(index, memory);
    return memory.subarray(0, length);
  }
}

function readFully(fd: number, buffer: Buffer, offset: number, length: number, position: number) {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, offset + done, length - done, position + done);
    if (n === 0) throw new Error(`unexpected end of file at byte ${position + done}`);
    done += n;
  }
}
