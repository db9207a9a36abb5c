import { defineScheme } from '../define-scheme.ts';
import { comparePrecedence, readPrecedence } from './precedence.ts';

// 1 to 3 numbers with an optional v, then SemVer 2.0 prerelease and build syntax.
const VALID =
  /^[vV]?\d+(?:\.\d+){0,2}(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/**
 * SemVer 2.0 precedence, as OSV SEMVER ranges and npm, crates.io, Hex, SwiftURL, ConanCenter and
 * CocoaPods order versions. Prereleases are ordinary versions (no node-semver `satisfies`
 * exclusion), build metadata is ignored, numbers have no size limit. See README.md.
 */
export const semver = defineScheme({
  id: 'semver',
  parse: (version) => readPrecedence(version.trim()),
  compareParsed: comparePrecedence,
  isValid: (version) => VALID.test(version),
});
