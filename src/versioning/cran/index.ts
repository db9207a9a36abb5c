import { defineScheme } from '../define-scheme.ts';
import { compareNumberLists, trimZeros } from '../text.ts';

// R's valid_package_version_regexp: at least two numbers, separated by `.` or `-`.
const VALID = /^\d+(?:[.-]\d+)+$/;
const NUMBER = /\d+/g;

/**
 * R's package_version order (CRAN, Bioconductor): the numbers, `.` and `-` alike, compared as a
 * list; a longer version with the same prefix is greater (`1.0 < 1.0.0`, `1.0-1 = 1.0.1`). Text
 * that is not a version keeps only its digit runs. See README.md.
 */
export const cran = defineScheme({
  id: 'cran',
  parse: (version) => (version.match(NUMBER) ?? []).map(trimZeros),
  compareParsed: compareNumberLists,
  isValid: (version) => VALID.test(version),
});
