import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar, { type Header } from 'tar-stream';
import type { FsEntry } from '../fs-entry.ts';
import { normalizeEntryPath } from '../paths.ts';
import {
  ByteCounter,
  type Compression,
  decompressor,
  ExpansionGuard,
  type ExpansionLimits,
} from './decompress.ts';

/** Why an entry of a layer could not be used; reported as a warning. */
export interface EntryProblem {
  readonly path: string;
  readonly code: 'unsafe-path';
  readonly message: string;
}

export interface LayerReadOptions {
  readonly compression: Compression;
  readonly limits: ExpansionLimits;
  readonly signal?: AbortSignal;
  /** Called with each chunk's size as compressed bytes are read. */
  readonly onBytes: (bytes: number) => void;
  readonly onProblem: (problem: EntryProblem) => void;
}

function entryType(type: Header['type'] | undefined | null): FsEntry['type'] {
  switch (type) {
    case 'file':
    case 'contiguous-file':
    case undefined:
    case null:
      return 'file';
    case 'directory':
      return 'dir';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'hardlink';
    default:
      return 'other';
  }
}

/**
 * Streams one layer blob through its decoder and a tar parser, handing each entry to `onEntry`
 * in order. Nothing is written to disk and no body is held unless `onEntry` reads it; bodies it
 * does not read are drained. Entry names that climb out of the root are reported and skipped.
 * Throws the decoder's or parser's error for a corrupt layer, ExpansionLimitError for a bomb.
 */
export async function readLayer(
  source: Readable,
  onEntry: (entry: FsEntry) => Promise<void>,
  options: LayerReadOptions,
): Promise<void> {
  // allowUnknownFormat: pre-POSIX tars (v7) have no ustar magic but are valid layers.
  const extract = tar.extract({ allowUnknownFormat: true } as Parameters<typeof tar.extract>[0]);
  const counter = new ByteCounter(options.onBytes);
  const guard = new ExpansionGuard(options.limits, () => counter.bytes);
  extract.on('entry', (header, stream, next) => {
    handleEntry(header, stream as unknown as Readable, onEntry, options).then(
      () => next(),
      (e: unknown) => next(e instanceof Error ? e : new Error(String(e))),
    );
  });
  const decoder = decompressor(options.compression);
  const stages = decoder === undefined ? [counter, guard] : [counter, decoder, guard];
  await pipeline([source, ...stages, extract], options.signal ? { signal: options.signal } : {});
}

async function handleEntry(
  header: Header,
  stream: Readable,
  onEntry: (entry: FsEntry) => Promise<void>,
  options: LayerReadOptions,
): Promise<void> {
  let consumed = false;
  const ended = new Promise<void>((resolve) => {
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', () => resolve());
  });
  const path = normalizeEntryPath(header.name);
  const type = entryType(header.type);
  if (path === undefined) {
    options.onProblem({
      path: header.name,
      code: 'unsafe-path',
      message: `entry ${JSON.stringify(header.name)} points outside the image root; ignored`,
    });
  } else if (path !== '') {
    const linkname =
      type === 'hardlink'
        ? normalizeEntryPath(header.linkname ?? '')
        : (header.linkname ?? undefined);
    if (type === 'hardlink' && linkname === undefined) {
      options.onProblem({
        path,
        code: 'unsafe-path',
        message: `hard link to ${JSON.stringify(header.linkname)} points outside the image root; ignored`,
      });
    } else {
      await onEntry({
        path,
        type,
        size: header.size ?? 0,
        mode: header.mode ?? 0,
        ...(linkname === undefined || linkname === null ? {} : { linkname }),
        sequential: true,
        read() {
          consumed = true;
          return stream as AsyncIterable<Buffer>;
        },
      });
    }
  }
  if (!consumed) stream.resume();
  await ended;
}
