import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { SecflowError } from '../core/errors.ts';
import { type CheckInput, CheckPool, inlineChecker } from './check-pool.ts';

const record = (id: string) =>
  Buffer.from(
    JSON.stringify({
      schema_version: '1.7.0',
      id,
      modified: '2024-01-01T00:00:00Z',
      aliases: [`CVE-${id}`],
      affected: [{ package: { ecosystem: 'npm', name: 'left-pad' }, versions: ['1.0.0'] }],
    }),
  );

const deflated = (text: Buffer, overrides: Partial<{ size: number; crc32: number }> = {}) => ({
  deflated: deflateRawSync(text),
  size: text.length,
  crc32: crc32(text),
  maxBytes: 1 << 20,
  ...overrides,
});

/** Every kind of entry the importer hands over, good and bad. */
function mixedBatch(n: number): CheckInput[] {
  const text = record(`GHSA-${n}`);
  return [
    { text },
    { text, deflated: deflateRawSync(text) },
    deflated(text),
    deflated(text, { crc32: crc32(text) ^ 1 }),
    deflated(Buffer.alloc(200_000, 0x20), { size: 10 }),
    { text: Buffer.from('{"id": ') },
    { text: Buffer.from('{"id": "X-1"}') },
  ];
}

const work = mkdtempSync(join(tmpdir(), 'secflow-pool-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function untilWorkersAnswer(pool: CheckPool, batch: CheckInput[]) {
  const deadline = Date.now() + 20_000;
  while (pool.batches.workers === 0 && Date.now() < deadline) {
    await pool.check(batch);
    await new Promise((r) => setTimeout(r, 20));
  }
  expect(pool.batches.workers).toBeGreaterThan(0);
}

describe('CheckPool', () => {
  it('answers on worker threads exactly as the inline checker does', async () => {
    const pool = CheckPool.start({ workers: 2 });
    try {
      await untilWorkersAnswer(pool, mixedBatch(0));
      const batches = Array.from({ length: 12 }, (_, i) => mixedBatch(i + 1));
      const fromPool = await Promise.all(batches.map((b) => pool.check(b)));
      const inline = await Promise.all(batches.map((b) => inlineChecker.check(b)));
      expect(fromPool).toEqual(inline);
      const kinds = fromPool[0]?.map((o) => ('skip' in o ? o.skip : 'record'));
      expect(kinds).toEqual([
        'record',
        'record',
        'record',
        'corrupt',
        'too-large',
        'not-json',
        'schema-violating',
      ]);
      // Bodies come back as Buffers, which SQLite binds.
      for (const o of fromPool.flat())
        if ('body' in o && o.body) expect(Buffer.isBuffer(o.body)).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('fails every later check once a worker dies holding a batch', async () => {
    const dying = join(work, 'dying-worker.mjs');
    writeFileSync(
      dying,
      "import { workerData } from 'node:worker_threads';\n" +
        'const { port } = workerData;\n' +
        'port.on("message", () => process.exit(7));\n' +
        'port.postMessage({ ready: true });\n',
    );
    const pool = CheckPool.start({ workers: 1, workerUrl: pathToFileURL(dying) });
    try {
      const deadline = Date.now() + 20_000;
      let failure: unknown;
      while (failure === undefined && Date.now() < deadline) {
        failure = await pool.check(mixedBatch(0)).then(
          () => undefined,
          (e: unknown) => e,
        );
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(failure).toBeInstanceOf(SecflowError);
      expect((failure as SecflowError).message).toMatch(/worker failed \(exited with code 7\)/);
      await expect(pool.check(mixedBatch(1))).rejects.toBeInstanceOf(SecflowError);
    } finally {
      await pool.close();
    }
  });

  it('checks inline when its workers cannot start', async () => {
    const pool = CheckPool.start({
      workers: 1,
      workerUrl: pathToFileURL(join(work, 'missing.mjs')),
    });
    try {
      const outcomes = await pool.check(mixedBatch(0));
      expect(outcomes).toEqual(await inlineChecker.check(mixedBatch(0)));
      await new Promise((r) => setTimeout(r, 500));
      expect(await pool.check(mixedBatch(1))).toEqual(await inlineChecker.check(mixedBatch(1)));
    } finally {
      await pool.close();
    }
  });
});
