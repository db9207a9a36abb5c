/**
 * Entry of a record-check worker thread (see check-pool.ts): inflates, parses and validates each
 * batch it is sent and answers with what the store indexes. It loads only the validator and zlib,
 * so it starts in tens of milliseconds.
 */
import { type MessagePort, workerData } from 'node:worker_threads';
import type { BatchMessage, PackedEntry, WorkerMessage } from './check-pool.ts';
import { type CheckOutcome, checkContent, checkText } from './record-check.ts';

const port = (workerData as { port?: MessagePort } | null)?.port;
if (port === undefined) throw new Error('check-worker runs as a worker thread of check-pool.ts');

function checkPacked(bytes: ArrayBuffer, entry: PackedEntry): CheckOutcome {
  const data = Buffer.from(bytes, entry.offset, entry.length);
  if (entry.kind === 'deflated') {
    const { size, crc32, maxBytes } = entry;
    return checkContent({ deflated: data, size, crc32, maxBytes });
  }
  return entry.compress ? checkContent({ text: data }) : checkText(data);
}

port.on('message', ({ batch, bytes, entries }: BatchMessage) => {
  const outcomes = entries.map((entry) => checkPacked(bytes, entry));
  port.postMessage({ batch, outcomes } satisfies WorkerMessage);
});
port.postMessage({ ready: true } satisfies WorkerMessage);
