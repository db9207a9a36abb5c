import { existsSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SecflowError } from '../../core/errors.ts';
import { ecosystems } from '../../ecosystems/registry.ts';
import type { SourceLimits } from '../limits.ts';
import type { AdvisorySource } from '../source.ts';
import { JsonFolderSource } from './json-folder.ts';
import { OsvDirSource } from './osv-dir.ts';
import { type FetchLike, OSV_DEFAULT_BASE, OsvHttpSource } from './osv-http.ts';
import { ZipFileSource } from './zip-file.ts';

export interface SourceOptions {
  /** Resolves relative paths. */
  readonly cwd: string;
  readonly fetch?: FetchLike;
  readonly limits?: SourceLimits;
}

/**
 * The source `--source` names: an http(s) URL (osv.dev's layout on a mirror), a directory in
 * that layout, a directory holding all.zip, a single .zip, or a folder of .json files. No value
 * means osv.dev itself.
 */
export async function detectSource(
  spec: string | undefined,
  options: SourceOptions,
): Promise<AdvisorySource> {
  const limits = options.limits === undefined ? {} : { limits: options.limits };
  if (spec === undefined || /^https?:\/\//i.test(spec)) {
    return new OsvHttpSource(spec ?? OSV_DEFAULT_BASE, {
      ...limits,
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
      fallbackFolders: ecosystems.map((e) => e.id),
    });
  }
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(spec) && !/^file:/i.test(spec)) {
    throw new SecflowError('usage', `--source ${spec}: only http(s) URLs and local paths are read`);
  }
  const path = /^file:/i.test(spec) ? fileURLToPath(spec) : resolve(options.cwd, spec);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (e) {
    throw new SecflowError('input', `--source ${spec}: ${(e as NodeJS.ErrnoException).code}`, {
      cause: e,
      hint: 'give a URL, a directory in osv.dev layout, a .zip or a folder of .json files',
    });
  }
  if (!isDirectory) {
    if (await isZip(path)) return new ZipFileSource(path, limits);
    throw new SecflowError('usage', `--source ${spec}: not a zip file`, {
      hint: 'give a URL, a directory in osv.dev layout, a .zip or a folder of .json files',
    });
  }
  if (existsSync(join(path, 'all.zip'))) return new ZipFileSource(join(path, 'all.zip'), limits);
  const layout = new OsvDirSource(path, limits);
  if ((await layout.folders()).names.length > 0) return layout;
  return new JsonFolderSource(path, limits);
}

/** Zip files start with a local header, or an end record when empty. */
async function isZip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    const magic = head.readUInt32LE(0);
    return bytesRead === 4 && (magic === 0x04034b50 || magic === 0x06054b50);
  } finally {
    await handle.close();
  }
}
