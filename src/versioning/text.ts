/**
 * Character and number primitives shared by the version schemes. Version components can be digit
 * runs of any length (dates, build stamps, the 30-digit cases in the acceptance corpus), so numbers
 * stay digit strings and compare by length after their leading zeros are gone: JS numbers lose
 * precision past 2^53 and would make distinct versions equal.
 */

export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
export const isLower = (c: number): boolean => c >= 97 && c <= 122;
const isUpper = (c: number): boolean => c >= 65 && c <= 90;
export const isLetter = (c: number): boolean => isLower(c) || isUpper(c);
export const isAlnum = (c: number): boolean => isDigit(c) || isLetter(c);

export const sign = (n: number): -1 | 0 | 1 => (n < 0 ? -1 : n > 0 ? 1 : 0);

/** `digits` (ASCII digits only) without its leading zeros; "000" is "0". */
export function trimZeros(digits: string): string {
  let i = 0;
  const last = digits.length - 1;
  while (i < last && digits.charCodeAt(i) === 48) i++;
  return i === 0 ? digits : digits.slice(i);
}

/** Orders two numbers written as zero-trimmed ASCII digit strings (see `trimZeros`). */
export function compareNumbers(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders lists of zero-trimmed numbers item by item; a longer list with an equal prefix is greater. */
export function compareNumberLists(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const r = compareNumbers(a[i] as string, b[i] as string);
    if (r !== 0) return r;
  }
  return a.length - b.length;
}

/** Whether `s` is one or more ASCII digits. */
export function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}

/** UTF-16 code unit order, what Java, .NET and Dart compare strings by. */
export const compareUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Code point order, what Go, Python, Ruby and C compare (UTF-8 bytes sort by code point). It
 * differs from UTF-16 order only where a surrogate pair meets a character in U+E000–U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca !== cb) return unitRank(ca) < unitRank(cb) ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Lifts surrogates above U+FFFF so that code units compare in code point order. */
export const unitRank = (c: number): number => (c >= 0xd800 && c <= 0xdfff ? c + 0x10000 : c);
