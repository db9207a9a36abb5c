import { defineScheme } from '../define-scheme.ts';
import {
  comparePrerelease,
  compareRelease,
  type Precedence,
  readPrecedence,
} from '../semver/precedence.ts';
import { compareCodePoints, isAlnum, isDigit } from '../text.ts';

/** A Go version: valid module or toolchain versions outrank every invalid one. */
interface GoVersion {
  readonly valid: boolean;
  readonly precedence: Precedence;
}

// Go toolchain prereleases, bare (`1.21rc2`, as OSV and go.mod write them) or tagged (`go1.21rc2`).
const TOOLCHAIN_PRERELEASE = /^(?:go)?(\d+\.\d+)(beta|rc)(\d+)$/;
const TOOLCHAIN_RELEASE = /^go(\d+(?:\.\d+){0,2})$/;

/**
 * golang.org/x/mod/semver's grammar: `v` + major, optionally `.minor` and `.patch` (shorthands
 * mean `.0`), prerelease and build only after a patch, no leading zeros in numbers or numeric
 * prerelease identifiers. `text` is the version without its `v`. Undefined when invalid.
 */
function readModuleVersion(text: string): Precedence | undefined {
  const n = text.length;
  let i = 0;
  /** Reads a number without leading zeros; false when there is none. */
  const number = (): boolean => {
    const start = i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    return i > start && !(text.charCodeAt(start) === 48 && i - start > 1);
  };
  const identifiers = (numbersCanonical: boolean): boolean => {
    do {
      i++; // the `-`, `+` or `.` before this identifier
      const start = i;
      let digitsOnly = true;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (!isAlnum(c) && c !== 45) break;
        if (!isDigit(c)) digitsOnly = false;
        i++;
      }
      if (i === start) return false;
      if (numbersCanonical && digitsOnly && i - start > 1 && text.charCodeAt(start) === 48)
        return false;
    } while (i < n && text.charCodeAt(i) === 46);
    return true;
  };

  let parts = 0;
  for (; parts < 3; parts++) {
    if (parts > 0) {
      if (i === n) break; // v1 and v1.2 are shorthands for v1.0.0 and v1.2.0
      if (text.charCodeAt(i) !== 46) return undefined;
      i++;
    }
    if (!number()) return undefined;
  }
  if (i === n) return readPrecedence(text);
  if (parts < 3) return undefined;
  if (text.charCodeAt(i) === 45 && !identifiers(true)) return undefined;
  if (i < n && text.charCodeAt(i) === 43 && !identifiers(false)) return undefined;
  return i === n ? readPrecedence(text) : undefined;
}

function parse(version: string): GoVersion {
  const text = version.trim();
  const pre = TOOLCHAIN_PRERELEASE.exec(text);
  if (pre !== null) {
    // go1.21rc2 is 1.21.0-rc.2, as govulncheck's GoTagToSemver and the Go vulndb write it.
    const module = readModuleVersion(`${pre[1]}.0-${pre[2]}.${pre[3]}`);
    if (module !== undefined) return { valid: true, precedence: module };
  }
  const tag = TOOLCHAIN_RELEASE.exec(text);
  const body = tag !== null ? tag[1] : text.startsWith('v') ? text.slice(1) : text;
  const module = body === undefined ? undefined : readModuleVersion(body);
  if (module !== undefined) return { valid: true, precedence: module };
  return { valid: false, precedence: readPrecedence(text) };
}

/**
 * Go module versions (golang.org/x/mod/semver: `v` optional here because OSV omits it, pseudo-
 * versions order as the prereleases they are, `+incompatible` and other build metadata ignored)
 * and Go toolchain versions for the stdlib (`go1.20.1`, `1.21rc2`, `1.21` = `1.21.0`). See README.
 */
export const go = defineScheme<GoVersion>({
  id: 'go',
  parse,
  compareParsed: (a, b) =>
    a.valid !== b.valid
      ? a.valid
        ? 1
        : -1
      : compareRelease(a.precedence.release, b.precedence.release) ||
        comparePrerelease(a.precedence, b.precedence, compareCodePoints),
  isValid: (version) => version === version.trim() && parse(version).valid,
});
