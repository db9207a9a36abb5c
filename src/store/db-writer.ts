import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { OsvRecord } from '../core/osv.ts';
import { decompressRecord } from './codec.ts';
import { storeError } from './errors.ts';
import { aliasKeys, type IndexedRecord, packageKeys } from './record-keys.ts';
import { DROP_SQL, FORMAT_VERSION, SCHEMA_SQL } from './schema.ts';

/** A folder as the database last saw it. */
export interface FolderState {
  readonly fid: number;
  readonly source: string;
  readonly fingerprint: string | null;
}

/** A stored entry: which record row it became, and its content identity. */
export interface StoredEntry {
  readonly rid: number;
  readonly identity: string;
}

/** An entry skipped at the last sync, remembered so it is not re-read while unchanged. */
export interface StoredSkip {
  readonly entry: string;
  readonly identity: string;
  readonly location: string;
  readonly reason: string;
  readonly detail: string;
  readonly id: string | null;
}

type Statement = Database.Statement<unknown[], unknown>;

const PAGE_SIZE = 16_384;

/**
 * The write side of the advisory database, used by the importer inside one transaction.
 *
 * Atomicity: the database runs in WAL mode and an update is ONE transaction (BEGIN IMMEDIATE …
 * COMMIT), with a savepoint per folder so a broken folder rolls back alone. Readers in other
 * processes keep seeing the last committed state until COMMIT, and a process killed mid-update
 * leaves only uncommitted WAL frames, which SQLite discards on the next open. This beats
 * build-then-rename here: an incremental update touches a few rows instead of copying the whole
 * file, and there is no window where the path points at nothing.
 */
export class AdvisoryDbWriter {
  readonly path: string;
  readonly #db: Database.Database;
  #statements: ReturnType<typeof prepare> | undefined;

  private constructor(path: string, db: Database.Database) {
    this.path = path;
    this.#db = db;
  }

  /** Opens (creating when needed) the database for writing. `maxBytes` caps its size. */
  static open(path: string, options: { maxBytes?: number } = {}): AdvisoryDbWriter {
    let db: Database.Database | undefined;
    try {
      mkdirSync(dirname(path), { recursive: true });
      db = new Database(path);
      // Takes effect only in a new file. Fewer, larger pages: a page is a system call when the
      // transaction commits to the WAL and another when it is checkpointed.
      db.pragma(`page_size = ${PAGE_SIZE}`);
      db.pragma('journal_mode = WAL');
      // NORMAL in WAL mode still never corrupts; a power cut may only lose the last commit.
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('cache_size = -65536');
      if (options.maxBytes !== undefined) {
        const pageSize = db.pragma('page_size', { simple: true }) as number;
        db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxBytes / pageSize))}`);
      }
      return new AdvisoryDbWriter(path, db);
    } catch (e) {
      db?.close();
      throw storeError(e, path);
    }
  }

  /** Starts the update's transaction and makes sure the tables exist in the current format. */
  begin(): void {
    this.#run(() => {
      this.#db.exec('BEGIN IMMEDIATE');
      const hasMeta = this.#db
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'")
        .get();
      const format = hasMeta
        ? (this.#db.prepare("SELECT value FROM meta WHERE key = 'format'").pluck().get() as
            | string
            | undefined)
        : undefined;
      if (format !== FORMAT_VERSION) this.#db.exec(DROP_SQL);
      this.#db.exec(SCHEMA_SQL);
      this.#db
        .prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('format', ?)")
        .run(FORMAT_VERSION);
      this.#statements = prepare(this.#db);
    });
  }

  commit(): void {
    this.#run(() => this.#db.exec('COMMIT'));
  }

  rollback(): void {
    if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
  }

  savepoint(): void {
    this.#run(() => this.#db.exec('SAVEPOINT folder'));
  }

  release(): void {
    this.#run(() => this.#db.exec('RELEASE folder'));
  }

  rollbackToSavepoint(): void {
    if (this.#db.inTransaction) this.#db.exec('ROLLBACK TO folder; RELEASE folder');
  }

  folder(name: string): FolderState | undefined {
    return this.#s.folder.get(name) as FolderState | undefined;
  }

  folderNames(): string[] {
    return this.#s.folderNames.pluck().all() as string[];
  }

  /** The folder's id, creating its row when new. */
  ensureFolder(name: string, source: string, now: Date): number {
    return this.#run(() => {
      this.#s.insertFolder.run(name, source, now.toISOString());
      return (this.#s.folder.get(name) as FolderState).fid;
    });
  }

  touchFolder(fid: number, source: string, fingerprint: string | undefined, now: Date): void {
    this.#run(() => this.#s.touchFolder.run(source, fingerprint ?? null, now.toISOString(), fid));
  }

  entries(fid: number): Map<string, StoredEntry> {
    const rows = this.#s.entries.all(fid) as { entry: string; rid: number; identity: string }[];
    return new Map(rows.map((row) => [row.entry, { rid: row.rid, identity: row.identity }]));
  }

  skips(fid: number): Map<string, StoredSkip> {
    const rows = this.#s.skips.all(fid) as StoredSkip[];
    return new Map(rows.map((row) => [row.entry, row]));
  }

  /** Replaces the folder's remembered skips with this sync's. */
  setSkips(fid: number, skips: readonly StoredSkip[]): void {
    this.#run(() => {
      this.#s.clearSkips.run(fid);
      for (const skip of skips) {
        const { entry, identity, location, reason, detail, id } = skip;
        this.#s.insertSkip.run(fid, entry, identity, location, reason, detail, id);
      }
    });
  }

  countRecords(fid: number): number {
    return this.#s.countRecords.pluck().get(fid) as number;
  }

  insertRecord(
    fid: number,
    entry: string,
    identity: string,
    record: IndexedRecord,
    body: Buffer,
  ): void {
    this.#run(() => {
      const { lastInsertRowid } = this.#s.insertRecord.run(
        fid,
        entry,
        identity,
        record.id,
        record.modified,
        record.withdrawn ?? null,
        body,
      );
      this.#index(Number(lastInsertRowid), record);
    });
  }

  replaceRecord(rid: number, identity: string, record: IndexedRecord, body: Buffer): void {
    this.#run(() => {
      this.#unindex(rid);
      this.#s.updateRecord.run(
        identity,
        record.id,
        record.modified,
        record.withdrawn ?? null,
        body,
        rid,
      );
      this.#index(rid, record);
    });
  }

  deleteRecord(rid: number): void {
    this.#run(() => {
      this.#unindex(rid);
      this.#s.deleteRecord.run(rid);
    });
  }

  /** Removes a folder and everything in it; returns how many records went. */
  deleteFolder(fid: number): number {
    return this.#run(() => {
      const rids = this.#s.folderRids.pluck().all(fid) as number[];
      for (const rid of rids) this.deleteRecord(rid);
      this.#s.clearSkips.run(fid);
      this.#s.deleteFolder.run(fid);
      return rids.length;
    });
  }

  /** Folds the WAL back into the main file, so the file's size says how big the data is. */
  checkpoint(): void {
    try {
      this.#db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // A reader may hold the WAL; the next writer checkpoints instead.
    }
  }

  close(): void {
    this.rollback();
    this.#db.close();
  }

  #index(rid: number, record: IndexedRecord): void {
    for (const key of packageKeys(record))
      this.#s.insertPackage.run(key.ecosystem, key.name, rid, key.written);
    for (const alias of aliasKeys(record)) this.#s.insertAlias.run(alias, rid);
  }

  /** Deletes the record's index rows, recomputed from its stored body. */
  #unindex(rid: number): void {
    const body = this.#s.body.get(rid) as Buffer | undefined;
    if (body === undefined) return;
    let record: OsvRecord;
    try {
      record = JSON.parse(decompressRecord(body).toString('utf8')) as OsvRecord;
    } catch {
      // Unreadable body: find its rows the slow way.
      this.#s.scanDeletePackages.run(rid);
      this.#s.scanDeleteAliases.run(rid);
      return;
    }
    for (const key of packageKeys(record))
      this.#s.deletePackage.run(key.ecosystem, key.name, rid, key.written);
    for (const alias of aliasKeys(record)) this.#s.deleteAlias.run(alias, rid);
  }

  get #s(): ReturnType<typeof prepare> {
    if (this.#statements === undefined) throw new Error('AdvisoryDbWriter: begin() first');
    return this.#statements;
  }

  #run<T>(work: () => T): T {
    try {
      return work();
    } catch (e) {
      throw storeError(e, this.path);
    }
  }
}

function prepare(db: Database.Database) {
  const s = (sql: string): Statement => db.prepare(sql);
  return {
    folder: s('SELECT fid, source, fingerprint FROM folders WHERE name = ?'),
    folderNames: s('SELECT name FROM folders ORDER BY name'),
    insertFolder: s(
      'INSERT INTO folders (name, source, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING',
    ),
    touchFolder: s('UPDATE folders SET source = ?, fingerprint = ?, updated_at = ? WHERE fid = ?'),
    deleteFolder: s('DELETE FROM folders WHERE fid = ?'),
    folderRids: s('SELECT rid FROM records WHERE fid = ?'),
    countRecords: s('SELECT count(*) FROM records WHERE fid = ?'),
    entries: s('SELECT entry, rid, identity FROM records WHERE fid = ?'),
    skips: s('SELECT entry, identity, location, reason, detail, id FROM skipped WHERE fid = ?'),
    clearSkips: s('DELETE FROM skipped WHERE fid = ?'),
    insertSkip: s(
      'INSERT OR REPLACE INTO skipped (fid, entry, identity, location, reason, detail, id) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    insertRecord: s(
      'INSERT INTO records (fid, entry, identity, id, modified, withdrawn, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    updateRecord: s(
      'UPDATE records SET identity = ?, id = ?, modified = ?, withdrawn = ?, body = ? WHERE rid = ?',
    ),
    deleteRecord: s('DELETE FROM records WHERE rid = ?'),
    insertPackage: s(
      'INSERT OR IGNORE INTO packages (ecosystem, name, rid, written) VALUES (?, ?, ?, ?)',
    ),
    deletePackage: s(
      'DELETE FROM packages WHERE ecosystem = ? AND name = ? AND rid = ? AND written = ?',
    ),
    scanDeletePackages: s('DELETE FROM packages WHERE rid = ?'),
    insertAlias: s('INSERT OR IGNORE INTO aliases (alias, rid) VALUES (?, ?)'),
    deleteAlias: s('DELETE FROM aliases WHERE alias = ? AND rid = ?'),
    scanDeleteAliases: s('DELETE FROM aliases WHERE rid = ?'),
    body: s('SELECT body FROM records WHERE rid = ?').pluck(),
  };
}
