/** The advisory database's public API: reading (store) and updating (advisories importer). */
export type {
  FolderSummary,
  UpdateOptions,
  UpdateSummary,
} from '../advisories/import.ts';
export { updateAdvisoryDb } from '../advisories/import.ts';
export type { AdvisorySource, SkippedRecord, SkipReason } from '../advisories/source.ts';
export { detectSource } from '../advisories/sources/detect.ts';
export type {
  AdvisoryDb,
  AdvisoryDbMeta,
  FolderStatus,
  FolderSync,
  StoredRecord,
} from './advisory-db.ts';
export { openAdvisoryDb } from './advisory-db.ts';
export {
  assertAdvisoryDbFresh,
  DEFAULT_MAX_AGE,
  formatAge,
  formatAgo,
  maxAgeSetting,
  openFreshAdvisoryDb,
  parseMaxAge,
  staleFolders,
} from './freshness.ts';
export { advisoryDbPath } from './location.ts';
