import { type Dirent, existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { defaultLimits, type SourceLimits } from '../limits.ts';
import {
  type AdvisorySource,
  FolderError,
  type FolderList,
  type FolderSnapshot,
} from '../source.ts';
import { fileFingerprint } from './fingerprint.ts';
import { openZipFolder } from './zip-folder.ts';

/**
 * osv.dev's bucket layout on disk: `<dir>/<Ecosystem>/all.zip` plus `modified_id.csv`. Sub-folders
 * without all.zip (loose .json files, like the shared data's `sample/`) are not part of the layout;
 * they are reported as ignored, and can be imported on their own as a .json folder.
 */
export class OsvDirSource implements AdvisorySource {
  readonly kind = 'osv-dir';
  readonly location: string;
  readonly #limits: SourceLimits;

  constructor(dir: string, options: { limits?: SourceLimits } = {}) {
    this.location = resolve(dir);
    this.#limits = options.limits ?? defaultLimits;
  }

  async folders(): Promise<FolderList> {
    let dirents: Dirent[];
    try {
      dirents = await readdir(this.location, { withFileTypes: true });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      throw new FolderError(`cannot read ${this.location}: ${code}`, { cause: e });
    }
    const names: string[] = [];
    const ignored: string[] = [];
    for (const dirent of dirents.filter((d) => d.isDirectory())) {
      if (existsSync(join(this.location, dirent.name, 'all.zip'))) names.push(dirent.name);
      else ignored.push(dirent.name);
    }
    return { names: names.sort(), complete: true, ignored: ignored.sort() };
  }

  fingerprint(folder: string): Promise<string | undefined> {
    return fileFingerprint(
      join(this.location, folder, 'modified_id.csv'),
      this.#limits.maxIndexBytes,
    );
  }

  async open(folder: string): Promise<FolderSnapshot | undefined> {
    const zip = join(this.location, folder, 'all.zip');
    if (!existsSync(zip)) return undefined;
    return openZipFolder(zip, folder, { limits: this.#limits });
  }
}
