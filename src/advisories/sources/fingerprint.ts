import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { formatBytes } from '../limits.ts';
import { FolderError } from '../source.ts';

/**
 * SHA-256 of a small index file (modified_id.csv), read as a stream and capped; undefined when the
 * file does not exist.
 */
export async function fileFingerprint(path: string, maxBytes: number): Promise<string | undefined> {
  const hash = createHash('sha256');
  let length = 0;
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      length += chunk.length;
      if (length > maxBytes)
        throw new FolderError(`${path} is larger than ${formatBytes(maxBytes)}`);
      hash.update(chunk);
    }
  } catch (e) {
    if (e instanceof FolderError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new FolderError(`cannot read ${path}: ${code ?? (e as Error).message}`, { cause: e });
  }
  return `sha256:${hash.digest('hex')}`;
}
