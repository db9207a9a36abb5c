import { SecflowError } from '../core/errors.ts';
import type { AdvisoryDb, FolderSync } from './advisory-db.ts';
import { openAdvisoryDb } from './advisory-db.ts';

export const DEFAULT_MAX_AGE = '7d';

const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** "7d", "36h", "2w", "90m", "45s"; a bare number means days. */
export function parseMaxAge(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$/i.exec(text);
  const unit = UNIT_MS[(match?.[2] || 'd').toLowerCase()];
  if (match === null || unit === undefined)
    throw new SecflowError('usage', `invalid maximum age "${text}"`, {
      hint: 'write a number and a unit: 45s, 90m, 36h, 7d or 2w',
    });
  return Number(match[1]) * unit;
}

/** The maximum age in force: the flag, else $SECFLOW_DB_MAX_AGE, else 7 days. */
export function maxAgeSetting(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag !== undefined && flag !== '') return flag;
  const fromEnv = env.SECFLOW_DB_MAX_AGE;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : DEFAULT_MAX_AGE;
}

/** "3 days", "5 hours", "12 minutes", "just now". */
export function formatAge(ms: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (ms < 60_000) return 'just now';
  if (ms < 3_600_000) return plural(Math.floor(ms / 60_000), 'minute');
  if (ms < 2 * 86_400_000) return plural(Math.floor(ms / 3_600_000), 'hour');
  return plural(Math.floor(ms / 86_400_000), 'day');
}

/** "3 days ago", "just now". */
export function formatAgo(ms: number): string {
  const age = formatAge(ms);
  return age === 'just now' ? age : `${age} ago`;
}

/** Folders whose last sync is older than `maxAgeMs`. */
export function staleFolders(db: AdvisoryDb, maxAgeMs: number, now: Date): FolderSync[] {
  return db.folders().filter((f) => now.getTime() - f.updatedAt.getTime() > maxAgeMs);
}

/**
 * Throws 'db-stale' when any folder's data is older than `maxAgeMs`, 'db-missing' when the
 * database holds no synced folder.
 */
export function assertAdvisoryDbFresh(db: AdvisoryDb, maxAgeMs: number, now = new Date()): void {
  if (db.folders().length === 0)
    throw new SecflowError('db-missing', `${db.path} holds no advisories yet`, {
      hint: 'run `secflow db update`',
    });
  const stale = staleFolders(db, maxAgeMs, now);
  const oldest = stale.sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime())[0];
  if (oldest !== undefined)
    throw new SecflowError(
      'db-stale',
      `advisory data for ${stale.map((f) => f.folder).join(', ')} is ${formatAge(now.getTime() - oldest.updatedAt.getTime())} old (maximum ${formatAge(maxAgeMs)})`,
      { hint: 'run `secflow db update`, or allow older data with --max-age' },
    );
}

/**
 * What a scan calls before matching: opens the database read-only and checks its age (the
 * maximum from `maxAge`, else $SECFLOW_DB_MAX_AGE, else 7 days). Throws 'db-missing', 'db-stale'
 * or 'db-corrupt'; the caller closes the returned database.
 */
export function openFreshAdvisoryDb(
  path: string,
  options: { maxAge?: string; env?: NodeJS.ProcessEnv; now?: Date } = {},
): AdvisoryDb {
  const maxAgeMs = parseMaxAge(maxAgeSetting(options.maxAge, options.env ?? process.env));
  const db = openAdvisoryDb(path, { readonly: true });
  try {
    assertAdvisoryDbFresh(db, maxAgeMs, options.now ?? new Date());
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
