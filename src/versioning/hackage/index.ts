import { defineScheme } from '../define-scheme.ts';
import { compareNumberLists, trimZeros } from '../text.ts';

const VALID = /^\d+(?:\.\d+)*$/;
const NUMBER = /\d+/g;

/**
 * Haskell's Data.Version order, which the PVP relies on: the numeric components compared as a
 * list, so a longer version with the same prefix is greater (`1.0 < 1.0.0`). Text that is not a
 * version keeps only its digit runs. See README.md.
 */
export const hackage = defineScheme({
  id: 'hackage',
  parse: (version) => (version.match(NUMBER) ?? []).map(trimZeros),
  compareParsed: compareNumberLists,
  isValid: (version) => VALID.test(version),
});
