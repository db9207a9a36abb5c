import { availableParallelism } from 'node:os';
import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from 'node:worker_threads';
import { SecflowError } from '../core/errors.ts';
import { type CheckOutcome, checkContent } from './record-check.ts';
import type { DeflatedEntry, EntryContent } from './source.ts';

/**
 * Batches a worker may hold: one being checked, one waiting. Past that the calling thread checks
 * the batch itself rather than wait, so neither side idles while the other is behind.
 */
const MAX_OUTSTANDING = 2;

/** One entry to check: raw DEFLATE data still to inflate, or text the source already checked. */
export type CheckInput = EntryContent | DeflatedEntry;

/** Checks batches of entries (inflate, parse, validate); each answer is in its batch's order. */
export interface RecordChecker {
  check(batch: readonly CheckInput[]): Promise<CheckOutcome[]>;
  /** Batches worth having in flight before waiting for the oldest (0: answers come at once). */
  readonly depth: number;
  close(): Promise<void>;
}

/** Checks on the calling thread: for small imports, where starting workers costs more. */
export const inlineChecker: RecordChecker = {
  check: async (batch) => batch.map(checkContent),
  depth: 0,
  close: async () => {},
};

/** Worker threads worth starting here: the main thread keeps one core for reading and SQLite. */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(availableParallelism() - 1, 3));
}

/** Main thread → worker: one batch, every entry's bytes back to back in `bytes` (transferred). */
export interface BatchMessage {
  readonly batch: number;
  readonly bytes: ArrayBuffer;
  readonly entries: readonly PackedEntry[];
}

/** Where one entry's bytes are in a batch, and what they are. */
export type PackedEntry =
  | {
      readonly kind: 'deflated';
      readonly offset: number;
      readonly length: number;
      readonly size: number;
      readonly crc32: number;
      readonly maxBytes: number;
    }
  | {
      readonly kind: 'text';
      readonly offset: number;
      readonly length: number;
      /** The source has no compressed form: the worker makes the stored body. */
      readonly compress: boolean;
    };

/** Worker → main thread: ready after loading, then one answer per batch. */
export type WorkerMessage =
  | { readonly ready: true }
  | { readonly batch: number; readonly outcomes: readonly CheckOutcome[] };

interface PoolWorker {
  readonly worker: Worker;
  /** Answers come here, so that they can be collected without yielding to the event loop. */
  readonly port: MessagePort;
  ready: boolean;
  outstanding: number;
  gone: boolean;
}

interface PendingBatch {
  readonly owner: PoolWorker;
  readonly resolve: (outcomes: CheckOutcome[]) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Worker threads that inflate, parse and validate records while the main thread reads the source
 * and writes SQLite. Until a worker has started (tens of milliseconds from the compiled code, a few
 * hundred under tsx) batches are checked inline, so a pool never slows a small import down;
 * workers that cannot start at all leave the work to the main thread. A worker that dies with
 * batches in flight fails every later check: the update then rolls back.
 */
export class CheckPool implements RecordChecker {
  readonly depth: number;
  readonly #workers: PoolWorker[];
  readonly #pending = new Map<number, PendingBatch>();
  #nextBatch = 0;
  #inlineBatches = 0;
  #failure: SecflowError | undefined;
  #closing = false;

  private constructor(count: number, workerUrl: URL) {
    this.depth = 4 * (count + 1);
    this.#workers = Array.from({ length: count }, () => this.#spawn(workerUrl));
  }

  static start(options: { workers: number; workerUrl?: URL }): CheckPool {
    return new CheckPool(Math.max(1, options.workers), options.workerUrl ?? checkWorkerUrl);
  }

  check(batch: readonly CheckInput[]): Promise<CheckOutcome[]> {
    this.#collect();
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    const owner = this.#idlest();
    if (owner === undefined) {
      this.#inlineBatches++;
      return inlineChecker.check(batch);
    }
    const id = this.#nextBatch++;
    const { bytes, entries } = pack(batch);
    const answer = new Promise<CheckOutcome[]>((resolve, reject) => {
      this.#pending.set(id, { owner, resolve, reject });
    });
    // A caller that gave up (an aborted import) never awaits its batches: no unhandled rejection.
    answer.catch(() => {});
    owner.outstanding++;
    owner.port.postMessage({ batch: id, bytes, entries } satisfies BatchMessage, [bytes]);
    return answer;
  }

  /** Batches checked so far on workers and, while none was ready, inline. */
  get batches(): { readonly workers: number; readonly inline: number } {
    return { workers: this.#nextBatch, inline: this.#inlineBatches };
  }

  /** Stops every worker; batches still in flight are rejected. */
  async close(): Promise<void> {
    this.#closing = true;
    this.#rejectPending(new SecflowError('internal', 'record checks stopped: the pool is closed'));
    for (const w of this.#workers) w.port.close();
    await Promise.all(this.#workers.map((w) => w.worker.terminate()));
  }

  #spawn(url: URL): PoolWorker {
    const { port1, port2 } = new MessageChannel();
    const entry: PoolWorker = {
      worker: startWorker(url, port2),
      port: port1,
      ready: false,
      outstanding: 0,
      gone: false,
    };
    port1.on('message', (message: WorkerMessage) => this.#receive(entry, message));
    entry.worker.on('error', (error) => this.#lost(entry, error.message, error));
    entry.worker.on('messageerror', (error) => this.#lost(entry, error.message, error));
    entry.worker.on('exit', (code) => this.#lost(entry, `exited with code ${code}`));
    return entry;
  }

  /**
   * Takes the answers already waiting. The importer's loop rarely yields to the event loop (its
   * reads resolve at once), so without this a busy main thread would leave answers unread and
   * the workers idle.
   */
  #collect(): void {
    for (const w of this.#workers) {
      if (w.gone) continue;
      for (let m = receiveMessageOnPort(w.port); m !== undefined; m = receiveMessageOnPort(w.port))
        this.#receive(w, m.message as WorkerMessage);
    }
  }

  #receive(owner: PoolWorker, message: WorkerMessage): void {
    if ('ready' in message) owner.ready = true;
    else this.#answer(owner, message.batch, message.outcomes);
  }

  /** The least busy worker, unless all are busy enough that this thread should take a batch. */
  #idlest(): PoolWorker | undefined {
    let best: PoolWorker | undefined;
    for (const w of this.#workers)
      if (w.ready && !w.gone && (best === undefined || w.outstanding < best.outstanding)) best = w;
    return best !== undefined && best.outstanding < MAX_OUTSTANDING ? best : undefined;
  }

  #answer(owner: PoolWorker, id: number, outcomes: readonly CheckOutcome[]): void {
    const pending = this.#pending.get(id);
    if (pending === undefined) return;
    this.#pending.delete(id);
    owner.outstanding--;
    // Structured clone turns Buffers into Uint8Arrays; SQLite binds Buffers.
    pending.resolve(
      outcomes.map((o) =>
        'body' in o && o.body !== undefined
          ? { ...o, body: Buffer.from(o.body.buffer, o.body.byteOffset, o.body.byteLength) }
          : o,
      ),
    );
  }

  #lost(owner: PoolWorker, reason: string, cause?: unknown): void {
    if (owner.gone) return;
    owner.gone = true;
    // Before its first batch a worker that cannot start costs nothing: others (or this thread)
    // do the work. Once it held batches, what it did is unknown, so the update must fail.
    if (this.#closing || !owner.ready) return;
    this.#failure = new SecflowError('internal', `a record-check worker failed (${reason})`, {
      cause,
      hint: 'the update was rolled back; run it again, or report this if it keeps failing',
    });
    this.#rejectPending(this.#failure);
  }

  #rejectPending(error: unknown): void {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}

/** Copies a batch's bytes into one buffer that can be handed to a worker without another copy. */
function pack(batch: readonly CheckInput[]): { bytes: ArrayBuffer; entries: PackedEntry[] } {
  let total = 0;
  for (const input of batch) total += 'text' in input ? input.text.length : input.deflated.length;
  const bytes = new ArrayBuffer(total);
  const view = new Uint8Array(bytes);
  const entries: PackedEntry[] = [];
  let offset = 0;
  for (const input of batch) {
    if ('text' in input) {
      view.set(input.text, offset);
      const compress = input.deflated === undefined;
      entries.push({ kind: 'text', offset, length: input.text.length, compress });
      offset += input.text.length;
    } else {
      view.set(input.deflated, offset);
      const { size, crc32, maxBytes } = input;
      entries.push({
        kind: 'deflated',
        offset,
        length: input.deflated.length,
        size,
        crc32,
        maxBytes,
      });
      offset += input.deflated.length;
    }
  }
  return { bytes, entries };
}

const fromSources = import.meta.url.endsWith('.ts');
const checkWorkerUrl = new URL(
  fromSources ? './check-worker.ts' : './check-worker.js',
  import.meta.url,
);

/**
 * Starts a worker on `url`, answering on `port`. From the TypeScript sources (tests, `npm run
 * secflow`) the worker does not inherit the tsx loader, so it registers it before importing its
 * entry; the compiled code loads the .js entry directly.
 */
function startWorker(url: URL, port: MessagePort): Worker {
  const options = { workerData: { port }, transferList: [port] };
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { ...options, eval: true });
}
