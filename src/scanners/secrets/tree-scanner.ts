import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import type { ScanWarning } from '../../core/report.ts';
import type { WalkEntry } from '../walk.ts';
import type { SecretFindingCollector } from './collect.ts';
import type { SecretEngine } from './engine.ts';
import { isInlineAllowed } from './inline-allow.ts';
import { LineIndex } from './line-index.ts';

/** Bytes read at a time; files up to this size are read and scanned in one piece. */
export const CHUNK_BYTES = 1024 * 1024;
/** Re-scanned tail of each piece, longer than any secret or PEM block a rule can match. */
export const OVERLAP_CHARS = 20 * 1024;
const SNIFF_BYTES = 8192;

export type SkipReason = 'binary' | 'allowlisted' | 'unreadable';

export interface FileScanResult {
  readonly path: string;
  readonly bytes: number;
  /** Why the content was not scanned. */
  readonly skipped?: SkipReason;
}

interface ScanTarget {
  readonly engine: SecretEngine;
  readonly collector: SecretFindingCollector;
  readonly onWarning: (w: ScanWarning) => void;
  readonly signal?: AbortSignal;
}

/** Where a piece of text sits in its file, so matches get file lines and columns. */
interface PieceOrigin {
  /** Newlines in the file before the piece. */
  readonly line: number;
  /** Column of the piece's first character in its line (a cut huge line). */
  readonly column: number;
  /** Absolute character offset, for de-duplicating matches in overlaps. */
  readonly offset: number;
  readonly previousLine: string | undefined;
}

const FILE_START: PieceOrigin = { line: 0, column: 0, offset: 0, previousLine: undefined };

/**
 * Scans every walked file: path-only rules, then content. Files up to 1 MiB are read whole with
 * one synchronous read: the scan is CPU-bound, and a thread-pool round trip per open, stat, read
 * and close costs more than the read itself. Larger files stream in 1 MiB pieces.
 */
export async function* scanFiles(
  entries: AsyncIterable<WalkEntry>,
  target: ScanTarget,
): AsyncGenerator<FileScanResult> {
  for await (const entry of entries) {
    for (const rule of target.engine.pathRules(entry.path)) {
      target.collector.add({
        rule,
        secret: entry.path,
        location: { path: entry.path },
        inlineAllowed: false,
      });
    }
    if (target.engine.isPathAllowed(entry.path)) {
      yield { path: entry.path, bytes: 0, skipped: 'allowlisted' };
      continue;
    }
    if (entry.size > CHUNK_BYTES) {
      yield await scanLargeFile(entry, target);
      continue;
    }
    let content: Buffer | Error;
    try {
      content = readFileSync(entry.absolutePath);
    } catch (error) {
      content = error as Error;
    }
    // A file that grew past one piece since the walk is streamed like any large file.
    yield content instanceof Buffer && content.length > CHUNK_BYTES
      ? await scanLargeFile(entry, target)
      : scanContent(entry.path, content, target);
  }
}

/** Scans one file (any size) into the collector. */
export async function scanFile(entry: WalkEntry, target: ScanTarget): Promise<FileScanResult> {
  for await (const result of scanFiles(single(entry), target)) return result;
  return { path: entry.path, bytes: 0, skipped: 'allowlisted' };
}

async function* single(entry: WalkEntry): AsyncGenerator<WalkEntry> {
  yield entry;
}

function scanContent(path: string, content: Buffer | Error, target: ScanTarget): FileScanResult {
  if (content instanceof Error) {
    target.onWarning({ path, code: 'unreadable', message: `cannot read: ${content.message}` });
    return { path, bytes: 0, skipped: 'unreadable' };
  }
  if (content.subarray(0, SNIFF_BYTES).includes(0)) return { path, bytes: 0, skipped: 'binary' };
  scanPiece(content.toString('utf8'), path, FILE_START, new Set(), target);
  return { path, bytes: content.length };
}

/**
 * Reads a file larger than one piece through a 1 MiB buffer. Each piece is scanned with the
 * tail of the previous one (from a line start when the line is not huge), so secrets and PEM
 * blocks across a boundary are found; matches seen twice in the overlap count once.
 */
async function scanLargeFile(entry: WalkEntry, target: ScanTarget): Promise<FileScanResult> {
  const { path } = entry;
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(entry.absolutePath, 'r');
  } catch (error) {
    target.onWarning({
      path,
      code: 'unreadable',
      message: `cannot open: ${(error as Error).message}`,
    });
    return { path, bytes: 0, skipped: 'unreadable' };
  }
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  const decoder = new StringDecoder('utf8');
  let bytes = 0;
  let carry = '';
  let origin = FILE_START;
  let reported = new Set<string>();
  try {
    for (;;) {
      target.signal?.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      const chunk = buffer.subarray(0, bytesRead);
      if (bytes === 0 && chunk.subarray(0, SNIFF_BYTES).includes(0)) {
        return { path, bytes: 0, skipped: 'binary' };
      }
      bytes += bytesRead;
      const last = bytesRead < CHUNK_BYTES;
      const text = carry + decoder.write(chunk) + (last ? decoder.end() : '');
      const { index, fresh } = scanPiece(text, path, origin, reported, target);
      if (last) break;
      let keepFrom = text.length - OVERLAP_CHARS;
      const nl = text.lastIndexOf('\n', keepFrom);
      if (nl !== -1 && text.length - nl - 1 <= CHUNK_BYTES) keepFrom = nl + 1;
      const keptLine = index.lineIndexOf(keepFrom);
      origin = {
        line: origin.line + keptLine,
        column: (keptLine === 0 ? origin.column : 0) + keepFrom - index.lineStart(keptLine),
        offset: origin.offset + keepFrom,
        previousLine: keptLine > 0 ? index.lineText(keptLine - 1) : origin.previousLine,
      };
      carry = text.slice(keepFrom);
      reported = fresh;
    }
  } catch (error) {
    if (target.signal?.aborted) throw error;
    target.onWarning({
      path,
      code: 'unreadable',
      message: `read failed: ${(error as Error).message}`,
    });
    return { path, bytes, skipped: 'unreadable' };
  } finally {
    await handle.close();
  }
  return { path, bytes };
}

/** Scans one piece of a file; returns its line index and the match keys it reported. */
function scanPiece(
  text: string,
  path: string,
  origin: PieceOrigin,
  reported: ReadonlySet<string>,
  target: ScanTarget,
): { index: LineIndex; fresh: Set<string> } {
  const index = new LineIndex(text);
  const fresh = new Set<string>();
  for (const m of target.engine.scan(text, path)) {
    const key = `${m.rule.id}\0${origin.offset + m.start}`;
    fresh.add(key);
    if (reported.has(key)) continue;
    const lineIdx = index.lineIndexOf(m.start);
    const line = index.lineText(lineIdx) ?? '';
    const previous = lineIdx > 0 ? index.lineText(lineIdx - 1) : origin.previousLine;
    target.collector.add({
      rule: m.rule,
      secret: m.secret,
      location: {
        path,
        line: origin.line + lineIdx + 1,
        column: (lineIdx === 0 ? origin.column : 0) + m.start - index.lineStart(lineIdx) + 1,
      },
      inlineAllowed: isInlineAllowed(line, previous),
    });
  }
  return { index, fresh };
}
