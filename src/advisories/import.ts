import type { Progress } from '../cli/progress.ts';
import { SecflowError } from '../core/errors.ts';
import { ecosystems } from '../ecosystems/registry.ts';
import { AdvisoryDbWriter, type StoredEntry, type StoredSkip } from '../store/db-writer.ts';
import { storeError } from '../store/errors.ts';
import { hasKnownEcosystem } from '../store/record-keys.ts';
import {
  type CheckInput,
  CheckPool,
  defaultWorkerCount,
  inlineChecker,
  type RecordChecker,
} from './check-pool.ts';
import { osvEcosystems } from './osv-validate.ts';
import type { CheckOutcome } from './record-check.ts';
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
  /**
   * Worker threads that inflate, parse and validate records (0: all on this thread). Default: one
   * per core but one, used only for folders with many records to read.
   */
  readonly workers?: number;
  /** Test seam: the record checker to use instead of the built-in worker pool. */
  readonly checker?: RecordChecker;
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
  const checks = new Checks(options);
  try {
    writer.begin();
    const folders: FolderSummary[] = [];
    for (const folder of wanted)
      folders.push(await syncFolder(writer, source, folder, options, checks));
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
    await checks.close();
    writer.close();
  }
}

/** Entries handed to the checker at once: a worker's unit of work. */
const BATCH_ENTRIES = 256;
/** Fewer reads than this in a folder are checked on this thread: workers would cost more. */
const MIN_READS_FOR_WORKERS = 2000;

/** Where an update's records are checked: inline, or on workers started at the first big folder. */
class Checks {
  readonly #workers: number;
  readonly #injected: RecordChecker | undefined;
  #pool: CheckPool | undefined;

  constructor(options: UpdateOptions) {
    this.#workers = options.workers ?? defaultWorkerCount();
    this.#injected = options.checker;
  }

  /** The checker for a folder with `reads` entries to read. */
  for(reads: number): RecordChecker {
    if (this.#injected !== undefined) return this.#injected;
    if (this.#pool === undefined && (this.#workers < 1 || reads < MIN_READS_FOR_WORKERS))
      return inlineChecker;
    this.#pool ??= CheckPool.start({ workers: this.#workers });
    return this.#pool;
  }

  async close(): Promise<void> {
    await this.#pool?.close();
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
  checks: Checks,
): Promise<FolderSummary> {
  writer.savepoint();
  try {
    const summary = await syncFolderContents(writer, source, folder, options, checks);
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
  checks: Checks,
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
    const summary = await applySnapshot(writer, fid, snapshot, options, checks);
    writer.touchFolder(fid, source.location, fingerprint, now());
    return summary;
  } finally {
    await snapshot.close();
  }
}

/** What to do with one entry, decided in entry order and applied in entry order. */
type Step =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'known-skip'; readonly skip: StoredSkip }
  | {
      readonly kind: 'unreadable';
      readonly identity: string;
      readonly old: StoredEntry | undefined;
      readonly skip: SkippedRecord;
    }
  | {
      readonly kind: 'check';
      readonly entry: SourceEntry;
      readonly old: StoredEntry | undefined;
      readonly input: CheckInput;
    };

/** Consecutive steps, and the answers for those that were handed to the checker. */
interface Batch {
  readonly steps: readonly Step[];
  readonly outcomes: Promise<CheckOutcome[]>;
}

/**
 * Applies a folder's current entries: new ones inserted, changed ones replaced, gone ones removed.
 * Entries are read here and checked in batches (on workers for big folders) while earlier batches
 * are written; batches are applied strictly in entry order, so the database, the counts and the
 * skip list are the same whichever thread checked what.
 */
async function applySnapshot(
  writer: AdvisoryDbWriter,
  fid: number,
  snapshot: FolderSnapshot,
  options: UpdateOptions,
  checks: Checks,
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
  const isKnown = (entry: SourceEntry) =>
    stored.get(entry.name)?.identity === entry.identity ||
    storedSkips.get(entry.name)?.identity === entry.identity;
  const checker = checks.for(entries.reduce((n, entry) => (isKnown(entry) ? n : n + 1), 0));

  let done = 0;
  const apply = async (batch: Batch) => {
    const outcomes = await batch.outcomes;
    let next = 0;
    for (const step of batch.steps) {
      if (++done % 64 === 0) progress?.update(done);
      if (step.kind === 'unchanged') counts.unchanged++;
      else if (step.kind === 'known-skip') skips.push(step.skip);
      else if (step.kind === 'unreadable') {
        skips.push(storedSkip(step.skip, step.identity, step.old !== undefined));
        newlySkipped.push(step.skip);
      } else {
        const outcome = outcomes[next++];
        if (outcome === undefined) throw new Error('record checker answered too few entries');
        applyChecked(writer, fid, step, outcome, { skips, newlySkipped, counts }, folder);
      }
    }
  };

  const pending: Batch[] = [];
  let steps: Step[] = [];
  let inputs: CheckInput[] = [];
  const submit = () => {
    pending.push({ steps, outcomes: checker.check(inputs) });
    steps = [];
    inputs = [];
  };
  for (const entry of entries) {
    options.signal?.throwIfAborted();
    const old = stored.get(entry.name);
    stored.delete(entry.name);
    const knownSkip = storedSkips.get(entry.name);
    if (old?.identity === entry.identity) steps.push({ kind: 'unchanged' });
    else if (knownSkip?.identity === entry.identity)
      steps.push({ kind: 'known-skip', skip: knownSkip });
    else {
      const read = await readEntry(snapshot, entry);
      if ('skip' in read)
        steps.push({ kind: 'unreadable', identity: entry.identity, old, skip: read.skip });
      else {
        steps.push({ kind: 'check', entry, old, input: read.input });
        inputs.push(read.input);
      }
    }
    if (inputs.length >= BATCH_ENTRIES || steps.length >= 16 * BATCH_ENTRIES) {
      submit();
      while (pending.length > checker.depth) await apply(pending.shift() as Batch);
    }
  }
  submit();
  for (const batch of pending) await apply(batch);

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

/** Writes one checked entry, or records why it was left out. */
function applyChecked(
  writer: AdvisoryDbWriter,
  fid: number,
  step: Extract<Step, { kind: 'check' }>,
  outcome: CheckOutcome,
  into: { skips: StoredSkip[]; newlySkipped: SkippedRecord[]; counts: typeof emptyCounts },
  folder: string,
): void {
  const { entry, old, input } = step;
  if ('skip' in outcome) {
    const skip: SkippedRecord = {
      folder,
      name: entry.name,
      location: entry.location,
      reason: outcome.skip,
      detail: outcome.detail,
      ...(outcome.id === undefined ? {} : { id: outcome.id }),
    };
    into.skips.push(storedSkip(skip, entry.identity, old !== undefined));
    into.newlySkipped.push(skip);
    return;
  }
  const body = outcome.body ?? input.deflated;
  if (body === undefined) throw new Error(`no stored body for ${entry.location}`);
  if (!hasKnownEcosystem(outcome.record)) into.counts.noPlugin++;
  if (old === undefined) {
    writer.insertRecord(fid, entry.name, entry.identity, outcome.record, body);
    into.counts.imported++;
  } else {
    writer.replaceRecord(old.rid, entry.identity, outcome.record, body);
    into.counts.updated++;
  }
}

/** Reads one entry, leaving inflating to the checker. A bad entry is data, not an exception. */
async function readEntry(
  snapshot: FolderSnapshot,
  entry: SourceEntry,
): Promise<{ input: CheckInput } | { skip: SkippedRecord }> {
  try {
    return { input: await snapshot.read(entry, { inflate: false }) };
  } catch (e) {
    if (!(e instanceof EntrySkip)) throw e;
    const { folder } = snapshot;
    return {
      skip: {
        folder,
        name: entry.name,
        location: entry.location,
        reason: e.reason,
        detail: e.message,
      },
    };
  }
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
