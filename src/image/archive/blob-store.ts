import { createReadStream } from 'node:fs';
import { type FileHandle, lstat, open, realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { Readable } from 'node:stream';
import { joinInsideRoot, normalizeEntryPath, parentOf } from '../paths.ts';
import { indexTar, type TarMember } from './tar-index.ts';

/**
 * The files of an image as stored: an OCI layout directory, or a tar (docker save, OCI archive)
 * read in place. Names are relative ("index.json", "blobs/sha256/…", "abc/layer.tar").
 */
export interface BlobStore {
  /** What the user pointed at, for messages. */
  readonly location: string;
  /** Size in bytes, or undefined when the blob is absent. */
  size(name: string): Promise<number | undefined>;
  /** Reads a small file whole (manifests, configs); undefined when absent or larger than max. */
  readSmall(name: string, max: number): Promise<Buffer | undefined>;
  /** Streams a blob; the caller must know it exists. */
  open(name: string): Readable;
  /** The first `length` bytes of a blob, to sniff its compression. */
  head(name: string, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

const MAX_LINK_HOPS = 16;

/** An OCI image layout directory. Names that would leave the directory are refused. */
export async function directoryStore(dir: string): Promise<BlobStore> {
  const root = await realpath(dir);
  const resolve = async (name: string): Promise<string | undefined> => {
    const normalized = normalizeEntryPath(name);
    if (normalized === undefined || normalized === '') return undefined;
    try {
      const real = await realpath(join(root, normalized));
      if (real !== root && !real.startsWith(root + sep)) return undefined;
      const stat = await lstat(real);
      return stat.isFile() ? real : undefined;
    } catch {
      return undefined;
    }
  };
  const paths = new Map<string, string>();
  return {
    location: dir,
    async size(name) {
      const path = await resolve(name);
      if (path === undefined) return undefined;
      paths.set(name, path);
      return (await lstat(path)).size;
    },
    async readSmall(name, max) {
      const path = await resolve(name);
      if (path === undefined) return undefined;
      const handle = await open(path, 'r');
      try {
        const { size } = await handle.stat();
        if (size > max) return undefined;
        return await handle.readFile();
      } finally {
        await handle.close();
      }
    },
    open(name) {
      const path = paths.get(name) ?? join(root, normalizeEntryPath(name) ?? '');
      return createReadStream(path, { highWaterMark: 1024 * 1024 });
    },
    async head(name, length) {
      const path = await resolve(name);
      if (path === undefined) return Buffer.alloc(0);
      const handle = await open(path, 'r');
      try {
        const { buffer, bytesRead } = await handle.read(Buffer.alloc(length), 0, length, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    close: async () => {},
  };
}

/** A tar file of an image (docker save, OCI archive), indexed once and read in place. */
export async function tarStore(path: string): Promise<BlobStore> {
  const handle: FileHandle = await open(path, 'r');
  let members: TarMember[];
  try {
    members = await indexTar(handle, (await handle.stat()).size);
  } catch (e) {
    await handle.close();
    throw e;
  }
  const byName = new Map<string, TarMember>();
  for (const m of members) {
    const name = normalizeEntryPath(m.name);
    if (name !== undefined && name !== '') byName.set(name, m);
  }
  // docker save links repeated layers to the first copy ("../<id>/layer.tar"); follow links.
  const find = (name: string): TarMember | undefined => {
    let current = normalizeEntryPath(name);
    for (let hop = 0; current !== undefined && hop < MAX_LINK_HOPS; hop++) {
      const member = byName.get(current);
      if (member === undefined) return undefined;
      if (member.type === 'file') return member;
      if (member.linkname === undefined) return undefined;
      current =
        member.type === 'symlink'
          ? joinInsideRoot(parentOf(current), member.linkname)
          : normalizeEntryPath(member.linkname);
    }
    return undefined;
  };
  const read = async (m: TarMember): Promise<Buffer> => {
    const buffer = Buffer.alloc(m.size);
    let done = 0;
    while (done < m.size) {
      const { bytesRead } = await handle.read(buffer, done, m.size - done, m.offset + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return buffer.subarray(0, done);
  };
  return {
    location: path,
    size: async (name) => find(name)?.size,
    async readSmall(name, max) {
      const m = find(name);
      return m === undefined || m.size > max ? undefined : read(m);
    },
    open(name) {
      const m = find(name);
      if (m === undefined) throw new Error(`${name} is not in ${path}`);
      // An empty range would make createReadStream read to the end of the file.
      if (m.size === 0) return Readable.from([]);
      return createReadStream(path, {
        start: m.offset,
        end: m.offset + m.size - 1,
        highWaterMark: 1024 * 1024,
      });
    },
    async head(name, length) {
      const m = find(name);
      return m === undefined ? Buffer.alloc(0) : read({ ...m, size: Math.min(m.size, length) });
    },
    close: () => handle.close(),
  };
}
