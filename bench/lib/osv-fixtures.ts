/**
 * OSV data for benchmarks: reading osv.dev-layout zips and writing generated records in that
 * layout. Shared by the advisory-db and scan benches.
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { openZipFolder } from '../../src/advisories/sources/zip-folder.ts';
import { type FixtureRecord, folderOf } from '../../src/advisories/testing/osv-layout.ts';
import { ZipWriter } from '../../src/advisories/testing/zip-writer.ts';
import type { OsvRecord } from '../../src/core/osv.ts';

/**
 * Reads, inflates and parses every record of a layout's zips: the in-process import floor.
 * Returns the records only when asked (the large set would not fit in memory parsed).
 */
export async function readAll(
  dir: string,
  keep: boolean,
): Promise<{ count: number; records: FixtureRecord[] }> {
  const records: FixtureRecord[] = [];
  let count = 0;
  for (const zip of zipsOf(dir)) {
    const snapshot = await openZipFolder(zip.path, zip.folder);
    for (const entry of snapshot.entries) {
      const { text } = await snapshot.read(entry);
      const record = JSON.parse(text.toString('utf8')) as OsvRecord;
      count++;
      if (keep) records.push({ name: entry.name, text: Buffer.from(text), record });
    }
    await snapshot.close();
  }
  return { count, records };
}

export function zipsOf(dir: string): { folder: string; path: string }[] {
  return readdirSync(dir)
    .map((folder) => ({ folder, path: join(dir, folder, 'all.zip') }))
    .filter((zip) => existsSync(zip.path));
}

/** Streams generated records into osv.dev's layout, one zip per folder, without holding them. */
export function writeGenerated(dir: string, records: Iterable<FixtureRecord>): void {
  mkdirSync(dir, { recursive: true });
  const open = new Map<string, { fd: number; zip: ZipWriter; csv: string[] }>();
  for (const record of records) {
    const folder = folderOf(record.record);
    let target = open.get(folder);
    if (target === undefined) {
      mkdirSync(join(dir, folder), { recursive: true });
      const fd = openSync(join(dir, folder, 'all.zip'), 'w');
      const zip = new ZipWriter((chunk) => {
        let written = 0;
        while (written < chunk.length) written += writeSync(fd, chunk, written);
      });
      target = { fd, zip, csv: [] };
      open.set(folder, target);
    }
    target.zip.add({ name: record.name, data: record.text });
    target.csv.push(`${record.record.modified},${record.record.id}\n`);
  }
  for (const [folder, target] of open) {
    target.zip.finish();
    closeSync(target.fd);
    writeFileSync(join(dir, folder, 'modified_id.csv'), target.csv.join(''));
  }
}
