import type { VersionScheme } from '../../core/version-scheme.ts';
import { sign } from '../text.ts';
import { phpVersionCompare } from './version-compare.ts';

// Composer's VersionParser::normalize grammar: classic (1 to 4 numbers) or date versions with an
// optional stability modifier and build metadata, `dev-<branch>` and `1.x-dev` branches.
const MODIFIER =
  '[._-]?(?:(?:stable|beta|b|RC|alpha|a|patch|pl|p)(?:[.-]?\\d+(?:[.-]\\d+)*)?)?(?:[.-]?dev)?';
const CLASSIC = new RegExp(`^v?\\d{1,5}(?:\\.\\d+){0,3}${MODIFIER}(?:\\+[0-9A-Za-z.-]+)?$`, 'i');
const DATE = new RegExp(`^v?\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3}){0,2}${MODIFIER}$`, 'i');
const BRANCH = /^(?:dev-\S+|v?\d+(?:\.(?:\d+|[xX*])){0,3}\.[xX*](?:[.-]?dev)?)$/;

/** Composer drops a leading v before comparing (`v1.0 = 1.0`). */
const withoutV = (version: string): string =>
  /^[vV]\d/.test(version) ? version.slice(1) : version;

/**
 * Packagist's order: PHP's version_compare after Composer's leading-v removal, the order Composer
 * itself uses and OSV's Packagist versions were sorted with: dev < alpha = a < beta = b < RC = rc
 * < release < patch = pl = p, unknown words below dev. See README.md.
 */
export const packagist: VersionScheme = {
  id: 'packagist',
  compare: (a, b) => (a === b ? 0 : sign(phpVersionCompare(withoutV(a), withoutV(b)))),
  isValid: (version) => CLASSIC.test(version) || DATE.test(version) || BRANCH.test(version),
};
