import {
  compareNumberLists,
  compareNumbers,
  compareUnits,
  isDigit,
  isDigits,
  trimZeros,
} from '../text.ts';

/**
 * A version in SemVer 2.0 precedence terms. Build metadata is dropped at parse time: it never
 * takes part in precedence.
 */
export interface Precedence {
  /** Release numbers as zero-trimmed digit strings, trailing zero components removed. */
  readonly release: readonly string[];
  /** Prerelease identifiers; numeric ones are zero-trimmed digit strings. Empty: a release. */
  readonly pre: readonly string[];
  /** Whether each `pre` identifier is numeric. */
  readonly preNumeric: readonly boolean[];
}

/**
 * Reads the release numbers at `from`: an optional `v`, then dot-separated digit runs (empty ones
 * skipped) up to the first other character. Returns them zero-trimmed, trailing zeros removed,
 * with the index where they end.
 */
export function readRelease(text: string, from = 0): { release: string[]; end: number } {
  const n = text.length;
  let i = from;
  if (i < n && (text.charCodeAt(i) | 32) === 118 /* v or V */) i++;
  const release: string[] = [];
  let start = -1;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) {
      if (start < 0) start = i;
    } else if (c === 46 /* . */) {
      if (start >= 0) release.push(trimZeros(text.slice(start, i)));
      start = -1;
    } else break;
  }
  if (start >= 0) release.push(trimZeros(text.slice(start, i)));
  while (release.length > 0 && release[release.length - 1] === '0') release.pop();
  return { release, end: i };
}

/**
 * The prerelease text after the release numbers: from `from` (its leading `-` dropped) up to the
 * first `+`, where build metadata starts. Empty when there is none.
 */
export function prereleaseText(text: string, from: number): string {
  let end = text.indexOf('+', from);
  if (end < 0) end = text.length;
  const start = from < end && text.charCodeAt(from) === 45 /* - */ ? from + 1 : from;
  return start < end ? text.slice(start, end) : '';
}

/**
 * Reads anything as a version, the way osv-scalibr's semantic package does: optional leading `v`,
 * any number of dot-separated numbers (missing ones are 0), then a prerelease (with or without its
 * `-`) up to an optional `+build`. Garbage without numbers reads as 0.0.0 with a prerelease.
 */
export function readPrecedence(text: string): Precedence {
  const { release, end } = readRelease(text);
  const preText = prereleaseText(text, end);
  if (preText === '') return { release, pre: [], preNumeric: [] };
  const pre = preText.split('.');
  const preNumeric = pre.map(isDigits);
  for (let k = 0; k < pre.length; k++) if (preNumeric[k]) pre[k] = trimZeros(pre[k] as string);
  return { release, pre, preNumeric };
}

/** Release numbers in order; trailing zeros are trimmed at parse, so a shorter list is padded. */
export const compareRelease = compareNumberLists;

/**
 * SemVer 2.0 §11: a release outranks its prereleases; identifiers compare numerically when both
 * are numbers, numbers rank below text, text compares in ASCII order, and a longer list of equal
 * identifiers ranks higher. `compareText` is how text identifiers compare.
 */
export function comparePrerelease(
  a: Precedence,
  b: Precedence,
  compareText: (x: string, y: string) => number = compareUnits,
): number {
  const ap = a.pre;
  const bp = b.pre;
  if (ap.length === 0 || bp.length === 0) return bp.length - ap.length;
  const n = Math.min(ap.length, bp.length);
  for (let i = 0; i < n; i++) {
    const an = a.preNumeric[i] === true;
    const bn = b.preNumeric[i] === true;
    let r: number;
    if (an && bn) r = compareNumbers(ap[i] as string, bp[i] as string);
    else if (an !== bn) r = an ? -1 : 1;
    else r = compareText(ap[i] as string, bp[i] as string);
    if (r !== 0) return r;
  }
  return ap.length - bp.length;
}

export function comparePrecedence(a: Precedence, b: Precedence): number {
  return compareRelease(a.release, b.release) || comparePrerelease(a, b);
}
