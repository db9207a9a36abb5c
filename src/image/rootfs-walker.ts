import { constants } from 'node:fs';
import { lstat, open, opendir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { FsEntry } from './fs-entry.ts';

/** Kernel-provided trees that are not part of an unpacked filesystem and can be endless. */
const VIRTUAL_TOP_DIRS = new Set(['proc', 'sys']);

export interface WalkProblem {
  readonly path: string;
  readonly code: 'unreadable' | 'symlink-loop';
  readonly message: string;
}

/**
 * Walks a root filesystem on disk without following symlinks (they are reported as symlinks and
 * resolved later inside the root), visiting each directory once even through bind mounts, and
 * reporting unreadable parts instead of failing. Files are opened only when their body is read,
 * with O_NOFOLLOW and O_NONBLOCK so a swapped-in symlink or FIFO cannot redirect or hang us.
 */
export async function* walkRootfs(
  root: string,
  onProblem: (problem: WalkProblem) => void,
  signal?: AbortSignal,
): AsyncGenerator<FsEntry> {
  const seen = new Set<string>();
  const rootStat = await lstat(root);
  seen.add(`${rootStat.dev}:${rootStat.ino}`);
  const stack: string[] = [''];
  while (stack.length > 0) {
    signal?.throwIfAborted();
    const dir = stack.pop() as string;
    let handle: Awaited<ReturnType<typeof opendir>>;
    try {
      handle = await opendir(join(root, dir));
    } catch (e) {
      onProblem({
        path: dir || '.',
        code: 'unreadable',
        message: `directory not readable: ${(e as Error).message}`,
      });
      continue;
    }
    const names: string[] = [];
    for await (const d of handle) names.push(d.name);
    names.sort();
    for (const name of names) {
      const path = dir === '' ? name : `${dir}/${name}`;
      if (dir === '' && VIRTUAL_TOP_DIRS.has(name)) continue;
      const full = join(root, path);
      let info: Awaited<ReturnType<typeof lstat>>;
      try {
        info = await lstat(full);
      } catch (e) {
        onProblem({ path, code: 'unreadable', message: (e as Error).message });
        continue;
      }
      const mode = info.mode & 0o7777;
      if (info.isDirectory()) {
        const id = `${info.dev}:${info.ino}`;
        if (seen.has(id)) {
          onProblem({
            path,
            code: 'symlink-loop',
            message: 'directory already visited (bind mount loop); skipped',
          });
          continue;
        }
        seen.add(id);
        stack.push(path);
        yield { path, type: 'dir', size: 0, mode, sequential: false, read: empty };
      } else if (info.isSymbolicLink()) {
        let target: string;
        try {
          target = await readlink(full);
        } catch (e) {
          onProblem({ path, code: 'unreadable', message: (e as Error).message });
          continue;
        }
        yield {
          path,
          type: 'symlink',
          size: 0,
          mode,
          linkname: target,
          sequential: false,
          read: empty,
        };
      } else if (info.isFile()) {
        yield {
          path,
          type: 'file',
          size: info.size,
          mode,
          sequential: false,
          read: () => readFile(full),
        };
      } else {
        yield { path, type: 'other', size: 0, mode, sequential: false, read: empty };
      }
    }
  }
}

async function* empty(): AsyncGenerator<Buffer> {}

const CHUNK = 1024 * 1024;

async function* readFile(path: string): AsyncGenerator<Buffer> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    if (!(await handle.stat()).isFile()) throw new Error('no longer a regular file');
    for (;;) {
      const { bytesRead, buffer } = await handle.read(Buffer.allocUnsafe(CHUNK), 0, CHUNK, null);
      if (bytesRead === 0) break;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}
