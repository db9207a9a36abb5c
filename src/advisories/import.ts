import type { Progress } from '../cli/progress.ts';
import { SecflowError } from '../core/errors.ts';
import type { OsvRecord } from '../core/osv.ts';
import { ecosystems } from '../ecosystems/registry.ts';
import { compressRecord } from '../store/codec.ts';
import { AdvisoryDbWriter, type StoredSkip } from '../store/db-writer.ts';
import { storeError } from '../store/errors.ts';
import { hasKnownEcosystem } from '../store/record-keys.ts';
import { osvEcosystems, osvViolation } from './osv-validate.ts';
import {
  type AdvisorySource,
  EntrySkip,
  FolderError,
  type FolderList,
  type FolderSnapshot,
  type SkippedRecord,
  type SkipReason,
  type SourceEntry,
} from './source.ts';

export interface UpdateOptions {
  /** Folders (OSV ecosystems without release) to sync; all the source offers when absent. */
  readonly ecosystems?: readonly string[];
  readonly progress?: Progress;
  /** Aborting rolls the whole update back. */
  readonly signal?: AbortSignal;
  /** Caps the database file's size; reaching it fails the update with a 'disk' error. */
  readonly maxDbBytes?: number;
  readonly now?: () => Date;
}

/** What one folder's sync did. */
export interface FolderSummary {
  readonly folder: string;
  readonly outcome: 'synced' | 'unchanged' | 'not-published' | 'failed';
  readonly imported: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly removed: number;
  /** Entries left out, with reasons (including ones skipped before and still unchanged). */
  readonly skipped: readonly SkippedRecord[];
  /** The part of `skipped` first seen in this update (worth a message; the rest was reported). */
  readonly newlySkipped: readonly SkippedRecord[];
  /** Records imported or updated that affect no ecosystem secflow has a plugin for. */
  readonly noPlugin: number;
  /** Why the folder failed; its previous records are kept. */
  readonly error?: SecflowError;
}

/** What `updateAdvisoryDb` did. */
export interface UpdateSummary {
  readonly path: string;
  readonly source: string;
  readonly folders: readonly FolderSummary[];
  /** Folders this source used to offer and no longer does: removed with their records. */
  readonly removedFolders: readonly { readonly folder: string; readonly records: number }[];
  /** Sub-folders of the source outside its layout. */
  readonly ignored: readonly string[];
  readonly seconds: number;
}

/**
 * Brings the advisory database at `path` up to date with `source`, in one transaction: readers
 * see the old state until the end, and a failure or interruption leaves the old state in place. A
 * folder whose data is broken (truncated zip, HTTP error) keeps its previous records while the
 * other folders are updated.
 */
export async function updateAdvisoryDb(
  path: string,
  source: AdvisorySource,
  options: UpdateOptions = {},
): Promise<UpdateSummary> {
  const started = performance.now();
  const offered = await source.folders(options.signal);
  const wanted =
    options.ecosystems === undefined
      ? offered.names
      : resolveFolders(options.ecosystems, offered, source.location);
  const writer = AdvisoryDbWriter.open(
    path,
    options.maxDbBytes === undefined ? {} : { maxBytes: options.maxDbBytes },
  );
  try {
    writer.begin();
    const folders: FolderSummary[] = [];
    for (const folder of wanted) folders.push(await syncFolder(writer, source, folder, options));
    const removedFolders =
      options.ecosystems === undefined && offered.complete
        ? removeVanishedFolders(writer, source.location, offered.names)
        : [];
    writer.commit();
    writer.checkpoint();
    return {
      path,
      source: source.location,
      folders,
      removedFolders,
      ignored: offered.ignored ?? [],
      seconds: (performance.now() - started) / 1000,
    };
  } catch (e) {
    writer.rollback();
    if (options.signal?.aborted || (e as Error).name === 'AbortError')
      throw new SecflowError(
        'internal',
        'update interrupted; the database keeps its previous data',
        {
          cause: e,
        },
      );
    throw storeError(e, path);
  } finally {
    writer.close();
  }
}

/** Matches `--ecosystem` values to the source's folders, case-insensitively. */
function resolveFolders(
  requested: readonly string[],
  offered: FolderList,
  location: string,
): string[] {
  const known = offered.complete
    ? offered.names
    : [...new Set([...offered.names, ...ecosystems.map((e) => e.id), ...osvEcosystems])].sort();
  const resolved = new Set<string>();
  for (const name of requested.flatMap((r) => r.split(',')).map((r) => r.trim())) {
    if (name === '') continue;
    const match = known.find((k) => k.toLowerCase() === name.toLowerCase());
    if (match === undefined)
      throw new SecflowError('usage', `unknown ecosystem "${name}" for ${location}`, {
        hint: `known ecosystems: ${known.join(', ')}`,
      });
    resolved.add(match);
  }
  return [...resolved];
}

function removeVanishedFolders(
  writer: AdvisoryDbWriter,
  location: string,
  offered: readonly string[],
): { folder: string; records: number }[] {
  const removed: { folder: string; records: number }[] = [];
  for (const name of writer.folderNames()) {
    const state = writer.folder(name);
    if (state === undefined || state.source !== location || offered.includes(name)) continue;
    removed.push({ folder: name, records: writer.deleteFolder(state.fid) });
  }
  return removed;
}

const emptyCounts = { imported: 0, updated: 0, unchanged: 0, removed: 0, noPlugin: 0 };

async function syncFolder(
  writer: AdvisoryDbWriter,
  source: AdvisorySource,
  folder: string,
  options: UpdateOptions,
): Promise<FolderSummary> {
  writer.savepoint();
  try {
    const summary = await syncFolderContents(writer, source, folder, options);
    writer.release();
    return summary;
  } catch (e) {
    writer.rollbackToSavepoint();
    if (!(e instanceof FolderError)) throw e;
    options.progress?.done(`${folder}: failed, previous records kept`);
    return { folder, outcome: 'failed', ...emptyCounts, skipped: [], newlySkipped: [], error: e };
  }
}

async function syncFolderContents(
  writer: AdvisoryDbWriter,
  source: AdvisorySource,
  folder: string,
  options: UpdateOptions,
): Promise<FolderSummary> {
  const now = options.now ?? (() => new Date());
  const state = writer.folder(folder);
  const fingerprint = await source.fingerprint(folder, options.signal);
  if (state !== undefined && fingerprint !== undefined && state.fingerprint === fingerprint) {
    // modified_id.csv is unchanged: the zip is not even opened.
    writer.touchFolder(state.fid, source.location, fingerprint, now());
    const unchanged = writer.countRecords(state.fid);
    const skipped = [...writer.skips(state.fid).values()].map((s) => skippedRecord(folder, s));
    options.progress?.start(folder, 0);
    options.progress?.done(`${folder}: unchanged (${unchanged} records)`);
    return { folder, outcome: 'unchanged', ...emptyCounts, unchanged, skipped, newlySkipped: [] };
  }
  const snapshot = await source.open(folder, options.signal);
  if (snapshot === undefined)
    return { folder, outcome: 'not-published', ...emptyCounts, skipped: [], newlySkipped: [] };
  try {
    const fid = writer.ensureFolder(folder, source.location, now());
    const summary = await applySnapshot(writer, fid, snapshot, options);
    writer.touchFolder(fid, source.location, fingerprint, now());
    return summary;
  } finally {
    await snapshot.close();
  }
}

/** Applies a folder's current entries: new ones inserted, changed ones replaced, gone ones removed. */
async function applySnapshot(
  writer: AdvisoryDbWriter,
  fid: number,
  snapshot: FolderSnapshot,
  options: UpdateOptions,
): Promise<FolderSummary> {
  const { folder, entries } = snapshot;
  const stored = writer.entries(fid);
  const storedSkips = writer.skips(fid);
  const skips: StoredSkip[] = [];
  const newlySkipped: SkippedRecord[] = [];
  const counts = { ...emptyCounts };
  const progress = options.progress;
  progress?.start(folder, entries.length);
  for (const refused of snapshot.refused) {
    skips.push(storedSkip(refused, '', stored.has(refused.name)));
    if (storedSkips.get(refused.name)?.reason !== refused.reason) newlySkipped.push(refused);
    stored.delete(refused.name); // a stored previous version is kept
  }
  let done = 0;
  for (const entry of entries) {
    options.signal?.throwIfAborted();
    if (++done % 64 === 0) progress?.update(done);
    const old = stored.get(entry.name);
    stored.delete(entry.name);
    if (old?.identity === entry.identity) {
      counts.unchanged++;
      continue;
    }
    const knownSkip = storedSkips.get(entry.name);
    if (knownSkip?.identity === entry.identity) {
      skips.push(knownSkip);
      continue;
    }
    const result = await readRecord(snapshot, entry);
    if ('skip' in result) {
      skips.push(storedSkip(result.skip, entry.identity, old !== undefined));
      newlySkipped.push(result.skip);
      continue;
    }
    if (!hasKnownEcosystem(result.record)) counts.noPlugin++;
    if (old === undefined) {
      writer.insertRecord(fid, entry.name, entry.identity, result.record, result.body);
      counts.imported++;
    } else {
      writer.replaceRecord(old.rid, entry.identity, result.record, result.body);
      counts.updated++;
    }
  }
  for (const { rid } of stored.values()) {
    writer.deleteRecord(rid);
    counts.removed++;
  }
  writer.setSkips(fid, skips);
  progress?.update(done);
  progress?.done(
    `${folder}: ${counts.imported} new, ${counts.updated} updated, ${counts.unchanged} unchanged, ` +
      `${counts.removed} removed, ${skips.length} skipped`,
  );
  return {
    folder,
    outcome: 'synced',
    ...counts,
    skipped: skips.map((s) => skippedRecord(folder, s)),
    newlySkipped,
  };
}

type ReadResult = { record: OsvRecord; body: Buffer } | { skip: SkippedRecord };

/** Reads, parses (once) and validates one entry. Bad entries are data, not exceptions. */
async function readRecord(snapshot: FolderSnapshot, entry: SourceEntry): Promise<ReadResult> {
  const skip = (reason: SkipReason, detail: string, id?: string): ReadResult => ({
    skip: {
      folder: snapshot.folder,
      name: entry.name,
      location: entry.location,
      reason,
      detail,
      ...(id === undefined ? {} : { id }),
    },
  });
  let content: Awaited<ReturnType<FolderSnapshot['read']>>;
  try {
    content = await snapshot.read(entry);
  } catch (e) {
    if (e instanceof EntrySkip) return skip(e.reason, e.message);
    throw e;
  }
  let value: unknown;
  try {
    value = JSON.parse(content.text.toString('utf8'));
  } catch (e) {
    return skip('not-json', (e as Error).message);
  }
  const violation = osvViolation(value);
  if (violation !== undefined) {
    const id = (value as { id?: unknown } | null)?.id;
    return skip('schema-violating', violation, typeof id === 'string' ? id : undefined);
  }
  return { record: value as OsvRecord, body: content.deflated ?? compressRecord(content.text) };
}

function storedSkip(skip: SkippedRecord, identity: string, keptPrevious: boolean): StoredSkip {
  return {
    entry: skip.name,
    identity,
    location: skip.location,
    reason: skip.reason,
    detail: keptPrevious ? `${skip.detail} (the previous version is kept)` : skip.detail,
    id: skip.id ?? null,
  };
}

function skippedRecord(folder: string, skip: StoredSkip): SkippedRecord {
  return {
    folder,
    name: skip.entry,
    location: skip.location,
    reason: skip.reason as SkipReason,
    detail: skip.detail,
    ...(skip.id === null ? {} : { id: skip.id }),
  };
}
