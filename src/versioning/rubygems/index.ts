import { defineScheme } from '../define-scheme.ts';
import { compareCodePoints, compareNumbers, isDigit, trimZeros } from '../text.ts';

// Gem::Version::ANCHORED_VERSION_PATTERN (Ruby's \s is [ \t\r\n\f\v]).
const VALID =
  /^[ \t\r\n\f\v]*(?:[0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)?[ \t\r\n\f\v]*$/;
const SEGMENT = /[0-9]+|[a-z]+/gi;

/** Gem::Version#canonical_segments: numbers as zero-trimmed digits, words flagged. */
interface GemVersion {
  readonly segments: readonly string[];
  readonly numeric: readonly boolean[];
}

function parse(version: string): GemVersion {
  // Gem::Version reads "1.0-rc1" as "1.0.pre.rc1"; blank is "0".
  const text = version.trim().replaceAll('-', '.pre.');
  const all = text.match(SEGMENT) ?? [];
  const numeric = all.map((s) => isDigit(s.charCodeAt(0)));
  const segments = all.map((s, i) => (numeric[i] ? trimZeros(s) : s));
  // Trailing zeros go from the release part (before the first word) and from the prerelease part.
  let firstWord = numeric.indexOf(false);
  if (firstWord < 0) firstWord = segments.length;
  const keep = (from: number, to: number) => {
    while (to > from && numeric[to - 1] && segments[to - 1] === '0') to--;
    return to;
  };
  const releaseEnd = keep(0, firstWord);
  const preEnd = keep(firstWord, segments.length);
  return {
    segments: [...segments.slice(0, releaseEnd), ...segments.slice(firstWord, preEnd)],
    numeric: [...numeric.slice(0, releaseEnd), ...numeric.slice(firstWord, preEnd)],
  };
}

/** Gem::Version#<=>: missing segments are 0, words sort below numbers, words by byte order. */
function compareParsed(a: GemVersion, b: GemVersion): number {
  const n = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const as = a.segments[i] ?? '0';
    const bs = b.segments[i] ?? '0';
    const an = a.numeric[i] ?? true;
    const bn = b.numeric[i] ?? true;
    if (an !== bn) return an ? 1 : -1;
    const r = an ? compareNumbers(as, bs) : compareCodePoints(as, bs);
    if (r !== 0) return r;
  }
  return 0;
}

/**
 * RubyGems' Gem::Version order: numeric segments by value, a word segment makes a prerelease
 * (`1.0.a < 1.0`), trailing zeros ignored. Strings Gem::Version would reject are read the same
 * lenient way instead of raising. See README.md.
 */
export const rubygems = defineScheme({
  id: 'rubygems',
  parse,
  compareParsed,
  isValid: (version) => VALID.test(version),
});
