/**
 * A whole `secflow scan` process: a generated monorepo of 10,000 packages in 20 npm lockfiles,
 * matched against a 500,000-record advisory database — the CI-gate case. Wall time and peak RSS
 * of the compiled CLI (`node bin/secflow.js`, after `npm run build`), beside the floor: a Node
 * process that only reads and JSON.parses the same lockfiles. Targets: under 2 s and 300 MB.
 *
 * Prints one markdown section on stdout; progress on stderr. Scratch data in bench/.work/scan.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { updateAdvisoryDb } from '../src/advisories/import.ts';
import { OsvDirSource } from '../src/advisories/sources/osv-dir.ts';
import { generateRecords } from '../src/advisories/testing/generate.ts';
import { ecosystemKey } from '../src/store/record-keys.ts';
import { readAll, writeGenerated } from './lib/osv-fixtures.ts';

const RECORDS = Number(process.env.SCAN_BENCH_RECORDS ?? 500_000);
const LOCKFILES = 20;
const PACKAGES_PER_LOCKFILE = 500;
const RUNS = 5;
const shared = process.env.SECFLOW_SHARED_ADVISORIES ?? '/work/shared/advisories';
const repo = join(import.meta.dirname, '..');
const work = join(import.meta.dirname, '.work', 'scan');
const log = (message: string) => process.stderr.write(`${message}\n`);

/** A deterministic pseudo-random sequence, so every run scans the same monorepo. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function advisoryDb(): Promise<string> {
  const path = join(work, `advisories-${RECORDS}.db`);
  if (existsSync(path)) return path;
  const layout = join(work, 'layout');
  log(`generating ${RECORDS} records…`);
  rmSync(layout, { recursive: true, force: true });
  const { records: seeds } = await readAll(shared, true);
  writeGenerated(layout, generateRecords(seeds, RECORDS));
  log('importing…');
  await updateAdvisoryDb(path, new OsvDirSource(layout));
  rmSync(layout, { recursive: true, force: true });
  return path;
}

/** npm package names the database has advisories for, so a third of the lookups hit. */
function advisedNames(dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true });
  const names = db
    .prepare('SELECT DISTINCT name FROM packages WHERE ecosystem = ? LIMIT 20000')
    .pluck()
    .all(ecosystemKey('npm')) as string[];
  db.close();
  return names;
}

function packageLock(index: number, advised: readonly string[], next: () => number): string {
  const names = new Set<string>();
  while (names.size < PACKAGES_PER_LOCKFILE) {
    const pick = next();
    names.add(
      pick < 0.33 && advised.length > 0
        ? (advised[Math.floor(next() * advised.length)] as string)
        : `pkg-${Math.floor(next() * 50_000)}`,
    );
  }
  const list = [...names];
  const version = () =>
    `${Math.floor(next() * 5)}.${Math.floor(next() * 20)}.${Math.floor(next() * 30)}`;
  const packages: Record<string, unknown> = {
    '': {
      name: `service-${index}`,
      version: '1.0.0',
      dependencies: Object.fromEntries(list.slice(0, 40).map((n) => [n, '*'])),
    },
  };
  for (const name of list) {
    const deps = Array.from(
      { length: 2 },
      () => list[Math.floor(next() * list.length)] as string,
    ).filter((d) => d !== name);
    const v = version();
    packages[`node_modules/${name}`] = {
      version: v,
      resolved: `https://registry.npmjs.org/${name}/-/${name}-${v}.tgz`,
      integrity:
        'sha512-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==',
      ...(deps.length === 0 ? {} : { dependencies: Object.fromEntries(deps.map((d) => [d, '*'])) }),
    };
  }
  return `${JSON.stringify({ name: `service-${index}`, version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

function monorepo(advised: readonly string[]): string {
  const dir = join(work, 'monorepo');
  rmSync(dir, { recursive: true, force: true });
  const next = random(42);
  for (let i = 0; i < LOCKFILES; i++) {
    mkdirSync(join(dir, `services/svc-${i}`), { recursive: true });
    writeFileSync(join(dir, `services/svc-${i}/package-lock.json`), packageLock(i, advised, next));
  }
  return dir;
}

interface Measured {
  seconds: number;
  rssMb: number;
}

/** Median wall time and peak RSS of a command over RUNS runs (GNU time's %e and %M). */
function measure(command: string, args: readonly string[]): Measured {
  const runs: Measured[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
      cwd: repo,
    });
    if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${run.stderr}`);
    const out = run.stderr;
    const [seconds, kb] = (out.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
    runs.push({ seconds: seconds ?? Number.NaN, rssMb: (kb ?? Number.NaN) / 1024 });
  }
  runs.sort((a, b) => a.seconds - b.seconds);
  return {
    seconds: runs[Math.floor(RUNS / 2)]?.seconds ?? Number.NaN,
    rssMb: Math.max(...runs.map((r) => r.rssMb)),
  };
}

async function main(): Promise<void> {
  mkdirSync(work, { recursive: true });
  if (!existsSync(join(repo, 'dist/cli/main.js')))
    execFileSync('npm', ['run', 'build'], { cwd: repo, stdio: 'inherit' });
  const db = await advisoryDb();
  const dir = monorepo(advisedNames(db));
  const lockfiles = readdirSync(join(dir, 'services')).map((d) =>
    join(dir, 'services', d, 'package-lock.json'),
  );
  // One scan's arguments: timed with the report discarded, then run once more to read it.
  const scanArgs = [
    'bin/secflow.js',
    'scan',
    dir,
    '--scanners',
    'deps',
    '--db',
    db,
    '--max-db-age',
    '100000d',
    '--fail-on',
    'none',
    '--format',
    'json',
  ];
  log('measuring…');
  const secflow = measure(process.execPath, [...scanArgs, '--output', '/dev/null']);
  const floor = measure(process.execPath, [
    '-e',
    `const fs = require('node:fs'); let n = 0; for (const f of ${JSON.stringify(lockfiles)}) n += Object.keys(JSON.parse(fs.readFileSync(f, 'utf8')).packages).length; if (n === 0) process.exit(1);`,
  ]);
  const report = JSON.parse(
    execFileSync(process.execPath, scanArgs, {
      cwd: repo,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    }),
  ) as { packages: unknown[]; findings: unknown[] };
  process.stdout.write(`## Whole scan: 10k packages against a ${RECORDS.toLocaleString('en-US')}-record database

\`node bin/secflow.js scan\` (compiled) on a generated monorepo of ${LOCKFILES} package-lock.json v3 files
with ${PACKAGES_PER_LOCKFILE} packages each (a third of them named in the database), \`--scanners deps
--format json\`, against a database of ${RECORDS.toLocaleString('en-US')} generated OSV records. Median of
${RUNS} runs; peak RSS is the highest of the runs. The floor is a Node process that only reads and
\`JSON.parse\`s the same lockfiles. The scan found ${report.packages.length.toLocaleString('en-US')} packages
and ${report.findings.length.toLocaleString('en-US')} findings.

| Process | Wall (s) | Peak RSS (MB) | vs floor |
|---|---:|---:|---:|
| secflow scan | ${secflow.seconds.toFixed(2)} | ${secflow.rssMb.toFixed(0)} | ${(secflow.seconds / floor.seconds).toFixed(1)}× |
| floor: node + JSON.parse | ${floor.seconds.toFixed(2)} | ${floor.rssMb.toFixed(0)} | 1.0× |

Targets: under 2 s wall and under 300 MB RSS — ${secflow.seconds < 2 ? 'met' : 'NOT met'} and ${secflow.rssMb < 300 ? 'met' : 'NOT met'}.
`);
}

await main();
