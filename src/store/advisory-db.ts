import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { ecosystemApplies } from '../core/ecosystem-id.ts';
import { SecflowError } from '../core/errors.ts';
import type { OsvRecord } from '../core/osv.ts';
import { findEcosystem } from '../ecosystems/registry.ts';
import { decompressRecord } from './codec.ts';
import { storeError } from './errors.ts';
import { ecosystemKey, nameKey } from './record-keys.ts';
import { FORMAT_VERSION } from './schema.ts';

/** A record as stored: parsed, its exact published text, and the folder it came from. */
export interface StoredRecord {
  readonly record: OsvRecord;
  readonly text: string;
  readonly folder: string;
}

/** When a folder (OSV ecosystem) was last synced, and from where. */
export interface FolderSync {
  readonly folder: string;
  /** When the folder was last synced successfully (changed or not). */
  readonly updatedAt: Date;
  readonly source: string;
}

/** One folder (OSV ecosystem) in the database. */
export interface FolderStatus extends FolderSync {
  readonly records: number;
  readonly withdrawn: number;
  /** Entries the last sync left out (schema-violating, not JSON…). */
  readonly skipped: number;
  /** Whether secflow has an ecosystem plugin for the folder. */
  readonly hasPlugin: boolean;
}

export interface AdvisoryDbMeta {
  readonly path: string;
  readonly records: number;
  /** The most recent folder sync; undefined when nothing was ever synced. */
  readonly lastUpdate?: Date;
  /** The least recent folder sync: every folder's data is at least this fresh. */
  readonly oldestUpdate?: Date;
  /** The database file and its WAL. */
  readonly sizeBytes: number;
}

/** The read side of the advisory database. */
export interface AdvisoryDb {
  readonly path: string;
  /**
   * Non-withdrawn records with an affected entry for the package. `ecosystem` may carry a release
   * ("Debian:11" matches records for Debian:11 and for plain Debian; "Debian" matches every
   * release); `name` is compared under the ecosystem's name equality.
   */
  recordsFor(ecosystem: string, name: string): OsvRecord[];
  /** Like recordsFor, with text and folder, optionally including withdrawn records. */
  packageRecords(
    ecosystem: string,
    name: string,
    options?: { withdrawn?: boolean },
  ): StoredRecord[];
  /** Records with this id or alias (withdrawn included), and the records they alias. */
  lookup(idOrAlias: string): OsvRecord[];
  lookupStored(idOrAlias: string): StoredRecord[];
  /** Each folder's last sync and source; cheap, for freshness checks. */
  folders(): FolderSync[];
  /** Like folders(), with record counts (a scan of the records table). */
  status(): FolderStatus[];
  meta(): AdvisoryDbMeta;
  close(): void;
}

/** A record's row without its body: enough to choose which bodies to decode. */
interface RecordRow {
  rid: number;
  id: string;
  modified: string;
  withdrawn: string | null;
  fid: number;
}

/**
 * Opens the advisory database (read-only unless told otherwise). Throws 'db-missing' when there is
 * none or no update ever completed, 'db-corrupt' when the file is not one.
 */
export function openAdvisoryDb(path: string, options: { readonly?: boolean } = {}): AdvisoryDb {
  if (!existsSync(path))
    throw new SecflowError('db-missing', `no advisory database at ${path}`, {
      hint: 'run `secflow db update` to download one',
    });
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: options.readonly ?? true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    const hasMeta = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'")
      .get();
    if (hasMeta === undefined)
      throw new SecflowError('db-missing', `${path} holds no completed update yet`, {
        hint: 'run `secflow db update`',
      });
    const format = db.prepare("SELECT value FROM meta WHERE key = 'format'").pluck().get();
    if (format !== FORMAT_VERSION)
      throw new SecflowError('db-corrupt', `${path} has database format ${String(format)}`, {
        hint: `this secflow reads format ${FORMAT_VERSION}; run \`secflow db update\` to rebuild it`,
      });
    return new SqliteAdvisoryDb(path, db);
  } catch (e) {
    db?.close();
    throw storeError(e, path);
  }
}

class SqliteAdvisoryDb implements AdvisoryDb {
  readonly path: string;
  readonly #db: Database.Database;
  readonly #byPackage: Database.Statement;
  readonly #byId: Database.Statement;
  readonly #byAlias: Database.Statement;
  readonly #aliasesOf: Database.Statement;
  readonly #body: Database.Statement;
  #folderNames = new Map<number, string>();

  constructor(path: string, db: Database.Database) {
    this.path = path;
    this.#db = db;
    const columns = 'r.rid, r.id, r.modified, r.withdrawn, r.fid';
    // A package lookup takes the bodies with the rows: the row's page is read anyway, and a second
    // statement per record costs more than copying the few bodies that filtering then drops.
    this.#byPackage = db.prepare(
      `SELECT ${columns}, r.body, p.written FROM packages p JOIN records r ON r.rid = p.rid WHERE p.ecosystem = ? AND p.name = ?`,
    );
    this.#byId = db.prepare(`SELECT ${columns} FROM records r WHERE r.id = ?`);
    this.#byAlias = db.prepare(
      `SELECT ${columns} FROM aliases a JOIN records r ON r.rid = a.rid WHERE a.alias = ?`,
    );
    this.#aliasesOf = db.prepare('SELECT alias FROM aliases WHERE rid = ?').pluck();
    this.#body = db.prepare('SELECT body FROM records WHERE rid = ?').pluck();
  }

  recordsFor(ecosystem: string, name: string): OsvRecord[] {
    return this.packageRecords(ecosystem, name).map((r) => r.record);
  }

  packageRecords(
    ecosystem: string,
    name: string,
    options: { withdrawn?: boolean } = {},
  ): StoredRecord[] {
    const rows = this.#read(
      () =>
        this.#byPackage.all(ecosystemKey(ecosystem), nameKey(ecosystem, name)) as (RecordRow & {
          body: Buffer;
          written: string;
        })[],
    );
    const matching = rows.filter(
      (row) =>
        (options.withdrawn === true || row.withdrawn === null) &&
        ecosystemApplies(row.written, ecosystem),
    );
    // The index only points the way; the record itself must name the package.
    const key = nameKey(ecosystem, name);
    return this.#read(() => this.#decode(newestPerId(matching))).filter((stored) =>
      (stored.record.affected ?? []).some(
        (a) =>
          a.package !== undefined &&
          ecosystemApplies(a.package.ecosystem, ecosystem) &&
          nameKey(a.package.ecosystem, a.package.name) === key,
      ),
    );
  }

  lookup(idOrAlias: string): OsvRecord[] {
    return this.lookupStored(idOrAlias).map((r) => r.record);
  }

  lookupStored(idOrAlias: string): StoredRecord[] {
    const wanted = idOrAlias.trim();
    return this.#read(() => {
      const direct = [
        ...(this.#byId.all(wanted) as RecordRow[]),
        ...(this.#byAlias.all(wanted) as RecordRow[]),
      ];
      // One hop back: a GHSA record that lists PYSEC-x as alias is found from PYSEC-x, and PYSEC-x
      // is found from the GHSA record's id.
      const reverse = direct.flatMap((row) =>
        (this.#aliasesOf.all(row.rid) as string[]).flatMap(
          (alias) => this.#byId.all(alias) as RecordRow[],
        ),
      );
      const rows = newestPerId([...direct, ...reverse]);
      const exact = wanted.toLowerCase();
      rows.sort((a, b) => rank(a, exact) - rank(b, exact) || a.id.localeCompare(b.id));
      return this.#decode(rows);
    });
  }

  folders(): FolderSync[] {
    const rows = this.#read(
      () =>
        this.#db
          .prepare(
            'SELECT name AS folder, source, updated_at AS updatedAt FROM folders ORDER BY name',
          )
          .all() as { folder: string; source: string; updatedAt: string }[],
    );
    return rows.map((row) => ({ ...row, updatedAt: new Date(row.updatedAt) }));
  }

  status(): FolderStatus[] {
    const rows = this.#read(
      () =>
        this.#db
          .prepare(
            `SELECT f.name AS folder, f.source, f.updated_at AS updatedAt,
               (SELECT count(*) FROM records r WHERE r.fid = f.fid) AS records,
               (SELECT count(*) FROM records r WHERE r.fid = f.fid AND r.withdrawn IS NOT NULL) AS withdrawn,
               (SELECT count(*) FROM skipped s WHERE s.fid = f.fid) AS skipped
             FROM folders f ORDER BY f.name`,
          )
          .all() as (Omit<FolderStatus, 'updatedAt' | 'hasPlugin'> & { updatedAt: string })[],
    );
    return rows.map((row) => ({
      ...row,
      updatedAt: new Date(row.updatedAt),
      hasPlugin: findEcosystem(row.folder) !== undefined,
    }));
  }

  meta(): AdvisoryDbMeta {
    const { records, newest, oldest } = this.#read(
      () =>
        this.#db
          .prepare(
            `SELECT (SELECT count(*) FROM records) AS records,
               (SELECT max(updated_at) FROM folders) AS newest,
               (SELECT min(updated_at) FROM folders) AS oldest`,
          )
          .get() as { records: number; newest: string | null; oldest: string | null },
    );
    let sizeBytes = 0;
    for (const suffix of ['', '-wal']) {
      try {
        sizeBytes += statSync(this.path + suffix).size;
      } catch {
        // no WAL file
      }
    }
    return {
      path: this.path,
      records,
      ...(newest === null ? {} : { lastUpdate: new Date(newest) }),
      ...(oldest === null ? {} : { oldestUpdate: new Date(oldest) }),
      sizeBytes,
    };
  }

  close(): void {
    this.#db.close();
  }

  #decode(rows: readonly (RecordRow & { body?: Buffer })[]): StoredRecord[] {
    return rows.map((row) => {
      const body = row.body ?? (this.#body.get(row.rid) as Buffer);
      const text = decompressRecord(body).toString('utf8');
      return { record: JSON.parse(text) as OsvRecord, text, folder: this.#folderName(row.fid) };
    });
  }

  #folderName(fid: number): string {
    let name = this.#folderNames.get(fid);
    if (name === undefined) {
      const rows = this.#db.prepare('SELECT fid, name FROM folders').all() as {
        fid: number;
        name: string;
      }[];
      this.#folderNames = new Map(rows.map((row) => [row.fid, row.name]));
      name = this.#folderNames.get(fid) ?? '';
    }
    return name;
  }

  #read<T>(work: () => T): T {
    try {
      return work();
    } catch (e) {
      throw storeError(e, this.path);
    }
  }
}

/** A record published in several folders (a GHSA affecting npm and Maven) is returned once. */
function newestPerId<T extends RecordRow>(rows: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const row of rows) {
    const key = row.id.toLowerCase();
    const seen = byId.get(key);
    if (seen === undefined || row.modified > seen.modified) byId.set(key, row);
  }
  return [...byId.values()];
}

function rank(row: RecordRow, exact: string): number {
  return row.id.toLowerCase() === exact ? 0 : 1;
}
