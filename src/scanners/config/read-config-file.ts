import { readFile, stat } from 'node:fs/promises';

/** Pipeline and build definitions are small; anything larger is refused unread. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export type ReadResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly code: string; readonly message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a configuration file as UTF-8 text, refusing oversized and binary files. */
export async function readConfigFile(
  absolutePath: string,
  knownSize?: number,
): Promise<ReadResult> {
  let size = knownSize;
  try {
    size ??= (await stat(absolutePath)).size;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT'
      ? { ok: false, code: 'not-found', message: 'file not found' }
      : { ok: false, code: 'unreadable', message: `cannot read: ${(e as Error).message}` };
  }
  if (size > MAX_CONFIG_BYTES) {
    return {
      ok: false,
      code: 'too-large',
      message: `${size} bytes, more than the ${MAX_CONFIG_BYTES}-byte limit for configuration files; not checked`,
    };
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(absolutePath);
  } catch (e) {
    return { ok: false, code: 'unreadable', message: `cannot read: ${(e as Error).message}` };
  }
  // The file may have grown between stat and read.
  if (bytes.length > MAX_CONFIG_BYTES)
    return { ok: false, code: 'too-large', message: 'file grew past the size limit; not checked' };
  if (bytes.subarray(0, 8192).includes(0))
    return { ok: false, code: 'binary', message: 'binary content, not a text file; not checked' };
  try {
    return { ok: true, text: utf8.decode(bytes).replace(/^\uFEFF/, '') };
  } catch {
    return { ok: false, code: 'binary', message: 'not valid UTF-8 text; not checked' };
  }
}
