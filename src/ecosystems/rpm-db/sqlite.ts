import Database from 'better-sqlite3';

/**
 * Reads header blobs from rpm's sqlite backend (rpmdb.sqlite: RHEL 9, Fedora ≥ 33): the
 * Packages table maps hnum → blob. `path` must be a private copy: SQLite may create -shm and
 * -wal files next to it even when only reading a WAL-mode database.
 */
export function* readSqliteBlobs(path: string): Generator<Uint8Array> {
  const db = new Database(path, { fileMustExist: true });
  try {
    const rows = db.prepare('SELECT blob FROM Packages ORDER BY hnum').raw().iterate() as Iterable<
      [unknown]
    >;
    for (const [blob] of rows) {
      if (blob instanceof Uint8Array) yield blob;
    }
  } finally {
    db.close();
  }
}
