/**
 * Advisory database: import rate, size on disk and lookup speed, each beside a floor.
 *
 * - Import: the shared OSV snapshot (/work/shared/advisories, 14,938 records) and a generated set
 *   (500,000 records by default; ADVISORY_BENCH_RECORDS overrides) made by mutating real records
 *   (new ids, package names and versions). Floors: `unzip -p` of the same zips, and reading +
 *   inflating + JSON.parse of every entry in process (what any importer must do at least).
 * - Size: database bytes per 100k records, and bytes per record beyond the compressed record text.
 * - Lookups: `recordsFor(ecosystem, name)` for real package names, beside a Map of parsed records
 *   (the in-memory floor) and the bare SQLite index probe.
 *
 * Prints one markdown section on stdout; progress on stderr. Scratch data in bench/.work/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { updateAdvisoryDb } from '../src/advisories/import.ts';
import { OsvDirSource } from '../src/advisories/sources/osv-dir.ts';
import { generateRecords } from '../src/advisories/testing/generate.ts';
import type { FixtureRecord } from '../src/advisories/testing/osv-layout.ts';
import type { OsvRecord } from '../src/core/osv.ts';
import { openAdvisoryDb } from '../src/store/advisory-db.ts';
import { decompressRecord } from '../src/store/codec.ts';
import { ecosystemKey, nameKey } from '../src/store/record-keys.ts';
import { readAll, writeGenerated, zipsOf } from './lib/osv-fixtures.ts';

const shared = process.env.SECFLOW_SHARED_ADVISORIES ?? '/work/shared/advisories';
const generatedCount = Number(process.env.ADVISORY_BENCH_RECORDS ?? 500_000);
const work = join(import.meta.dirname, '.work', 'advisory-db');
const LOOKUPS = 20_000;

const log = (message: string) => process.stderr.write(`${message}\n`);
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

interface Timed<T> {
  readonly value: T;
  readonly seconds: number;
  readonly cpuSeconds: number;
}

async function timed<T>(work: () => Promise<T> | T): Promise<Timed<T>> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return {
    value,
    seconds: (performance.now() - start) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

function unzipFloor(dir: string): number {
  const start = performance.now();
  for (const zip of zipsOf(dir))
    execFileSync('unzip', ['-p', zip.path], { stdio: ['ignore', 'ignore', 'ignore'] });
  return (performance.now() - start) / 1000;
}

interface SizeReport {
  readonly records: number;
  readonly fileBytes: number;
  readonly bodyBytes: number;
}

function sizeOf(path: string): SizeReport {
  const db = new Database(path, { readonly: true });
  try {
    const row = db
      .prepare('SELECT count(*) AS records, sum(length(body)) AS bodyBytes FROM records')
      .get() as { records: number; bodyBytes: number };
    return { ...row, fileBytes: statSync(path).size };
  } finally {
    db.close();
  }
}

/** (ecosystem, name) pairs that real scans would ask about: every indexed package, shuffled. */
function lookupKeys(path: string, count: number): { ecosystem: string; name: string }[] {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db.prepare('SELECT DISTINCT written AS ecosystem, name FROM packages').all() as {
      ecosystem: string;
      name: string;
    }[];
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    return Array.from(
      { length: count },
      () => rows[Math.floor(random() * rows.length)] ?? rows[0],
    ).filter((row): row is { ecosystem: string; name: string } => row !== undefined);
  } finally {
    db.close();
  }
}

interface LookupReport {
  readonly recordsForUs: number;
  /** CPU time per lookup: less disturbed by other load on a shared machine. */
  readonly recordsForCpuUs: number;
  readonly medianUs: number;
  /** Packages with no advisory: what most lookups of a scan are. */
  readonly missUs: number;
  readonly indexProbeUs: number;
  readonly mapFloorUs: number;
  readonly mapFloorLabel: string;
  readonly recordsPerLookup: number;
}

async function lookups(
  path: string,
  parsed: Map<string, OsvRecord[]> | undefined,
): Promise<LookupReport> {
  const keys = lookupKeys(path, LOOKUPS);
  const db = openAdvisoryDb(path);
  let found = 0;
  for (const key of keys.slice(0, 1000)) db.recordsFor(key.ecosystem, key.name); // warm up
  const full = await timed(() => {
    for (const key of keys) found += db.recordsFor(key.ecosystem, key.name).length;
  });
  const each = keys.map((key) => {
    const start = performance.now();
    db.recordsFor(key.ecosystem, key.name);
    return performance.now() - start;
  });
  each.sort((a, b) => a - b);
  const misses = await timed(() => {
    for (const key of keys) db.recordsFor(key.ecosystem, `${key.name}-not-vulnerable`);
  });
  db.close();

  const raw = new Database(path, { readonly: true });
  const probe = raw.prepare('SELECT rid FROM packages WHERE ecosystem = ? AND name = ?').pluck();
  const index = await timed(() => {
    for (const key of keys)
      probe.all(ecosystemKey(key.ecosystem), nameKey(key.ecosystem, key.name));
  });

  // The floor: the same records from memory. For the large set, compressed bodies in a Map
  // (inflate + parse per hit, as the database must); for the shared set, parsed records.
  let mapFloor: Timed<void>;
  let mapFloorLabel: string;
  if (parsed !== undefined) {
    mapFloorLabel = 'Map of parsed records';
    mapFloor = await timed(() => {
      for (const key of keys)
        parsed.get(`${ecosystemKey(key.ecosystem)}/${nameKey(key.ecosystem, key.name)}`);
    });
  } else {
    mapFloorLabel = 'Map of compressed records, inflate + JSON.parse per hit';
    const bodies = new Map<string, Buffer[]>();
    const rows = raw
      .prepare('SELECT p.ecosystem, p.name, r.body FROM packages p JOIN records r ON r.rid = p.rid')
      .iterate() as IterableIterator<{ ecosystem: string; name: string; body: Buffer }>;
    for (const row of rows) {
      const key = `${row.ecosystem}/${row.name}`;
      const list = bodies.get(key);
      if (list === undefined) bodies.set(key, [row.body]);
      else list.push(row.body);
    }
    mapFloor = await timed(() => {
      for (const key of keys)
        for (const body of bodies.get(
          `${ecosystemKey(key.ecosystem)}/${nameKey(key.ecosystem, key.name)}`,
        ) ?? [])
          JSON.parse(decompressRecord(body).toString('utf8'));
    });
  }
  raw.close();
  return {
    recordsForUs: (full.seconds * 1e6) / keys.length,
    recordsForCpuUs: (full.cpuSeconds * 1e6) / keys.length,
    medianUs: (each[Math.floor(each.length / 2)] ?? 0) * 1000,
    missUs: (misses.seconds * 1e6) / keys.length,
    indexProbeUs: (index.seconds * 1e6) / keys.length,
    mapFloorUs: (mapFloor.seconds * 1e6) / keys.length,
    mapFloorLabel,
    recordsPerLookup: found / keys.length,
  };
}

function parsedIndex(records: readonly FixtureRecord[]): Map<string, OsvRecord[]> {
  const index = new Map<string, OsvRecord[]>();
  for (const { record } of records) {
    if (record.withdrawn !== undefined) continue;
    for (const affected of record.affected ?? []) {
      if (affected.package === undefined) continue;
      const key = `${ecosystemKey(affected.package.ecosystem)}/${nameKey(affected.package.ecosystem, affected.package.name)}`;
      const list = index.get(key);
      if (list === undefined) index.set(key, [record]);
      else if (!list.includes(record)) list.push(record);
    }
  }
  return index;
}

interface ImportRow {
  readonly label: string;
  readonly records: number;
  readonly first: Timed<unknown>;
  readonly rerun: Timed<unknown>;
  readonly parseFloor: Timed<unknown>;
  readonly unzipSeconds: number | undefined;
  readonly size: SizeReport;
  readonly lookups: LookupReport;
}

async function benchLayout(label: string, dir: string, parsedFloor: boolean): Promise<ImportRow> {
  const dbPath = join(work, `${label.replace(/\W+/g, '-')}.db`);
  rmSync(dbPath, { force: true });
  rmSync(`${dbPath}-wal`, { force: true });
  log(`${label}: import…`);
  const first = await timed(() => updateAdvisoryDb(dbPath, new OsvDirSource(dir)));
  log(`${label}: ${first.seconds.toFixed(1)} s; re-run…`);
  const rerun = await timed(() => updateAdvisoryDb(dbPath, new OsvDirSource(dir)));
  log(`${label}: floors…`);
  const parseFloor = await timed(() => readAll(dir, parsedFloor));
  const unzipSeconds = existsSync('/usr/bin/unzip') ? unzipFloor(dir) : undefined;
  const size = sizeOf(dbPath);
  log(`${label}: lookups…`);
  const report = await lookups(
    dbPath,
    parsedFloor ? parsedIndex(parseFloor.value.records) : undefined,
  );
  return {
    label,
    records: parseFloor.value.count,
    first,
    rerun,
    parseFloor: { ...parseFloor, value: undefined },
    unzipSeconds,
    size,
    lookups: report,
  };
}

async function main(): Promise<void> {
  mkdirSync(work, { recursive: true });
  const rows: ImportRow[] = [];
  if (existsSync(join(shared, 'PyPI', 'all.zip'))) {
    rows.push(await benchLayout('shared snapshot', shared, true));
    const generated = join(work, 'generated');
    const marker = join(generated, `.count-${generatedCount}`);
    if (!existsSync(marker)) {
      log(`generating ${fmt(generatedCount)} records from the shared snapshot…`);
      rmSync(generated, { recursive: true, force: true });
      const { records: seeds } = await readAll(shared, true);
      writeGenerated(generated, generateRecords(seeds, generatedCount));
      writeFileSync(marker, '');
    }
    rows.push(await benchLayout(`generated ${fmt(generatedCount)}`, generated, false));
  } else {
    log(`${shared} is absent: nothing to measure`);
  }
  process.stdout.write(render(rows));
}

function render(rows: readonly ImportRow[]): string {
  const lines = [
    '## Advisory database',
    '',
    'Import of OSV zips (`updateAdvisoryDb`: read, inflate, JSON.parse, validate against the OSV',
    'schema, store compressed and index), against two floors on the same zips: `unzip -p`, and',
    'reading + inflating + JSON.parse of every entry in process. Rates are records per wall-clock',
    'second (CPU seconds in brackets: the machine is shared, so wall time is noisy). Targets:',
    '≥ 20,000 records/s, ≤ 1 KB per record beyond the compressed text, < 50 µs per lookup.',
    '',
    '| Set | Records | Import | Re-run (no change) | Floor: read + parse | Floor: `unzip -p` |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const rate = (t: Timed<unknown>) =>
      `${fmt(row.records / t.seconds)}/s (${fmt(row.records / t.cpuSeconds)}/cpu-s)`;
    lines.push(
      `| ${row.label} | ${fmt(row.records)} | ${rate(row.first)} | ${row.rerun.seconds.toFixed(2)} s | ${rate(row.parseFloor)} | ${
        row.unzipSeconds === undefined ? 'n/a' : `${fmt(row.records / row.unzipSeconds)}/s`
      } |`,
    );
  }
  lines.push(
    '',
    'Size on disk (after the update\'s checkpoint; "beyond text" = file size minus the compressed',
    'record bodies, i.e. indexes, metadata and page slack):',
    '',
    '| Set | Stored records | Database | Per 100k records | Compressed text / record | Beyond text / record |',
    '|---|---:|---:|---:|---:|---:|',
  );
  for (const row of rows) {
    const { records, fileBytes, bodyBytes } = row.size;
    lines.push(
      `| ${row.label} | ${fmt(records)} | ${fmt(fileBytes / 2 ** 20, 1)} MiB | ${fmt(((fileBytes / records) * 100_000) / 2 ** 20, 1)} MiB | ${fmt(bodyBytes / records)} B | ${fmt((fileBytes - bodyBytes) / records)} B |`,
    );
  }
  lines.push(
    '',
    `Lookups: ${fmt(LOOKUPS)} \`recordsFor(ecosystem, name)\` calls for indexed packages picked at`,
    'random (returning parsed, non-withdrawn records), beside the bare SQLite index probe and an',
    'in-memory Map floor:',
    '',
    '| Set | Records per lookup | `recordsFor` mean (CPU) | median | miss (no advisory) | Index probe only | Floor | Floor kind |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
  );
  for (const row of rows) {
    const l = row.lookups;
    const us = (value: number) => `${fmt(value, 1)} µs (${fmt(1e6 / value)}/s)`;
    lines.push(
      `| ${row.label} | ${fmt(l.recordsPerLookup, 2)} | ${us(l.recordsForUs)} (${fmt(l.recordsForCpuUs, 1)} µs CPU) | ${fmt(l.medianUs, 1)} µs | ${us(l.missUs)} | ${us(l.indexProbeUs)} | ${us(l.mapFloorUs)} | ${l.mapFloorLabel} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

await main();
