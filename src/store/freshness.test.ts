import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { updateAdvisoryDb } from '../advisories/import.ts';
import { OsvDirSource } from '../advisories/sources/osv-dir.ts';
import { byFolder, sampleRecords, tempDir, writeLayout } from '../advisories/testing/osv-layout.ts';
import { openAdvisoryDb } from './advisory-db.ts';
import {
  assertAdvisoryDbFresh,
  formatAge,
  maxAgeSetting,
  openFreshAdvisoryDb,
  parseMaxAge,
} from './freshness.ts';

describe('parseMaxAge', () => {
  it.each([
    ['7d', 7 * 86_400_000],
    ['36h', 36 * 3_600_000],
    ['2w', 14 * 86_400_000],
    ['90m', 90 * 60_000],
    ['45s', 45_000],
    ['1.5d', 1.5 * 86_400_000],
    ['3', 3 * 86_400_000],
  ])('%s', (text, ms) => expect(parseMaxAge(text)).toBe(ms));

  it('rejects nonsense as a usage error', () => {
    expect(() => parseMaxAge('soon')).toThrow(expect.objectContaining({ code: 'usage' }));
    expect(() => parseMaxAge('7y')).toThrow(expect.objectContaining({ code: 'usage' }));
  });

  it('takes the flag, else SECFLOW_DB_MAX_AGE, else 7d', () => {
    expect(maxAgeSetting('1d', { SECFLOW_DB_MAX_AGE: '2d' })).toBe('1d');
    expect(maxAgeSetting(undefined, { SECFLOW_DB_MAX_AGE: '2d' })).toBe('2d');
    expect(maxAgeSetting(undefined, {})).toBe('7d');
  });

  it('formats ages', () => {
    expect(formatAge(5_000)).toBe('just now');
    expect(formatAge(3 * 60_000)).toBe('3 minutes');
    expect(formatAge(3_600_000)).toBe('1 hour');
    expect(formatAge(9 * 86_400_000)).toBe('9 days');
  });
});

describe('freshness checks', () => {
  const root = tempDir('freshness');
  const path = join(root, 'advisories.db');
  const synced = new Date('2024-06-01T00:00:00Z');
  beforeAll(async () => {
    writeLayout(join(root, 'layout'), byFolder(sampleRecords()));
    await updateAdvisoryDb(path, new OsvDirSource(join(root, 'layout')), { now: () => synced });
    const raw = new Database(path);
    raw
      .prepare("UPDATE folders SET updated_at = '2024-05-20T00:00:00.000Z' WHERE name = 'Go'")
      .run();
    raw.close();
  });

  it('passes data within the maximum age', () => {
    const db = openFreshAdvisoryDb(path, { maxAge: '30d', now: new Date('2024-06-02T00:00:00Z') });
    db.close();
  });

  it('throws db-stale naming the stale folders', () => {
    expect(() =>
      openFreshAdvisoryDb(path, {
        env: { SECFLOW_DB_MAX_AGE: '7d' },
        now: new Date('2024-06-02T00:00:00Z'),
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'db-stale',
        message: 'advisory data for Go is 13 days old (maximum 7 days)',
      }),
    );
  });

  it('throws db-missing without a database, or with one that holds nothing', () => {
    expect(() => openFreshAdvisoryDb(join(root, 'none.db'))).toThrow(
      expect.objectContaining({ code: 'db-missing' }),
    );
    const raw = new Database(path);
    raw.exec('DELETE FROM packages; DELETE FROM aliases; DELETE FROM records; DELETE FROM folders');
    raw.close();
    const db = openAdvisoryDb(path);
    try {
      expect(() => assertAdvisoryDbFresh(db, 1000)).toThrow(
        expect.objectContaining({ code: 'db-missing' }),
      );
    } finally {
      db.close();
    }
  });
});
