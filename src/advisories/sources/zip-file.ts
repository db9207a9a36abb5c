import { basename, dirname, extname, join, resolve } from 'node:path';
import { defaultLimits, type SourceLimits } from '../limits.ts';
import type { AdvisorySource, FolderList, FolderSnapshot } from '../source.ts';
import { fileFingerprint } from './fingerprint.ts';
import { openZipFolder } from './zip-folder.ts';

/**
 * One zip of OSV records. Named all.zip it is taken as one folder of osv.dev's layout: the folder
 * is the parent directory's name and a modified_id.csv beside it is used. Otherwise the folder is
 * the file's name without extension.
 */
export class ZipFileSource implements AdvisorySource {
  readonly kind = 'zip';
  readonly location: string;
  readonly #folder: string;
  readonly #index: string | undefined;
  readonly #limits: SourceLimits;

  constructor(path: string, options: { limits?: SourceLimits } = {}) {
    this.location = resolve(path);
    const isAllZip = basename(this.location).toLowerCase() === 'all.zip';
    this.#folder = isAllZip
      ? basename(dirname(this.location))
      : basename(this.location, extname(this.location));
    this.#index = isAllZip ? join(dirname(this.location), 'modified_id.csv') : undefined;
    this.#limits = options.limits ?? defaultLimits;
  }

  async folders(): Promise<FolderList> {
    return { names: [this.#folder], complete: true };
  }

  async fingerprint(folder: string): Promise<string | undefined> {
    if (folder !== this.#folder || this.#index === undefined) return undefined;
    return fileFingerprint(this.#index, this.#limits.maxIndexBytes);
  }

  async open(folder: string): Promise<FolderSnapshot | undefined> {
    if (folder !== this.#folder) return undefined;
    return openZipFolder(this.location, folder, { limits: this.#limits });
  }
}
