import { normalizeEntryPath, parentOf } from '../paths.ts';
import type { Vfs } from '../vfs.ts';
import type { Captured } from './captured.ts';

/**
 * ExtractInput.readRelated over the image: resolves a path relative to `path`'s folder through
 * the image's own symlinks, never above the image root, and returns captured text only.
 */
export function relatedReader(
  vfs: Vfs<Captured>,
  path: string,
): (relativePath: string) => Promise<string | undefined> {
  return async (relativePath) => {
    const joined = relativePath.startsWith('/')
      ? normalizeEntryPath(relativePath)
      : normalizeEntryPath(`${parentOf(path)}/${relativePath}`);
    if (joined === undefined) return undefined;
    return readText(vfs, joined);
  };
}

/** The captured text at a root-relative path, following the image's symlinks. */
export function readText(vfs: Vfs<Captured>, path: string): string | undefined {
  const resolved = vfs.resolve(path);
  if (!resolved.ok || resolved.node?.kind !== 'file') return undefined;
  const data = resolved.node.data;
  return data.kind === 'os' || data.kind === 'text' ? data.text : undefined;
}
