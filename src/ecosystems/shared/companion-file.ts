import type { ExtractInput } from '../extractor.ts';

/**
 * Reads a file beside the one being extracted (the manifest beside a lockfile) and derives facts
 * from it with `read`. Undefined when the file is missing or `read` throws: a broken companion
 * costs the facts it adds (direct, dev), never the extraction itself.
 */
export async function readCompanion<T>(
  input: ExtractInput,
  name: string,
  read: (content: string) => T,
): Promise<T | undefined> {
  const content = await input.readRelated(name);
  if (content === undefined) return undefined;
  try {
    return read(content);
  } catch {
    return undefined;
  }
}
