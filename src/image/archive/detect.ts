import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { indexTar } from './tar-index.ts';

export type ImageKind = 'docker-archive' | 'oci-layout' | 'oci-archive';

/**
 * What kind of image `path` holds, from its layout alone: a directory with oci-layout and
 * index.json, or a tar with manifest.json (docker save; newer dockers add an OCI layout beside
 * it) or with oci-layout and index.json. Undefined for anything else, so the scan command can
 * treat the path as a directory or file to scan instead.
 */
export async function detectImageKind(path: string): Promise<ImageKind | undefined> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    return undefined;
  }
  if (info.isDirectory()) {
    const layout = await stat(join(path, 'oci-layout')).catch(() => undefined);
    const index = await stat(join(path, 'index.json')).catch(() => undefined);
    return layout?.isFile() && index?.isFile() ? 'oci-layout' : undefined;
  }
  if (!info.isFile() || info.size < 1024) return undefined;
  const handle = await open(path, 'r');
  try {
    const names = new Set(
      (await indexTar(handle, info.size)).map((m) => m.name.replace(/^\.\//, '')),
    );
    if (names.has('manifest.json')) return 'docker-archive';
    if (names.has('oci-layout') && names.has('index.json')) return 'oci-archive';
    return undefined;
  } catch {
    return undefined; // not a tar at all
  } finally {
    await handle.close();
  }
}
