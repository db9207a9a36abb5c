import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * Where the advisory database lives: `--db`, else $SECFLOW_DB, else
 * `$XDG_CACHE_HOME/secflow/advisories.db` (XDG ignores a relative XDG_CACHE_HOME), else
 * `~/.cache/secflow/advisories.db`.
 */
export function advisoryDbPath(options: {
  readonly flag?: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}): string {
  const { flag, env, cwd } = options;
  if (flag !== undefined && flag !== '') return resolve(cwd, flag);
  const fromEnv = env.SECFLOW_DB;
  if (fromEnv !== undefined && fromEnv !== '') return resolve(cwd, fromEnv);
  const xdg = env.XDG_CACHE_HOME;
  const cache = xdg !== undefined && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.cache');
  return join(cache, 'secflow', 'advisories.db');
}
