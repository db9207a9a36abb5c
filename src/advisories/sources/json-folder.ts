import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import { defaultLimits, formatBytes, type SourceLimits } from '../limits.ts';
import {
  type AdvisorySource,
  contentIdentity,
  EntrySkip,
  FolderError,
  type FolderList,
  type FolderSnapshot,
  type SkippedRecord,
  type SourceEntry,
} from '../source.ts';

/**
 * A directory of OSV .json files, searched recursively, as one folder named after the directory.
 * Other files (READMEs, licences) are ignored; symbolic links are not followed.
 */
export class JsonFolderSource implements AdvisorySource {
  readonly kind = 'json-folder';
  readonly location: string;
  readonly #folder: string;
  readonly #limits: SourceLimits;

  constructor(dir: string, options: { limits?: SourceLimits } = {}) {
    this.location = resolve(dir);
    this.#folder = basename(this.location);
    this.#limits = options.limits ?? defaultLimits;
  }

  async folders(): Promise<FolderList> {
    return { names: [this.#folder], complete: true };
  }

  async fingerprint(): Promise<undefined> {
    return undefined;
  }

  async open(folder: string): Promise<FolderSnapshot | undefined> {
    if (folder !== this.#folder) return undefined;
    return openJsonFolder(this.location, folder, this.#limits);
  }
}

async function listJsonFiles(root: string, limits: SourceLimits): Promise<string[]> {
  const found: string[] = [];
  async function walk(relative: string, depth: number): Promise<void> {
    if (depth > limits.maxDepth)
      throw new FolderError(`${root} nests deeper than ${limits.maxDepth}`);
    let dirents: Dirent[];
    try {
      dirents = await readdir(join(root, relative), { withFileTypes: true });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      throw new FolderError(`cannot read ${join(root, relative)}: ${code}`, { cause: e });
    }
    dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const dirent of dirents) {
      const path = relative === '' ? dirent.name : `${relative}/${dirent.name}`;
      if (dirent.isDirectory()) await walk(path, depth + 1);
      else if (dirent.isFile() && dirent.name.toLowerCase().endsWith('.json')) {
        found.push(path);
        if (found.length > limits.maxEntries)
          throw new FolderError(`${root} holds more than ${limits.maxEntries} .json files`);
      }
    }
  }
  await walk('', 0);
  return found;
}

/** Reads a file unless it is over the cap, which is checked before reading. */
async function readCapped(path: string, limits: SourceLimits): Promise<Buffer> {
  let text: Buffer;
  try {
    const { size } = await stat(path);
    if (size > limits.maxRecordBytes) throw new EntrySkip('too-large', formatBytes(size));
    text = await readFile(path);
  } catch (e) {
    if (e instanceof EntrySkip) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new FolderError(`cannot read ${path}: ${code}`, { cause: e });
  }
  // The file may have grown since stat().
  if (text.length > limits.maxRecordBytes)
    throw new EntrySkip('too-large', formatBytes(text.length));
  return text;
}

async function openJsonFolder(
  root: string,
  folder: string,
  limits: SourceLimits,
): Promise<FolderSnapshot> {
  const entries: SourceEntry[] = [];
  const refused: SkippedRecord[] = [];
  // Loose files carry no checksum: the identity is computed from their bytes, like a zip's CRC.
  for (const name of await listJsonFiles(root, limits)) {
    const location = join(root, name);
    try {
      const text = await readCapped(location, limits);
      entries.push({ name, location, identity: contentIdentity(crc32(text), text.length) });
    } catch (e) {
      if (!(e instanceof EntrySkip)) throw e;
      refused.push({ folder, name, location, reason: e.reason, detail: e.message });
    }
  }
  return {
    folder,
    location: root,
    entries,
    refused,
    read: async (entry) => ({ text: await readCapped(entry.location, limits) }),
    close: async () => {},
  };
}
