import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEcosystem } from '../../core/ecosystem-id.ts';
import type { OsvRecord } from '../../core/osv.ts';
import { writeZipFile, type ZipEntryInput } from './zip-writer.ts';

/** A record as a file: its entry name, exact bytes, and parsed value. */
export interface FixtureRecord {
  readonly name: string;
  readonly text: Buffer;
  readonly record: OsvRecord;
}

const fixtures = join(import.meta.dirname, '..', '__fixtures__');

function readRecords(dir: string): FixtureRecord[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name));
      return { name, text, record: JSON.parse(text.toString('utf8')) as OsvRecord };
    });
}

/** The 20 records of the shared data's sample/, copied into __fixtures__/sample. */
export function sampleRecords(): FixtureRecord[] {
  return readRecords(join(fixtures, 'sample'));
}

/** PYSEC-2019-155, one of the 7 PyPI records the OSV schema rejects upstream. */
export function upstreamInvalidRecord(): FixtureRecord {
  const [record] = readRecords(join(fixtures, 'upstream-invalid'));
  if (record === undefined) throw new Error('fixture missing: upstream-invalid');
  return record;
}

export const sampleDir = join(fixtures, 'sample');

/** The osv.dev folder a record is exported to: its first affected ecosystem without release. */
export function folderOf(record: OsvRecord): string {
  const ecosystem = record.affected?.[0]?.package?.ecosystem;
  if (ecosystem === undefined) throw new Error(`${record.id} has no affected package`);
  return parseEcosystem(ecosystem).base;
}

export function byFolder(records: readonly FixtureRecord[]): Record<string, FixtureRecord[]> {
  const folders: Record<string, FixtureRecord[]> = {};
  for (const record of records) {
    const folder = folderOf(record.record);
    const list = folders[folder];
    if (list === undefined) folders[folder] = [record];
    else list.push(record);
  }
  return folders;
}

/** A fresh directory under the system's temp dir. */
export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `secflow-${label}-`));
}

/** modified_id.csv as osv.dev writes it: "<modified>,<id>", newest first. */
export function modifiedIdCsv(records: readonly FixtureRecord[]): string {
  return [...records]
    .sort(
      (a, b) =>
        b.record.modified.localeCompare(a.record.modified) ||
        a.record.id.localeCompare(b.record.id),
    )
    .map((r) => `${r.record.modified},${r.record.id}\n`)
    .join('');
}

/**
 * Writes osv.dev's layout: `<dir>/<folder>/all.zip` (entries sorted, Deflate) and, unless
 * `csv: false`, modified_id.csv. `extra` adds raw (possibly hostile) entries to a folder's zip.
 */
export function writeLayout(
  dir: string,
  folders: Record<string, readonly FixtureRecord[]>,
  options: { csv?: boolean; extra?: Record<string, readonly ZipEntryInput[]> } = {},
): void {
  for (const [folder, records] of Object.entries(folders)) {
    mkdirSync(join(dir, folder), { recursive: true });
    const entries: ZipEntryInput[] = [...records]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((r) => ({ name: r.name, data: r.text }));
    writeZipFile(join(dir, folder, 'all.zip'), [...entries, ...(options.extra?.[folder] ?? [])]);
    if (options.csv !== false)
      writeFileSync(join(dir, folder, 'modified_id.csv'), modifiedIdCsv(records));
  }
}

/** A copy of `record` with a new modified time and summary: a changed upstream record. */
export function revised(record: FixtureRecord, modified: string): FixtureRecord {
  const value = { ...record.record, modified, summary: `${record.record.summary ?? ''} (revised)` };
  return { name: record.name, text: Buffer.from(JSON.stringify(value, null, 2)), record: value };
}
