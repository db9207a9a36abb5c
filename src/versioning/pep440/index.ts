import { defineScheme } from '../define-scheme.ts';
import {
  compareCodePoints,
  compareNumberLists,
  compareNumbers,
  isDigits,
  trimZeros,
} from '../text.ts';
import { compareLegacy, legacyParts } from './legacy.ts';

/**
 * PEP 440's version pattern (the spec's appendix, as packaging compiles it: surrounding
 * whitespace allowed, case-insensitive).
 */
const PATTERN =
  /^\s*v?(?:(?:([0-9]+)!)?([0-9]+(?:\.[0-9]+)*)(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?([0-9]+)?)?(?:-([0-9]+)|[-_.]?(post|rev|r)[-_.]?([0-9]+)?)?(?:[-_.]?(dev)[-_.]?([0-9]+)?)?)(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\s*$/i;

/** Pre-release phases in order; `dev` alone sorts below them all, no pre-release above. */
const DEV_ONLY = 0;
const PHASES: ReadonlyMap<string, number> = new Map([
  ['a', 1],
  ['alpha', 1],
  ['b', 2],
  ['beta', 2],
  ['c', 3],
  ['rc', 3],
  ['pre', 3],
  ['preview', 3],
]);
const FINAL = 4;

/** packaging's comparison key; numbers are zero-trimmed digit strings. */
interface Pep440Version {
  /** Set for strings that are not PEP 440: they sort below every valid version. */
  readonly legacy: readonly string[] | undefined;
  readonly epoch: string;
  /** Trailing zeros removed, so 1.0 = 1.0.0. */
  readonly release: readonly string[];
  readonly phase: number;
  readonly preNumber: string;
  /** Undefined: no post-release (sorts below any). */
  readonly post: string | undefined;
  /** Undefined: no dev release (sorts above any). */
  readonly dev: string | undefined;
  /** Undefined: no local label (sorts below any). Numbers are marked by `localNumeric`. */
  readonly local: readonly string[] | undefined;
  readonly localNumeric: readonly boolean[] | undefined;
}

const num = (digits: string | undefined): string => trimZeros(digits ?? '0');

/** The fields of a legacy version besides its parts: never compared. */
const NO_VERSION = {
  epoch: '0',
  release: [],
  phase: FINAL,
  preNumber: '0',
  post: undefined,
  dev: undefined,
  local: undefined,
  localNumeric: undefined,
} as const;

function parse(version: string): Pep440Version {
  const m = PATTERN.exec(version);
  if (m === null) return { ...NO_VERSION, legacy: legacyParts(version) };
  const [
    ,
    epoch,
    releaseText,
    preLetter,
    preN,
    postN1,
    postLetter,
    postN2,
    devLetter,
    devN,
    local,
  ] = m;
  const release = (releaseText ?? '0').split('.').map(trimZeros);
  while (release.length > 0 && release[release.length - 1] === '0') release.pop();
  const hasPost = postN1 !== undefined || postLetter !== undefined;
  const phase =
    preLetter !== undefined
      ? (PHASES.get(preLetter.toLowerCase()) ?? FINAL)
      : !hasPost && devLetter !== undefined
        ? DEV_ONLY
        : FINAL;
  const localParts = local?.toLowerCase().split(/[-_.]/);
  return {
    legacy: undefined,
    epoch: num(epoch),
    release,
    phase,
    preNumber: num(preN),
    post: hasPost ? num(postN1 ?? postN2) : undefined,
    dev: devLetter !== undefined ? num(devN) : undefined,
    local: localParts?.map((p) => (isDigits(p) ? trimZeros(p) : p)),
    localNumeric: localParts?.map(isDigits),
  };
}

/** PEP 440 local labels: numbers above words, numbers by value, words by text, longer above. */
function compareLocal(a: Pep440Version, b: Pep440Version): number {
  const al = a.local;
  const bl = b.local;
  if (al === undefined || bl === undefined) return al === bl ? 0 : al === undefined ? -1 : 1;
  const n = Math.min(al.length, bl.length);
  for (let i = 0; i < n; i++) {
    const an = a.localNumeric?.[i] === true;
    const bn = b.localNumeric?.[i] === true;
    const r =
      an && bn
        ? compareNumbers(al[i] as string, bl[i] as string)
        : an !== bn
          ? an
            ? 1
            : -1
          : compareCodePoints(al[i] as string, bl[i] as string);
    if (r !== 0) return r;
  }
  return al.length - bl.length;
}

function compareOptional(a: string | undefined, b: string | undefined, missing: 1 | -1): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? missing : -missing;
  return compareNumbers(a, b);
}

function compareParsed(a: Pep440Version, b: Pep440Version): number {
  if (a.legacy !== undefined || b.legacy !== undefined) {
    if (a.legacy === undefined) return 1;
    if (b.legacy === undefined) return -1;
    return compareLegacy(a.legacy, b.legacy);
  }
  return (
    compareNumbers(a.epoch, b.epoch) ||
    compareNumberLists(a.release, b.release) ||
    a.phase - b.phase ||
    compareNumbers(a.preNumber, b.preNumber) ||
    compareOptional(a.post, b.post, -1) ||
    compareOptional(a.dev, b.dev, 1) ||
    compareLocal(a, b)
  );
}

/**
 * PEP 440 ordering as pip's `packaging` implements it: epochs, pre/post/dev releases, local labels
 * (`2.0.1+cu118`). Strings that are not PEP 440 are ordered as packaging's LegacyVersion did (all
 * below every valid version) rather than rejected. See README.md.
 */
export const pep440 = defineScheme({
  id: 'pep440',
  parse,
  compareParsed,
  isValid: (version) => PATTERN.test(version),
});
