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

  constructor(
    base: string,
    options: {
      fetch?: FetchLike;
      limits?: SourceLimits;
      tmpDir?: string;
      /** Folders to try when the mirror has no ecosystems.txt. */
      fallbackFolders?: readonly string[];
    } = {},
  ) {
    this.location = base.replace(/\/+$/, '');
    this.#fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.#limits = options.limits ?? defaultLimits;
    this.#tmpDir = options.tmpDir ?? tmpdir();
    this.#fallbackFolders = options.fallbackFolders ?? [];
  }

  async folders(signal?: AbortSignal): Promise<FolderList> {
    const url = `${this.location}/ecosystems.txt`;
    const response = await this.#get(url, signal, (m) => new SecflowError('source', m));
    if (response === undefined) return { names: this.#fallbackFolders, complete: false };
    const text = (await readCapped(response, url, this.#limits.maxIndexBytes)).toString('utf8');
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
    const response = await this.#get(url, signal, (m) => new FolderError(m));
    if (response === undefined) return undefined;
    const hash = createHash('sha256');
    await consume(response, url, this.#limits.maxIndexBytes, (chunk) => hash.update(chunk));
    return `sha256:${hash.digest('hex')}`;
  }

  async open(folder: string, signal?: AbortSignal): Promise<FolderSnapshot | undefined> {
    const url = this.#url(folder, 'all.zip');
    const response = await this.#get(url, signal, (m) => new FolderError(m));
    if (response === undefined) return undefined;
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > this.#limits.maxDownloadBytes) {
      await response.body?.cancel();
      throw new FolderError(`${url} is ${formatBytes(declared)}, over the download cap`);
    }
    const dir = await mkdtemp(join(this.#tmpDir, 'secflow-osv-'));
    try {
      const path = join(dir, 'all.zip');
      const file = await open(path, 'w');
      try {
        await consume(response, url, this.#limits.maxDownloadBytes, (chunk) => file.write(chunk));
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
  ): Promise<Response | undefined> {
    let response: Response;
    try {
      response = await this.#fetch(url, signal === undefined ? {} : { signal });
    } catch (e) {
      if (signal?.aborted) throw e;
      throw new SecflowError('source', `cannot reach ${url}: ${fetchFailure(e)}`, {
        cause: e,
        hint: 'check --source and the network; the advisory database was not changed',
      });
    }
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw failure(`${url}: HTTP ${response.status} ${response.statusText}`.trimEnd());
    }
    return response;
  }
}

/** The useful part of undici's "fetch failed": ECONNREFUSED, ENOTFOUND, a TLS error… */
function fetchFailure(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (e as Error).message ?? String(e);
}

async function consume(
  response: Response,
  url: string,
  maxBytes: number,
  sink: (chunk: Uint8Array) => unknown,
): Promise<void> {
  const body = response.body;
  if (body === null) return;
  let length = 0;
  try {
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      length += chunk.length;
      if (length > maxBytes)
        throw new FolderError(`${url} is larger than ${formatBytes(maxBytes)}`);
      await sink(chunk);
    }
  } catch (e) {
    if (e instanceof SecflowError || (e as Error).name === 'AbortError') throw e;
    throw new FolderError(
      `download of ${url} failed after ${formatBytes(length)}: ${fetchFailure(e)}`,
      {
        cause: e,
      },
    );
  }
}

async function readCapped(response: Response, url: string, maxBytes: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  await consume(response, url, maxBytes, (chunk) => chunks.push(chunk));
  return Buffer.concat(chunks);
}
