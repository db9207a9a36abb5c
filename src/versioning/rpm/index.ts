import { defineScheme } from '../define-scheme.ts';
import { compareNumbers, isAlnum, isDigit, isLetter, trimZeros } from '../text.ts';

/** epoch:version-release, split as rpm's parseEVR splits it. */
interface RpmVersion {
  readonly epoch: string;
  readonly version: string;
  /** Undefined when there is no `-`: such a version sorts below any release of it. */
  readonly release?: string;
}

const VALID = /^(?:\d+:)?[A-Za-z0-9._+~^]+(?:-[A-Za-z0-9._+~^]+)?$/;

function parse(evr: string): RpmVersion {
  // The epoch is the leading digits when a colon follows them; the release follows the last `-`.
  let s = 0;
  while (s < evr.length && isDigit(evr.charCodeAt(s))) s++;
  const hasEpoch = evr.charCodeAt(s) === 58; /* : */
  const epoch = hasEpoch && s > 0 ? evr.slice(0, s) : '0';
  const version = hasEpoch ? evr.slice(s + 1) : evr;
  const hyphen = version.lastIndexOf('-');
  return hyphen < 0
    ? { epoch, version }
    : { epoch, version: version.slice(0, hyphen), release: version.slice(hyphen + 1) };
}

const isSeparator = (c: number): boolean => !isAlnum(c) && c !== 126 && c !== 94;

/**
 * rpmvercmp (rpm 4.15+): alphanumeric segments in turn, separators skipped; `~` sorts before
 * everything including the end, `^` after the end but before anything else; numbers beat letters,
 * numbers by value, letters by strcmp; otherwise whichever has segments left is newer.
 */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && isSeparator(a.charCodeAt(i))) i++;
    while (j < b.length && isSeparator(b.charCodeAt(j))) j++;
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (ca === 126 || cb === 126) {
      if (ca !== 126) return 1;
      if (cb !== 126) return -1;
      i++;
      j++;
      continue;
    }
    if (ca === 94 || cb === 94) {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (ca !== 94) return 1;
      if (cb !== 94) return -1;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const numeric = isDigit(ca);
    const inSegment = numeric ? isDigit : isLetter;
    const si = i;
    const sj = j;
    while (i < a.length && inSegment(a.charCodeAt(i))) i++;
    while (j < b.length && inSegment(b.charCodeAt(j))) j++;
    // A number against letters: the number is newer.
    if (j === sj) return numeric ? 1 : -1;
    const sa = a.slice(si, i);
    const sb = b.slice(sj, j);
    const r = numeric
      ? compareNumbers(trimZeros(sa), trimZeros(sb))
      : sa < sb
        ? -1
        : sa > sb
          ? 1
          : 0;
    if (r !== 0) return r;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

function compareParsed(a: RpmVersion, b: RpmVersion): number {
  const r = rpmvercmp(a.epoch, b.epoch) || rpmvercmp(a.version, b.version);
  if (r !== 0) return r;
  // rpm.labelCompare: a missing release sorts below any release, even an empty one.
  if (a.release === undefined || b.release === undefined)
    return a.release === b.release ? 0 : a.release === undefined ? -1 : 1;
  return rpmvercmp(a.release, b.release);
}

/**
 * RPM package versions (Red Hat, Fedora, SUSE, Rocky, Alma, openEuler): rpmvercmp over epoch,
 * version and release as rpm's labelCompare does; a missing epoch is 0. See README.md.
 */
export const rpm = defineScheme({
  id: 'rpm',
  parse,
  compareParsed,
  isValid: (version) => VALID.test(version),
});
