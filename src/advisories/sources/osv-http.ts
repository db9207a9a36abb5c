import { createHash } from 'node:crypto';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecflowError } from '../../core/errors.ts';
import { defaultLimits, formatBytes, type SourceLimits } from '../limits.ts';
import {
  type AdvisorySource,
  FolderError,
  type FolderList,
  type FolderSnapshot,
} from '../source.ts';
import { openZipFolder } from './zip-folder.ts';

/** osv.dev's public bucket of OSV exports. */
export const OSV_DEFAULT_BASE = 'https://osv-vulnerabilities.storage.googleapis.com';

/** The global fetch's shape, injected so tests can pass a fake or talk to a local server. */
export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

/** A request that receives nothing (no headers, no body bytes) for this long fails. */
export const DEFAULT_STALL_MS = 60_000;

/**
 * Aborts a request that goes quiet: armed when the request starts, re-armed on every chunk, so a
 * slow but moving download of a large all.zip is fine while a stalled mirror fails in bounded time
 * rather than hanging a CI job.
 */
class StallGuard {
  readonly #controller = new AbortController();
  readonly #ms: number;
  #timer: NodeJS.Timeout | undefined;
  stalled = false;

  constructor(ms: number) {
    this.#ms = ms;
    this.touch();
  }

  /** The request's signal: the caller's, and this guard's. */
  signal(outer: AbortSignal | undefined): AbortSignal {
    return outer === undefined
      ? this.#controller.signal
      : AbortSignal.any([outer, this.#controller.signal]);
  }

  touch(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.stalled = true;
      this.#controller.abort();
    }, this.#ms);
    this.#timer.unref();
  }

  done(): void {
    clearTimeout(this.#timer);
  }

  describe(url: string): string {
    return `no data from ${url} for ${this.#ms / 1000} s`;
  }
}

/** A response still being received, with the guard that watches it. */
interface Download {
  readonly response: Response;
  readonly url: string;
  readonly guard: StallGuard;
}

/**
 * osv.dev's published layout over HTTP(S), from osv.dev or any mirror:
 * `<base>/ecosystems.txt`, `<base>/<Ecosystem>/modified_id.csv` and `<base>/<Ecosystem>/all.zip`.
 * A zip is streamed to a temporary file (capped) and read from there, never held in memory.
 */
export class OsvHttpSource implements AdvisorySource {
  readonly kind = 'osv-http';
  readonly location: string;
  readonly #fetch: FetchLike;
  readonly #limits: SourceLimits;
  readonly #tmpDir: string;
  readonly #fallbackFolders: readonly string[];
  readonly #stallMs: number;

  constructor(
    base: string,
    options: {
      fetch?: FetchLike;
      limits?: SourceLimits;
      tmpDir?: string;
      /** Folders to try when the mirror has no ecosystems.txt. */
      fallbackFolders?: readonly string[];
      /** Milliseconds without a byte before a request fails (default DEFAULT_STALL_MS). */
      stallMs?: number;
    } = {},
  ) {
    this.location = base.replace(/\/+$/, '');
    this.#fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.#limits = options.limits ?? defaultLimits;
    this.#tmpDir = options.tmpDir ?? tmpdir();
    this.#fallbackFolders = options.fallbackFolders ?? [];
    this.#stallMs = options.stallMs ?? DEFAULT_STALL_MS;
  }

  async folders(signal?: AbortSignal): Promise<FolderList> {
    const url = `${this.location}/ecosystems.txt`;
    const download = await this.#get(url, signal, (m) => new SecflowError('source', m));
    if (download === undefined) return { names: this.#fallbackFolders, complete: false };
    const text = (await readCapped(download, this.#limits.maxIndexBytes)).toString('utf8');
    // Entries may carry a release ("Debian:11"); osv.dev's folders are the part before the colon.
    const names = new Set(
      text
        .split(/\r?\n/)
        .map((line) => line.split(':')[0]?.trim() ?? '')
        .filter((name) => name !== '' && !name.includes('/') && name !== '..' && name !== '.'),
    );
    return { names: [...names].sort(), complete: true };
  }

  async fingerprint(folder: string, signal?: AbortSignal): Promise<string | undefined> {
    const url = this.#url(folder, 'modified_id.csv');
    const download = await this.#get(url, signal, (m) => new FolderError(m));
    if (download === undefined) return undefined;
    const hash = createHash('sha256');
    await consume(download, this.#limits.maxIndexBytes, (chunk) => hash.update(chunk));
    return `sha256:${hash.digest('hex')}`;
  }

  async open(folder: string, signal?: AbortSignal): Promise<FolderSnapshot | undefined> {
    const url = this.#url(folder, 'all.zip');
    const download = await this.#get(url, signal, (m) => new FolderError(m));
    if (download === undefined) return undefined;
    const declared = Number(download.response.headers.get('content-length') ?? Number.NaN);
    if (declared > this.#limits.maxDownloadBytes) {
      download.guard.done();
      await download.response.body?.cancel();
      throw new FolderError(`${url} is ${formatBytes(declared)}, over the download cap`);
    }
    const dir = await mkdtemp(join(this.#tmpDir, 'secflow-osv-'));
    try {
      const path = join(dir, 'all.zip');
      const file = await open(path, 'w');
      try {
        await consume(download, this.#limits.maxDownloadBytes, (chunk) => file.write(chunk));
      } finally {
        await file.close();
      }
      const snapshot = await openZipFolder(path, folder, { display: url, limits: this.#limits });
      return {
        ...snapshot,
        close: async () => {
          await snapshot.close();
          await rm(dir, { recursive: true, force: true });
        },
      };
    } catch (e) {
      await rm(dir, { recursive: true, force: true });
      throw e;
    }
  }

  #url(folder: string, file: string): string {
    return `${this.location}/${encodeURIComponent(folder)}/${file}`;
  }

  /** The response, or undefined for 404; `failure` builds the error for any other status. */
  async #get(
    url: string,
    signal: AbortSignal | undefined,
    failure: (message: string) => SecflowError,
  ): Promise<Download | undefined> {
    const guard = new StallGuard(this.#stallMs);
    let response: Response;
    try {
      response = await this.#fetch(url, { signal: guard.signal(signal) });
    } catch (e) {
      guard.done();
      if (signal?.aborted) throw e;
      const why = guard.stalled ? guard.describe(url) : `cannot reach ${url}: ${fetchFailure(e)}`;
      throw new SecflowError('source', why, {
        cause: e,
        hint: 'check --source and the network; the advisory database was not changed',
      });
    }
    if (response.status === 404 || !response.ok) {
      guard.done();
      await response.body?.cancel();
      if (response.status === 404) return undefined;
      throw failure(`${url}: HTTP ${response.status} ${response.statusText}`.trimEnd());
    }
    guard.touch();
    return { response, url, guard };
  }
}

/** The useful part of undici's "fetch failed": ECONNREFUSED, ENOTFOUND, a TLS error… */
function fetchFailure(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (e as Error).message ?? String(e);
}

async function consume(
  { response, url, guard }: Download,
  maxBytes: number,
  sink: (chunk: Uint8Array) => unknown,
): Promise<void> {
  const body = response.body;
  let length = 0;
  try {
    if (body === null) return;
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      guard.touch();
      length += chunk.length;
      if (length > maxBytes)
        throw new FolderError(`${url} is larger than ${formatBytes(maxBytes)}`);
      await sink(chunk);
    }
  } catch (e) {
    if (e instanceof SecflowError) throw e;
    const received = formatBytes(length);
    if (guard.stalled)
      throw new FolderError(`download stalled after ${received}: ${guard.describe(url)}`, {
        cause: e,
      });
    if ((e as Error).name === 'AbortError') throw e;
    throw new FolderError(`download of ${url} failed after ${received}: ${fetchFailure(e)}`, {
      cause: e,
    });
  } finally {
    guard.done();
  }
}

async function readCapped(download: Download, maxBytes: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  await consume(download, maxBytes, (chunk) => chunks.push(chunk));
  return Buffer.concat(chunks);
}
