import { defineScheme } from '../define-scheme.ts';
import { compareRelease, prereleaseText, readRelease } from '../semver/precedence.ts';
import { compareUnits } from '../text.ts';

/** A NuGet version: release numbers, then release labels (none: a stable release). */
interface NuGetVersion {
  readonly release: readonly string[];
  /** Labels upper-cased (NuGet compares them ignoring case); numbers as their int value. */
  readonly labels: readonly (string | number)[];
}

const INT32_MAX = 2147483647;
const INT_LABEL = /^-?\d+$/;
const NUMBER = /^\d+$/;
const LABEL = /^[0-9A-Za-z-]+$/;

/** .NET `int.TryParse` on a label: digits with an optional sign, within Int32. */
function labelValue(label: string): string | number {
  if (INT_LABEL.test(label)) {
    const value = Number(label);
    if (value >= -INT32_MAX - 1 && value <= INT32_MAX) return value;
  }
  return label.toUpperCase();
}

function parse(version: string): NuGetVersion {
  const text = version.trim();
  const { release, end } = readRelease(text);
  const pre = prereleaseText(text, end);
  return { release, labels: pre === '' ? [] : pre.split('.').map(labelValue) };
}

/** VersionComparer.CompareRelease: numbers by value and below words, words ignoring case. */
function compareLabel(a: string | number, b: string | number): number {
  if (typeof a === 'number') return typeof b === 'number' ? a - b : -1;
  return typeof b === 'number' ? 1 : compareUnits(a, b);
}

function compareParsed(a: NuGetVersion, b: NuGetVersion): number {
  const r = compareRelease(a.release, b.release);
  if (r !== 0) return r;
  const al = a.labels;
  const bl = b.labels;
  if (al.length === 0 || bl.length === 0) return bl.length - al.length;
  const n = Math.min(al.length, bl.length);
  for (let i = 0; i < n; i++) {
    const c = compareLabel(al[i] as string | number, bl[i] as string | number);
    if (c !== 0) return c;
  }
  return al.length - bl.length;
}

/** NuGetVersion.TryParse: 1 to 4 Int32 numbers, SemVer labels and metadata, surrounding spaces. */
function isValid(version: string): boolean {
  const text = version.trim();
  const plus = text.indexOf('+');
  const main = plus < 0 ? text : text.slice(0, plus);
  if (
    plus >= 0 &&
    !text
      .slice(plus + 1)
      .split('.')
      .every((m) => LABEL.test(m))
  )
    return false;
  const dash = main.indexOf('-');
  const numbers = (dash < 0 ? main : main.slice(0, dash)).split('.');
  if (numbers.length > 4) return false;
  if (!numbers.every((p) => NUMBER.test(p) && Number(p) <= INT32_MAX)) return false;
  if (dash < 0) return true;
  return main
    .slice(dash + 1)
    .split('.')
    .every((l) => LABEL.test(l) && !(l.length > 1 && l.startsWith('0') && NUMBER.test(l)));
}

/**
 * NuGet's version order (NuGet.Versioning VersionComparer.Default): up to four numbers with
 * leading zeros allowed (1.0 = 1.0.0.0), release labels compared ignoring case, build metadata
 * ignored. Numbers of any size compare by value. See README.md.
 */
export const nuget = defineScheme({ id: 'nuget', parse, compareParsed, isValid });
