import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { advisoryDbPath } from './location.ts';

describe('advisoryDbPath', () => {
  const cwd = '/work/project';
  it.each([
    [{ flag: 'db/a.db', env: { SECFLOW_DB: '/x.db' } }, '/work/project/db/a.db'],
    [{ env: { SECFLOW_DB: 'rel.db', XDG_CACHE_HOME: '/cache' } }, '/work/project/rel.db'],
    [{ env: { XDG_CACHE_HOME: '/cache', HOME: '/home/me' } }, '/cache/secflow/advisories.db'],
    [
      { env: { XDG_CACHE_HOME: 'relative', HOME: '/home/me' } },
      '/home/me/.cache/secflow/advisories.db',
    ],
    [{ env: { HOME: '/home/me' } }, '/home/me/.cache/secflow/advisories.db'],
    [{ env: {} }, `${homedir()}/.cache/secflow/advisories.db`],
  ])('%j → %s', (options, expected) => {
    expect(advisoryDbPath({ ...options, cwd })).toBe(expected);
  });
});
