import { defineScheme } from '../define-scheme.ts';
import { compareNumbers, isDigit, isDigits, isLetter, trimZeros, unitRank } from '../text.ts';

/** A Debian version split as dpkg's parseversion splits it. */
interface DebianVersion {
  /** Zero-trimmed digits; 0 when absent. */
  readonly epoch: string;
  readonly upstream: string;
  /** Empty when absent, which dpkg orders like "0". */
  readonly revision: string;
}

const UPSTREAM = /^[0-9][A-Za-z0-9.+~:-]*$/;
const REVISION = /^[A-Za-z0-9.+~]+$/;
const INT_MAX = '2147483647';

function parse(version: string): DebianVersion {
  const text = version.trim();
  const colon = text.indexOf(':');
  const epochText = colon < 0 ? '' : text.slice(0, colon);
  // A non-numeric "epoch" is an error to dpkg; leniently, the colon is then part of the version.
  const hasEpoch = colon >= 0 && isDigits(epochText);
  const rest = hasEpoch ? text.slice(colon + 1) : text;
  const hyphen = rest.lastIndexOf('-');
  return {
    epoch: hasEpoch ? trimZeros(epochText) : '0',
    upstream: hyphen < 0 ? rest : rest.slice(0, hyphen),
    revision: hyphen < 0 ? '' : rest.slice(hyphen + 1),
  };
}

/** dpkg's order(): `~` before the end of the part, then letters, then everything else. */
function order(c: number): number {
  if (Number.isNaN(c) || isDigit(c)) return 0;
  if (isLetter(c)) return c;
  if (c === 126 /* ~ */) return -1;
  return unitRank(c) + 256;
}

/** dpkg's verrevcmp: alternating non-digit runs (by `order`) and digit runs (by value). */
export function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (
      (i < a.length && !isDigit(a.charCodeAt(i))) ||
      (j < b.length && !isDigit(b.charCodeAt(j)))
    ) {
      const ac = order(a.charCodeAt(i));
      const bc = order(b.charCodeAt(j));
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    const ai = i;
    const bj = j;
    while (i < a.length && isDigit(a.charCodeAt(i))) i++;
    while (j < b.length && isDigit(b.charCodeAt(j))) j++;
    const r = compareNumbers(trimZeros(a.slice(ai, i) || '0'), trimZeros(b.slice(bj, j) || '0'));
    if (r !== 0) return r;
  }
  return 0;
}

function isValid(version: string): boolean {
  const colon = version.indexOf(':');
  if (colon >= 0) {
    const epoch = trimZeros(version.slice(0, colon));
    if (!isDigits(epoch) || compareNumbers(epoch, INT_MAX) > 0) return false;
  }
  const rest = version.slice(colon + 1);
  const hyphen = rest.lastIndexOf('-');
  if (hyphen < 0) return UPSTREAM.test(rest);
  return UPSTREAM.test(rest.slice(0, hyphen)) && REVISION.test(rest.slice(hyphen + 1));
}

/**
 * Debian and Ubuntu package versions, ordered as `dpkg --compare-versions` orders them:
 * [epoch:]upstream[-revision], `~` before anything (even the end), letters before other symbols,
 * digit runs by value. See README.md.
 */
export const dpkg = defineScheme({
  id: 'dpkg',
  parse,
  compareParsed: (a: DebianVersion, b: DebianVersion) =>
    compareNumbers(a.epoch, b.epoch) ||
    verrevcmp(a.upstream, b.upstream) ||
    verrevcmp(a.revision, b.revision),
  isValid,
});
