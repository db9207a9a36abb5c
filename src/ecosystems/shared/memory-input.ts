import { posix } from 'node:path';
import type { ExtractInput } from '../extractor.ts';

/**
 * An ExtractInput over in-memory files (path → content, relative to a scan root): for files
 * inside archives and for tests. readRelated resolves against the file's directory and refuses
 * anything that leaves the root, like the filesystem walker does.
 */
export function memoryInput(files: Readonly<Record<string, string>>, path: string): ExtractInput {
  const content = files[path];
  if (content === undefined) throw new Error(`no file ${path} among the given files`);
  return {
    path,
    content,
    readRelated: async (relative) => {
      const target = posix.normalize(posix.join(posix.dirname(path), relative));
      if (target.startsWith('../') || target === '..' || posix.isAbsolute(target)) return undefined;
      return files[target];
    },
  };
}
