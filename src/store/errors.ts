import { SecflowError } from '../core/errors.ts';

/** Turns SQLite's and the file system's failures into one clear SecflowError about `path`. */
export function storeError(error: unknown, path: string): unknown {
  if (error instanceof SecflowError) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return error;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC')
    return new SecflowError('disk', `${path}: disk full (or the database size cap was reached)`, {
      cause: error,
      hint: 'free some space and run the update again; the previous data is unchanged',
    });
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO')
    return new SecflowError('disk', `${path}: I/O error (${code})`, { cause: error });
  if (
    code === 'SQLITE_READONLY' ||
    code === 'SQLITE_CANTOPEN' ||
    code === 'EACCES' ||
    code === 'EROFS' ||
    code === 'EPERM'
  )
    return new SecflowError('disk', `${path}: cannot write there (${code})`, {
      cause: error,
      hint: 'choose another place with --db or SECFLOW_DB',
    });
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))
    return new SecflowError('db-corrupt', `${path} is not a usable advisory database (${code})`, {
      cause: error,
      hint: `delete ${path} and run \`secflow db update\``,
    });
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'))
    return new SecflowError('internal', `${path} is being updated by another process`, {
      cause: error,
      hint: 'wait for that `secflow db update` to finish, then try again',
    });
  return error;
}
