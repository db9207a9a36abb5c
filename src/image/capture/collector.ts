import type { ScanWarning } from '../../core/report.ts';
import type { Extractor } from '../../ecosystems/extractor.ts';
import { rpmEvr } from '../../ecosystems/rpm-db/header.ts';
import { type RpmDbFormat, readRpmDatabase } from '../../ecosystems/rpm-db/index.ts';
import type { InstalledExtractor, InstalledResult } from '../../installed/index.ts';
import { type FsEntry, readCapped } from '../fs-entry.ts';
import { Vfs } from '../vfs.ts';
import { whiteoutOf } from '../whiteout.ts';
import { type Captured, type HistoryEntry, packageKey } from './captured.ts';
import { relatedReader } from './related.ts';
import type { CaptureRule, CaptureRules } from './rules.ts';
import type { TempSpace } from './temp-space.ts';

const SNIFF_BYTES = 64;

/**
 * Applies entries, layer after layer, to the final-state filesystem and captures the files the
 * rules ask for. Whiteouts are only honoured for image layers (`whiteouts: true`); in an
 * unpacked root filesystem a `.wh.` file is just a file.
 */
export class Collector {
  readonly vfs = new Vfs<Captured>();
  readonly warnings: ScanWarning[] = [];
  filesScanned = 0;
  readonly #rules: CaptureRules;
  readonly #temp: TempSpace;
  readonly #whiteouts: boolean;

  constructor(rules: CaptureRules, temp: TempSpace, options: { whiteouts: boolean }) {
    this.#rules = rules;
    this.#temp = temp;
    this.#whiteouts = options.whiteouts;
  }

  warn(path: string, code: string, message: string): void {
    this.warnings.push({ path, code, message });
  }

  async add(entry: FsEntry, layer: number): Promise<void> {
    if (this.#whiteouts) {
      const whiteout = whiteoutOf(entry.path);
      if (whiteout?.kind === 'file') return this.vfs.whiteout(whiteout.path, layer);
      if (whiteout?.kind === 'opaque') return this.vfs.opaque(whiteout.dir, layer);
      if (whiteout?.kind === 'meta') return;
    }
    switch (entry.type) {
      case 'dir':
        return this.vfs.setDir(entry.path, layer);
      case 'symlink':
        this.vfs.setSymlink(entry.path, layer, entry.linkname ?? '');
        return;
      case 'hardlink':
        return this.#hardlink(entry, layer);
      case 'other':
        this.vfs.remove(entry.path);
        return;
      case 'file':
        return this.#file(entry, layer);
    }
  }

  /** A hard link shares its target's content: copy what we captured of the target, if anything. */
  #hardlink(entry: FsEntry, layer: number): void {
    this.filesScanned++;
    const target = entry.linkname === undefined ? undefined : this.vfs.lookup(entry.linkname);
    const rule = this.#rules.ruleFor(entry.path, { size: 0, mode: entry.mode });
    if (target?.kind === 'file' && rule !== undefined) {
      const previous = this.vfs.lookup(entry.path);
      this.vfs.setFile(entry.path, layer, withVersion(target.data, previous, layer));
      return;
    }
    this.vfs.remove(entry.path);
    if (rule !== undefined) {
      this.warn(
        entry.path,
        'hardlink-unresolved',
        `hard link to ${entry.linkname}, which is missing or was not read; its content is unknown`,
      );
    }
  }

  async #file(entry: FsEntry, layer: number): Promise<void> {
    this.filesScanned++;
    const rule = this.#rules.ruleFor(entry.path, { size: entry.size, mode: entry.mode });
    if (rule === undefined) {
      this.vfs.remove(entry.path);
      return;
    }
    let captured: Captured | undefined;
    try {
      captured = await this.#capture(entry, rule, layer);
    } catch (e) {
      this.warn(entry.path, 'unreadable', `could not be read: ${(e as Error).message}`);
    }
    if (captured === undefined) this.vfs.remove(entry.path);
    else this.vfs.setFile(entry.path, layer, captured);
  }

  async #capture(entry: FsEntry, rule: CaptureRule, layer: number): Promise<Captured | undefined> {
    const previous = this.vfs.lookup(entry.path);
    const history = (keys: Set<string>): HistoryEntry[] => [
      ...(previous?.kind === 'file' && 'history' in previous.data ? previous.data.history : []),
      { layer, keys },
    ];
    switch (rule.kind) {
      case 'os': {
        const bytes = await this.#read(entry, rule.maxBytes);
        return bytes === undefined ? undefined : { kind: 'os', text: bytes.toString('utf8') };
      }
      case 'text': {
        const bytes = await this.#read(entry, rule.maxBytes);
        if (bytes === undefined) return undefined;
        const text = bytes.toString('utf8');
        const keys = await this.#keysOf(entry.path, text, rule.extractors);
        return { kind: 'text', text, extractors: rule.extractors, history: history(keys) };
      }
      case 'installed': {
        const result = await this.#installed(entry, rule.extractor);
        if (result === undefined) return undefined;
        return { kind: 'installed', result, history: history(keysOf(result.packages)) };
      }
      case 'rpm': {
        const db = await this.#rpm(entry, rule.format, rule.maxBytes);
        if (db === undefined) return undefined;
        const keys = keysOf(db.records.map((r) => ({ name: r.name, version: rpmEvr(r) })));
        return { kind: 'rpm', format: rule.format, db, history: history(keys) };
      }
    }
  }

  async #read(entry: FsEntry, max: number): Promise<Buffer | undefined> {
    const bytes = await readCapped(entry, max);
    if (bytes === undefined) {
      this.warn(entry.path, 'too-large', `${entry.size} bytes, more than the ${max} read; skipped`);
    }
    return bytes;
  }

  /** Runs the registry extractors on this version of a file, only to learn which packages it lists. */
  async #keysOf(
    path: string,
    text: string,
    extractors: readonly Extractor[],
  ): Promise<Set<string>> {
    const keys = new Set<string>();
    const readRelated = relatedReader(this.vfs, path);
    for (const extractor of extractors) {
      try {
        const result = await extractor.extract({ path, content: text, readRelated });
        for (const p of result.packages) keys.add(packageKey(p));
      } catch {
        // The final pass reports parse errors once, for the version that counts.
      }
    }
    return keys;
  }

  async #installed(
    entry: FsEntry,
    extractor: InstalledExtractor,
  ): Promise<InstalledResult | undefined> {
    if (entry.size > extractor.maxBytes) {
      // Only warn for files the extractor would surely want; an oversized non-ELF is no loss.
      if (extractor.sniff === undefined) {
        this.warn(
          entry.path,
          'too-large',
          `${entry.size} bytes, more than the ${extractor.maxBytes} read; skipped`,
        );
      }
      return undefined;
    }
    const content = await readSniffed(entry, extractor);
    if (content === undefined) return undefined;
    try {
      const result = await extractor.extract({ path: entry.path, content });
      return result.packages.length === 0 && result.skipped.length === 0 ? undefined : result;
    } catch (e) {
      this.warn(entry.path, 'parse-error', `${extractor.id}: ${(e as Error).message}`);
      return undefined;
    }
  }

  async #rpm(entry: FsEntry, format: RpmDbFormat, max: number) {
    const file = await this.#temp.spool(entry, max);
    if (file === undefined) {
      this.warn(entry.path, 'too-large', `rpm database larger than ${max} bytes; skipped`);
      return undefined;
    }
    try {
      return await readRpmDatabase(file, format);
    } catch (e) {
      this.warn(entry.path, 'parse-error', `rpm database (${format}): ${(e as Error).message}`);
      return undefined;
    } finally {
      await this.#temp.release(file);
    }
  }
}

function keysOf(packages: readonly { name: string; version: string }[]): Set<string> {
  return new Set(packages.map(packageKey));
}

/** A hard-linked copy: same content, one more version in the history at this layer. */
function withVersion(
  data: Captured,
  previous: ReturnType<Vfs<Captured>['lookup']>,
  layer: number,
): Captured {
  if (data.kind === 'os') return data;
  const last = data.history.at(-1);
  const earlier =
    previous?.kind === 'file' && 'history' in previous.data ? previous.data.history : [];
  return { ...data, history: [...earlier, { layer, keys: last?.keys ?? new Set() }] };
}

/** Reads a body whole, unless the extractor's sniff rejects its first bytes. */
async function readSniffed(
  entry: FsEntry,
  extractor: InstalledExtractor,
): Promise<Buffer | undefined> {
  const sniff = extractor.sniff;
  if (sniff === undefined) return readCapped(entry, extractor.maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  let verdict: boolean | undefined;
  for await (const chunk of entry.read()) {
    if (verdict === false) continue;
    chunks.push(chunk);
    size += chunk.length;
    if (verdict === undefined && size >= SNIFF_BYTES) {
      verdict = sniff(Buffer.concat(chunks, size));
      if (!verdict) {
        chunks.length = 0;
        if (!entry.sequential) break;
      }
    }
  }
  if (verdict === undefined) verdict = size > 0 && sniff(Buffer.concat(chunks, size));
  return verdict && size <= extractor.maxBytes ? Buffer.concat(chunks, size) : undefined;
}
