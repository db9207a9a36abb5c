import { memoize } from '../parse-cache.ts';
import { compareNumbers, isAlnum, isDigit, trimZeros } from '../text.ts';

/**
 * PHP's version_compare (ext/standard/versioning.c), ported statement for statement so its corner
 * cases (empty parts, trailing separators, prefix-matched words) come out the same. Two deliberate
 * differences: numbers compare by value at any length (PHP's strtol saturates at 2^63), and `#`
 * stays a character of its part instead of becoming a separator, as osv.dev's Packagist ordering
 * does (only versions Composer rejects contain it).
 */

/** The special words, matched as prefixes in this order; anything else ranks -1, below "dev". */
const SPECIAL_FORMS: readonly (readonly [string, number])[] = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];
/** How PHP ranks a number against a word: as the placeholder "#N#", i.e. like "#". */
const NUMBER_RANK = 4;

function rank(form: string): number {
  for (const [name, order] of SPECIAL_FORMS) if (form.startsWith(name)) return order;
  return -1;
}

const isDig = (c: number): boolean => isDigit(c);
const isNonDig = (c: number): boolean => !isDigit(c) && c !== 46;

/** php_canonicalize_version: `-_+` and other symbols become `.`, digit/non-digit runs split. */
function canonicalizeVersion(version: string): string {
  if (version === '') return '';
  const out: string[] = [version[0] as string];
  let lp = version.charCodeAt(0); // the previous input character
  let lq = lp; // the last character written
  const write = (ch: string) => {
    out.push(ch);
    lq = ch.charCodeAt(0);
  };
  for (let i = 1; i < version.length; i++) {
    const c = version.charCodeAt(i);
    if (c === 45 || c === 95 || c === 43) {
      if (lq !== 46) write('.');
    } else if ((isNonDig(lp) && isDig(c)) || (isDig(lp) && isNonDig(c))) {
      if (lq !== 46) write('.');
      write(version[i] as string);
    } else if (!isAlnum(c) && c !== 35 /* # */) {
      if (lq !== 46) write('.');
    } else write(version[i] as string);
    lp = c;
  }
  return out.join('');
}

/** Canonical forms are cached: version_compare re-reads both versions on every call. */
export const canonicalize = memoize(canonicalizeVersion);

/** The leading digit run of a part, zero-trimmed (PHP reads parts with strtol). */
function leadingNumber(part: string): string {
  let end = 0;
  while (end < part.length && isDigit(part.charCodeAt(end))) end++;
  return trimZeros(part.slice(0, end));
}

/** Two parts, as the loop body of php_version_compare compares them. */
function compareParts(a: string, b: string): number {
  const ad = isDigit(a.charCodeAt(0));
  const bd = isDigit(b.charCodeAt(0));
  if (ad && bd) return compareNumbers(leadingNumber(a), leadingNumber(b));
  const r = (ad ? NUMBER_RANK : rank(a)) - (bd ? NUMBER_RANK : rank(b));
  return r < 0 ? -1 : r > 0 ? 1 : 0;
}

/**
 * php_version_compare(rest, "#N#"): what the remaining parts of a longer version weigh against
 * the end of a shorter one. PHP recurses part by part; this loops, so hostile input cannot
 * exhaust the stack.
 */
function compareRestToEnd(version: string, from: number): number {
  let p = from;
  for (;;) {
    if (p >= version.length) return -1; // an empty remainder loses to the placeholder
    const dot = version.indexOf('.', p);
    const part = dot < 0 ? version.slice(p) : version.slice(p, dot);
    if (!isDigit(part.charCodeAt(0))) {
      const r = rank(part) - NUMBER_RANK;
      if (r !== 0) return r < 0 ? -1 : 1;
    }
    if (dot < 0) return 0;
    p = dot + 1;
    if (isDigit(version.charCodeAt(p))) return 1;
  }
}

/** What the remainder of a longer version weighs against the end of the other (1, 0 or -1). */
const restAgainstEnd = (version: string, from: number): number =>
  isDigit(version.charCodeAt(from)) ? 1 : compareRestToEnd(version, from);

/** C strings end at the first NUL: PHP never sees what follows it. */
const cString = (s: string): string => {
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
};

export function phpVersionCompare(original1: string, original2: string): number {
  const o1 = cString(original1);
  const o2 = cString(original2);
  if (o1 === '' || o2 === '') return o1 === o2 ? 0 : o1 === '' ? -1 : 1;
  const v1 = o1.startsWith('#') ? o1 : canonicalize(o1);
  const v2 = o2.startsWith('#') ? o2 : canonicalize(o2);
  let p1 = 0;
  let p2 = 0;
  // Whether the last part read was followed by a dot (C's n1/n2 pointers being non-NULL).
  let n1 = true;
  let n2 = true;
  let compare = 0;
  while (p1 < v1.length && p2 < v2.length && n1 && n2) {
    const d1 = v1.indexOf('.', p1);
    const d2 = v2.indexOf('.', p2);
    n1 = d1 >= 0;
    n2 = d2 >= 0;
    compare = compareParts(v1.slice(p1, n1 ? d1 : v1.length), v2.slice(p2, n2 ? d2 : v2.length));
    if (compare !== 0) break;
    if (n1) p1 = d1 + 1;
    if (n2) p2 = d2 + 1;
  }
  if (compare === 0 && (n1 || n2)) {
    // PHP looks only at the first version's remainder when both have one; when both end in a
    // separator that makes version_compare(x, x) -1 and x < y < x possible. Looking at the side
    // that still has parts keeps the order antisymmetric and agrees wherever PHP is consistent.
    const end1 = p1 >= v1.length;
    const end2 = p2 >= v2.length;
    if (n1 && n2 && end1 && end2) compare = 0;
    else if (n1 && !(n2 && end1)) compare = restAgainstEnd(v1, p1);
    else compare = -restAgainstEnd(v2, p2);
  }
  return compare;
}
