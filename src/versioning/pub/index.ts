import { defineScheme } from '../define-scheme.ts';
import { compareRelease, readRelease } from '../semver/precedence.ts';
import { compareUnits } from '../text.ts';

const VALID =
  /^\d+\.\d+\.\d+(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
// Dart's int.tryParse: optional sign, decimal or 0x-hexadecimal, within 64 bits.
const DART_INT = /^[+-]?(?:\d+|0[xX][0-9a-fA-F]+)$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** A prerelease or build part: numbers (what int.tryParse accepts) sort before text. */
type Part = bigint | string;

/** A pub_semver Version: release numbers, prerelease parts, build parts. */
interface PubVersion {
  readonly release: readonly string[];
  readonly pre: readonly Part[];
  readonly build: readonly Part[];
}

function toPart(text: string): Part {
  if (!DART_INT.test(text)) return text;
  const negative = text.startsWith('-');
  const digits = text.replace(/^[+-]/, '');
  const magnitude = BigInt(digits);
  const value = negative ? -magnitude : magnitude;
  return value < INT64_MIN || value > INT64_MAX ? text : value;
}

const splitParts = (text: string): Part[] => (text === '' ? [] : text.split('.').map(toPart));

function parse(version: string): PubVersion {
  const text = version.trim();
  const { release, end } = readRelease(text);
  let plus = text.indexOf('+', end);
  if (plus < 0) plus = text.length;
  const preStart = end < plus && text.charCodeAt(end) === 45 ? end + 1 : end;
  return {
    release,
    pre: splitParts(text.slice(preStart, plus)),
    build: splitParts(text.slice(plus + 1)),
  };
}

/** pub_semver's _compareLists: a missing part first, numbers before text, text by code unit. */
function compareParts(a: readonly Part[], b: readonly Part[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'bigint') return typeof y === 'bigint' ? (x < y ? -1 : 1) : -1;
    if (typeof y === 'bigint') return 1;
    return compareUnits(x, y);
  }
  return 0;
}

function compareParsed(a: PubVersion, b: PubVersion): number {
  const r = compareRelease(a.release, b.release);
  if (r !== 0) return r;
  // A prerelease sorts before its release, a build after it.
  if (a.pre.length === 0 || b.pre.length === 0) {
    if (a.pre.length !== b.pre.length) return a.pre.length === 0 ? 1 : -1;
  } else {
    const p = compareParts(a.pre, b.pre);
    if (p !== 0) return p;
  }
  if (a.build.length === 0 || b.build.length === 0) return a.build.length - b.build.length;
  return compareParts(a.build, b.build);
}

/**
 * Dart pub's order (pub_semver Version.compareTo): SemVer precedence, then build metadata, which
 * pub does not ignore: `1.0.0 < 1.0.0+1 < 1.0.0+a`. See README.md.
 */
export const pub = defineScheme({
  id: 'pub',
  parse,
  compareParsed,
  isValid: (version) => VALID.test(version),
});
