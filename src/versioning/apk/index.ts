import { defineScheme } from '../define-scheme.ts';
import { compareNumbers, compareUnits, isDigit, isLower, trimZeros } from '../text.ts';

/**
 * apk-tools' token kinds in grammar order; where two versions' kinds part, the later kind sorts
 * lower. BAD_REVISION and INVALID only arise in strings apk-tools 3 rejects (see README.md).
 */
const INITIAL_DIGIT = 0;
const DIGIT = 1;
const LETTER = 2;
const SUFFIX = 3;
const SUFFIX_NO = 4;
const COMMIT_HASH = 5;
const REVISION_NO = 6;
const END = 7;
const BAD_REVISION = 8;
const INVALID = 9;

/** Suffix ranks: pre-release suffixes below NONE (no suffix), post-release ones above. */
const SUFFIX_NONE = 5;
const SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['alpha', 1],
  ['beta', 2],
  ['pre', 3],
  ['rc', 4],
  ['cvs', 6],
  ['svn', 7],
  ['git', 8],
  ['hg', 9],
  ['p', 10],
]);

interface Token {
  readonly kind: number;
  /** As written: digits, letter, suffix name, hash, or for INVALID everything from there on. */
  readonly text: string;
  /** Zero-trimmed digits for numbers and revisions, the rank for suffixes and letters. */
  readonly value: string | number;
}

interface ApkVersion {
  readonly tokens: readonly Token[];
  /** Whether apk-tools 3 accepts the string as it is. */
  readonly valid: boolean;
}

const isHex = (c: number): boolean => isDigit(c) || (c >= 97 && c <= 102);

/**
 * apk-tools' tokenizer (src/version.c): number{.number}{letter}{_suffix{number}}{~hash}{-r#}.
 * Beyond that grammar it reads, leniently: digits right after the letter (`6.6.2p1`, accepted by
 * apk-tools 2.x and found in Alpine's advisories), `-r` without digits as `-r0` (apk-tools 2.x), a
 * malformed revision as BAD_REVISION, and anything else as a final INVALID token.
 */
function parse(version: string): ApkVersion {
  const tokens: Token[] = [];
  const n = version.length;
  let valid = true;
  const finish = (kind: number, from: number): ApkVersion => {
    tokens.push({ kind, text: version.slice(from), value: 0 });
    return { tokens, valid: valid && kind === END };
  };

  let i = digitsEnd(version, 0);
  if (i === 0) return finish(INVALID, 0);
  pushNumber(tokens, INITIAL_DIGIT, version.slice(0, i));
  for (;;) {
    const previous = (tokens[tokens.length - 1] as Token).kind;
    if (i === n) return finish(END, n);
    const start = i;
    const c = version.charCodeAt(i);
    if (isLower(c)) {
      if (previous > DIGIT) return finish(INVALID, start);
      tokens.push({ kind: LETTER, text: version[i++] as string, value: c });
    } else if (c === 46 /* . */) {
      i = digitsEnd(version, start + 1);
      if (previous > DIGIT || i === start + 1) return finish(INVALID, start);
      pushNumber(tokens, DIGIT, version.slice(start + 1, i));
    } else if (isDigit(c)) {
      if (previous === LETTER)
        valid = false; // apk-tools 2.x: 6.6.2p1
      else if (previous !== SUFFIX) return finish(INVALID, start);
      i = digitsEnd(version, start);
      pushNumber(tokens, previous === SUFFIX ? SUFFIX_NO : DIGIT, version.slice(start, i));
    } else if (c === 95 /* _ */) {
      i = start + 1;
      while (i < n && isLower(version.charCodeAt(i))) i++;
      const rank = SUFFIXES.get(version.slice(start + 1, i));
      if (previous > SUFFIX_NO || rank === undefined) return finish(INVALID, start);
      tokens.push({ kind: SUFFIX, text: version.slice(start + 1, i), value: rank });
    } else if (c === 126 /* ~ */) {
      i = start + 1;
      while (i < n && isHex(version.charCodeAt(i))) i++;
      if (previous >= COMMIT_HASH || i === start + 1) return finish(INVALID, start);
      tokens.push({ kind: COMMIT_HASH, text: version.slice(start + 1, i), value: 0 });
    } else if (c === 45 /* - */) {
      // Only "-r<digits>" ending the string is a revision; "-r" alone is "-r0" to apk-tools 2.x.
      i = digitsEnd(version, start + 2);
      if (version.charCodeAt(start + 1) !== 114 /* r */ || i !== n)
        return badRevision(tokens, version, start);
      if (i === start + 2) valid = false;
      pushNumber(tokens, REVISION_NO, version.slice(start + 2, i));
    } else return finish(INVALID, start);
  }
}

/** Where the run of ASCII digits starting at `from` ends. */
function digitsEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  return i;
}

function pushNumber(tokens: Token[], kind: number, digits: string): void {
  tokens.push({ kind, text: digits, value: trimZeros(digits || '0') });
}

/**
 * A revision apk cannot read (`-ruff`, `-r1-2`, `--r1`): it keeps the number after its `-r`, if
 * any, and sorts below the same version without a revision, as apk-tools 3 orders invalid text.
 */
function badRevision(tokens: Token[], version: string, from: number): ApkVersion {
  const digits =
    version.charCodeAt(from + 1) === 114 /* r */
      ? version.slice(from + 2, digitsEnd(version, from + 2))
      : '';
  tokens.push({ kind: BAD_REVISION, text: version.slice(from), value: trimZeros(digits || '0') });
  return { tokens, valid: false };
}

/** token_cmp: tokens of the same kind. */
function compareTokens(a: Token, b: Token): number {
  switch (a.kind) {
    case DIGIT:
      // A leading zero makes the part compare as text, as Gentoo's rules say (1.02 < 1.1).
      if (a.text.charCodeAt(0) === 48 || b.text.charCodeAt(0) === 48)
        return compareUnits(a.text, b.text);
      return compareNumbers(a.value as string, b.value as string);
    case INITIAL_DIGIT:
    case SUFFIX_NO:
    case REVISION_NO:
    case BAD_REVISION:
      return compareNumbers(a.value as string, b.value as string);
    case LETTER:
    case SUFFIX:
      return (a.value as number) - (b.value as number);
    default:
      // COMMIT_HASH as apk_blob_sort does; INVALID tails likewise, so equal strings stay equal.
      return compareUnits(a.text, b.text);
  }
}

/** apk_version_compare: token by token; where the kinds part, the grammar order decides. */
function compareParsed(a: ApkVersion, b: ApkVersion): number {
  const at = a.tokens;
  const bt = b.tokens;
  let k = 0;
  for (; ; k++) {
    const ta = at[k] as Token;
    const tb = bt[k] as Token;
    if (ta.kind !== tb.kind) break;
    const r = compareTokens(ta, tb);
    if (r !== 0 || ta.kind >= END) return r;
  }
  const ta = at[k] as Token;
  const tb = bt[k] as Token;
  // The longer version is newer, unless what it has more of is a pre-release suffix.
  if (ta.kind === SUFFIX && (ta.value as number) < SUFFIX_NONE) return -1;
  if (tb.kind === SUFFIX && (tb.value as number) < SUFFIX_NONE) return 1;
  return tb.kind - ta.kind;
}

/**
 * Alpine's apk order (also Wolfi, Chainguard, MinimOS), as apk-tools 3 compares valid versions:
 * 1.6_rc1-r0 < 1.6-r0 < 1.6_p1-r0 < 1.6a-r0 < 1.6-r1. See README.md for strings it rejects.
 */
export const apk = defineScheme({
  id: 'apk',
  parse,
  compareParsed,
  isValid: (version) => parse(version).valid,
});
