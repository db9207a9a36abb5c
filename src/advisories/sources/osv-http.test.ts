import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecflowError } from '../../core/errors.ts';
import { defaultLimits } from '../limits.ts';
import { FolderError } from '../source.ts';
import { type LayoutServer, serveLayout, unreachableUrl } from '../testing/layout-server.ts';
import { byFolder, sampleRecords, tempDir, writeLayout } from '../testing/osv-layout.ts';
import { OsvDirSource } from './osv-dir.ts';
import { OsvHttpSource } from './osv-http.ts';

// Talks to a real HTTP server on 127.0.0.1 (random port); no other network.
describe('OsvHttpSource', () => {
  const root = tempDir('osv-http-root');
  const tmp = tempDir('osv-http-tmp');
  writeLayout(root, byFolder(sampleRecords()));
  let server: LayoutServer;
  beforeAll(async () => {
    server = await serveLayout(root);
  });
  afterAll(() => server.close());

  const source = () =>
    new OsvHttpSource(`${server.url}/`, { tmpDir: tmp, fallbackFolders: ['PyPI', 'NuGet'] });

  it('falls back to the known folders when the mirror has no ecosystems.txt', async () => {
    expect(await source().folders()).toEqual({ names: ['PyPI', 'NuGet'], complete: false });
  });

  it('reads ecosystems.txt, cutting releases and dropping path-like lines', async () => {
    writeFileSync(join(root, 'ecosystems.txt'), 'PyPI\nDebian:11\nDebian\n../etc\n\nRed Hat\n');
    try {
      expect(await source().folders()).toEqual({
        names: ['Debian', 'PyPI', 'Red Hat'],
        complete: true,
      });
    } finally {
      rmSync(join(root, 'ecosystems.txt'));
    }
  });

  it('fingerprints modified_id.csv exactly as the directory source does', async () => {
    expect(await source().fingerprint('Go')).toBe(await new OsvDirSource(root).fingerprint('Go'));
    expect(await source().fingerprint('NuGet')).toBeUndefined();
  });

  it('downloads all.zip to a temporary file, reads it, and removes it on close', async () => {
    const snapshot = await source().open('PyPI');
    if (snapshot === undefined) throw new Error('no snapshot');
    expect(snapshot.location).toBe(`${server.url}/PyPI/all.zip`);
    expect(readdirSync(tmp)).toHaveLength(1);
    const [entry] = snapshot.entries;
    if (entry === undefined) throw new Error('no entries');
    expect(entry.location).toBe(`${server.url}/PyPI/all.zip!PYSEC-2022-15.json`);
    expect(JSON.parse((await snapshot.read(entry)).text.toString()).id).toBe('PYSEC-2022-15');
    await snapshot.close();
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('encodes folder names in URLs', async () => {
    expect(await source().open('Red Hat')).toBeUndefined();
    expect(server.requests).toContain('/Red Hat/all.zip');
  });

  it('fails the folder on an HTTP error, and leaves no temporary file', async () => {
    server.failures.set('/Go/all.zip', 500);
    try {
      const error = await source()
        .open('Go')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FolderError);
      expect((error as Error).message).toBe(
        `${server.url}/Go/all.zip: HTTP 500 Internal Server Error`,
      );
    } finally {
      server.failures.clear();
    }
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('stops a download at the size cap', async () => {
    const capped = new OsvHttpSource(server.url, {
      tmpDir: tmp,
      limits: { ...defaultLimits, maxDownloadBytes: 1000 },
    });
    await expect(capped.open('Go')).rejects.toThrow(/all\.zip is .* over the download cap/);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('stops a download without Content-Length at the size cap too', async () => {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(64 * 1024)); // endless
      },
    });
    const endless = new OsvHttpSource('https://mirror.test/osv', {
      tmpDir: tmp,
      limits: { ...defaultLimits, maxDownloadBytes: 1_000_000 },
      fetch: async () => new Response(body, { status: 200 }),
    });
    await expect(endless.open('Go')).rejects.toThrow(
      'https://mirror.test/osv/Go/all.zip is larger than 977 KiB',
    );
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('aborts the whole update (not just a folder) when the server cannot be reached', async () => {
    const url = await unreachableUrl();
    const error = await new OsvHttpSource(url).folders().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecflowError);
    expect(error).not.toBeInstanceOf(FolderError);
    expect(error).toMatchObject({
      code: 'source',
      message: `cannot reach ${url}/ecosystems.txt: ECONNREFUSED`,
    });
  });

  it('uses the injected fetch', async () => {
    const seen: string[] = [];
    const fake = new OsvHttpSource('https://mirror.test/osv', {
      fetch: async (url) => {
        seen.push(url);
        return new Response('npm\nPyPI\n', { status: 200 });
      },
    });
    expect((await fake.folders()).names).toEqual(['PyPI', 'npm']);
    expect(seen).toEqual(['https://mirror.test/osv/ecosystems.txt']);
  });

  it('honours an abort signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(source().open('PyPI', controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(existsSync(tmp)).toBe(true);
  });
});

// A server on 127.0.0.1 that goes quiet on purpose: before its headers, or mid-body.
describe('OsvHttpSource on a stalling mirror', () => {
  const tmp = tempDir('osv-http-stall');
  const layout = tempDir('osv-http-stall-layout');
  writeLayout(layout, byFolder(sampleRecords()));
  const zip = readFileSync(join(layout, 'PyPI', 'all.zip'));
  let server: Server;
  let url = '';
  beforeAll(async () => {
    server = createServer((request, response) => {
      const path = request.url ?? '/';
      if (path.startsWith('/silent/')) return; // never answers
      if (path === '/stall/PyPI/all.zip') {
        response.writeHead(200, { 'content-length': String(zip.length) });
        response.write(zip.subarray(0, 100)); // then nothing
        return;
      }
      if (path === '/slow/PyPI/all.zip') {
        // The whole zip in 8 pieces, 60 ms apart: slower than the stall limit in total, never
        // quiet for as long as it.
        response.writeHead(200, { 'content-length': String(zip.length) });
        const step = Math.ceil(zip.length / 8);
        let at = 0;
        const timer = setInterval(() => {
          response.write(zip.subarray(at, at + step));
          at += step;
          if (at >= zip.length) {
            clearInterval(timer);
            response.end();
          }
        }, 60);
        return;
      }
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );

  const source = (base: string) =>
    new OsvHttpSource(`${url}/${base}`, { tmpDir: tmp, stallMs: 250 });

  it('fails a request whose headers never come, naming the URL and the wait', async () => {
    const error = await source('silent')
      .folders()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecflowError);
    expect((error as Error).message).toBe(`no data from ${url}/silent/ecosystems.txt for 0.25 s`);
  });

  it('fails a download that stops mid-body, and leaves no temporary file', async () => {
    const error = await source('stall')
      .open('PyPI')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FolderError);
    expect((error as Error).message).toBe(
      `download stalled after 100 B: no data from ${url}/stall/PyPI/all.zip for 0.25 s`,
    );
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('lets a slow download finish while bytes keep coming', async () => {
    const snapshot = await source('slow').open('PyPI');
    expect(snapshot?.entries.length).toBeGreaterThan(0);
    await snapshot?.close();
  });
});
