/** Bumped when the layout below changes; `db update` rebuilds a database of another format. */
export const FORMAT_VERSION = '1';

/**
 * One row per stored record, keyed by where it came from (folder + entry name) so an update can
 * tell new, changed, unchanged and vanished files apart. The body is the record's bytes exactly as
 * published, raw-DEFLATE-compressed (osv.dev zips already hold that form, so it is copied, not
 * recompressed). Lookups go through two small indexes: (ecosystem base, normalised name) → record
 * and alias → record. They have no index by record: a record's rows are found again from its
 * stored body when it changes, which keeps bulk imports and the file smaller.
 */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS folders (
  fid INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL,
  fingerprint TEXT,
  updated_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS records (
  rid INTEGER PRIMARY KEY,
  fid INTEGER NOT NULL,
  entry TEXT NOT NULL,
  identity TEXT NOT NULL,
  id TEXT NOT NULL COLLATE NOCASE,
  modified TEXT NOT NULL,
  withdrawn TEXT,
  body BLOB NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS records_by_entry ON records (fid, entry);
CREATE INDEX IF NOT EXISTS records_by_id ON records (id);

-- ecosystem: the base in lower case ("debian"); written: the affected ecosystem as the record
-- has it ("Debian:11"), so releases are told apart after the index lookup.
CREATE TABLE IF NOT EXISTS packages (
  ecosystem TEXT NOT NULL,
  name TEXT NOT NULL,
  rid INTEGER NOT NULL,
  written TEXT NOT NULL,
  PRIMARY KEY (ecosystem, name, rid, written)
) WITHOUT ROWID;

-- aliases and upstream ids of each record (CVE, GHSA, PYSEC, DEBIAN-CVE…).
CREATE TABLE IF NOT EXISTS aliases (
  alias TEXT NOT NULL COLLATE NOCASE,
  rid INTEGER NOT NULL,
  PRIMARY KEY (alias, rid)
) WITHOUT ROWID;

-- Entries left out at the last sync of a folder, so an unchanged bad entry is not re-read.
CREATE TABLE IF NOT EXISTS skipped (
  fid INTEGER NOT NULL,
  entry TEXT NOT NULL,
  identity TEXT NOT NULL,
  location TEXT NOT NULL,
  reason TEXT NOT NULL,
  detail TEXT NOT NULL,
  id TEXT,
  PRIMARY KEY (fid, entry)
) WITHOUT ROWID;
`;

export const DROP_SQL = `
DROP TABLE IF EXISTS skipped;
DROP TABLE IF EXISTS aliases;
DROP TABLE IF EXISTS packages;
DROP TABLE IF EXISTS records;
DROP TABLE IF EXISTS folders;
DROP TABLE IF EXISTS meta;
`;
