import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { updateAdvisoryDb } from '../advisories/import.ts';
import type { AdvisorySource } from '../advisories/source.ts';
import { OsvDirSource } from '../advisories/sources/osv-dir.ts';
import { generateRecords } from '../advisories/testing/generate.ts';
import { byFolder, sampleRecords, tempDir, writeLayout } from '../advisories/testing/osv-layout.ts';
import { openAdvisoryDb } from './advisory-db.ts';

/** Runs a TypeScript file of this repository in a child Node process. */
function spawnTs(script: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: join(import.meta.dirname, '..', '..'),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
}

/** Resolves when the child prints a line matching `pattern`. */
function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    if (child.stdout === null) throw new Error('no stdout');
    const lines = createInterface({ input: child.stdout });
    const onLine = (line: string) => {
      if (pattern.test(line)) {
        lines.off('line', onLine);
        resolve(line);
      }
    };
    lines.on('line', onLine);
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before ${pattern}`)));
  });
}

function counts(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    const row = db
      .prepare(
        'SELECT (SELECT count(*) FROM records) AS r, (SELECT count(*) FROM packages) AS p, (SELECT count(*) FROM aliases) AS a',
      )
      .get() as { r: number; p: number; a: number };
    return `${row.r} ${row.p} ${row.a}`;
  } finally {
    db.close();
  }
}

function setup(label: string) {
  const root = tempDir(label);
  const db = join(root, 'advisories.db');
  const before = join(root, 'before');
  const after = join(root, 'after');
  const samples = sampleRecords();
  writeLayout(before, byFolder(samples));
  writeLayout(after, byFolder([...samples, ...generateRecords(samples, 2500)]));
  return { db, before, after };
}

describe('the advisory database under concurrent use', () => {
  it('never shows a reader in another process half an update', async () => {
    const { db, before, after } = setup('concurrent-read');
    await updateAdvisoryDb(db, new OsvDirSource(before));
    const old = counts(db);

    const reader = spawnTs('src/store/testing/read-loop.ts', [db]);
    const seen: string[] = [];
    const ticks: number[] = [];
    if (reader.stdout === null) throw new Error('no stdout');
    createInterface({ input: reader.stdout }).on('line', (line) => {
      if (line.startsWith('seen ')) seen.push(line.slice(5));
      if (line.startsWith('tick ')) ticks.push(Number(line.slice(5)));
    });
    await waitForLine(reader, /^ready$/);

    // Halfway through the import, hold the transaction open until the reader has read 200 times.
    const inner = new OsvDirSource(after);
    let reads = 0;
    let paused = false;
    const source: AdvisorySource = {
      kind: inner.kind,
      location: inner.location,
      folders: () => inner.folders(),
      fingerprint: (folder) => inner.fingerprint(folder),
      open: async (folder) => {
        const snapshot = await inner.open(folder);
        if (snapshot === undefined) return undefined;
        return {
          ...snapshot,
          read: async (entry) => {
            if (++reads === 1200) {
              paused = true;
              const start = ticks.at(-1) ?? 0;
              while ((ticks.at(-1) ?? 0) < start + 200) await new Promise((r) => setTimeout(r, 20));
            }
            return snapshot.read(entry);
          },
        };
      },
    };
    await updateAdvisoryDb(db, source);
    const final = counts(db);
    const start = ticks.at(-1) ?? 0;
    while ((ticks.at(-1) ?? 0) < start + 100) await new Promise((r) => setTimeout(r, 20));
    reader.stdin?.end();
    await waitForLine(reader, /^done /);

    expect(paused).toBe(true);
    expect(final).not.toBe(old);
    expect(seen).toEqual([old, final]);
  }, 120_000);

  it('keeps the previous data when the importer is killed with SIGKILL mid-transaction', async () => {
    const { db, before, after } = setup('concurrent-kill');
    await updateAdvisoryDb(db, new OsvDirSource(before));
    const old = counts(db);

    const importer = spawnTs('src/advisories/testing/import-child.ts', [db, after, '1000']);
    await waitForLine(importer, /^midway$/);
    await new Promise((r) => setTimeout(r, 200));
    const exited = new Promise((resolve) => importer.once('exit', resolve));
    importer.kill('SIGKILL');
    expect(await exited).toBe(null);

    expect(counts(db)).toBe(old);
    const raw = new Database(db);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
    const reader = openAdvisoryDb(db);
    expect(reader.meta().records).toBe(20);
    reader.close();

    // And the next update completes normally.
    const summary = await updateAdvisoryDb(db, new OsvDirSource(after));
    expect(summary.folders.reduce((n, f) => n + f.imported, 0)).toBe(2500);
  }, 120_000);
});
