import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';

/** A static file server on 127.0.0.1 (random port) serving osv.dev's layout from a directory. */
export interface LayoutServer {
  readonly url: string;
  /** Request paths in order, e.g. "/PyPI/all.zip". */
  readonly requests: string[];
  /** Answers `path` with this status instead of the file, until cleared. */
  readonly failures: Map<string, number>;
  close(): Promise<void>;
}

export async function serveLayout(root: string): Promise<LayoutServer> {
  const requests: string[] = [];
  const failures = new Map<string, number>();
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    requests.push(path);
    const failure = failures.get(path);
    if (failure !== undefined) {
      response.writeHead(failure).end();
      return;
    }
    const file = normalize(join(root, path));
    let size: number | undefined;
    try {
      if (file.startsWith(root + sep))
        size = statSync(file).isFile() ? statSync(file).size : undefined;
    } catch {
      size = undefined;
    }
    if (size === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-length': String(size) });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failures,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

/** A URL on 127.0.0.1 where nothing listens: a port that was just free. */
export async function unreachableUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
