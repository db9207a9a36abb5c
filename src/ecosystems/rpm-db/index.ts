import type { PackageRef } from '../../core/package.ts';
import { type DistroNaming, osPackagePurl } from '../distro/distro.ts';
import { readBdbHashRecords } from './bdb.ts';
import { parseRpmHeader, parseSourceRpm, type RpmRecord, rpmEvr } from './header.ts';
import { readNdbBlobs } from './ndb.ts';
import { fileAccess } from './random-access.ts';
import { readSqliteBlobs } from './sqlite.ts';

export type { RpmRecord } from './header.ts';

/** The three on-disk formats of rpm's package database. */
export type RpmDbFormat = 'sqlite' | 'ndb' | 'bdb';

const DB_DIRS = ['var/lib/rpm/', 'usr/lib/sysimage/rpm/', 'usr/share/rpm/'];
const FILES: Readonly<Record<string, RpmDbFormat>> = {
  'rpmdb.sqlite': 'sqlite',
  'Packages.db': 'ndb',
  Packages: 'bdb',
};

/** The rpm database format a root-relative path holds, if it is one. */
export function rpmDbFormat(path: string): RpmDbFormat | undefined {
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash + 1);
  if (!DB_DIRS.some((d) => dir === d || dir.endsWith(`/${d}`))) return undefined;
  return FILES[path.slice(slash + 1)];
}

export interface RpmDatabase {
  readonly records: readonly RpmRecord[];
  /** Headers that could not be read, each a one-line reason. */
  readonly problems: readonly string[];
}

/**
 * Reads every installed package from an rpm database file on disk. A damaged file throws (the
 * reader's own error class); a damaged header inside a good file becomes a problem line.
 * `gpg-pubkey` entries are imported signing keys, not software, and are left out.
 */
export async function readRpmDatabase(file: string, format: RpmDbFormat): Promise<RpmDatabase> {
  const records: RpmRecord[] = [];
  const problems: string[] = [];
  const take = (blob: Uint8Array, label: string): void => {
    try {
      const record = parseRpmHeader(blob);
      if (record.name !== 'gpg-pubkey') records.push(record);
    } catch (e) {
      problems.push(`${label}: ${(e as Error).message}`);
    }
  };
  if (format === 'sqlite') {
    let i = 0;
    for (const blob of readSqliteBlobs(file)) take(blob, `row ${++i}`);
    return { records, problems };
  }
  const db = await fileAccess(file);
  try {
    if (format === 'ndb') {
      let i = 0;
      for await (const blob of readNdbBlobs(db)) take(blob, `blob ${++i}`);
    } else {
      for await (const [key, value] of readBdbHashRecords(db)) {
        // Record 0 of the classic backend holds rpm's next-instance counter, not a header.
        if (key.length === 4 && key.every((b) => b === 0)) continue;
        take(value, `record ${Buffer.from(key).toString('hex')}`);
      }
    }
  } finally {
    await db.close();
  }
  return { records, problems };
}

/** Turns rpm records into packages of the given distribution. */
export function rpmPackages(
  records: readonly RpmRecord[],
  naming: DistroNaming,
  path: string,
): PackageRef[] {
  return records.map((r) => {
    const version = rpmEvr(r);
    const source = r.sourceRpm === undefined ? undefined : parseSourceRpm(r.sourceRpm);
    const purl = osPackagePurl(
      'rpm',
      naming,
      r.name,
      r.release === '' ? r.version : `${r.version}-${r.release}`,
      { arch: r.arch, epoch: r.epoch },
    );
    return {
      ecosystem: naming.ecosystem,
      name: r.name,
      version,
      ...(purl === undefined ? {} : { purl }),
      locations: [{ path }],
      ...(source === undefined
        ? {}
        : {
            source: {
              name: source.name,
              version: r.epoch === undefined ? source.version : `${r.epoch}:${source.version}`,
            },
          }),
      extractor: 'rpm-db/installed',
    };
  });
}
