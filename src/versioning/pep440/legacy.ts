import { compareCodePoints } from '../text.ts';

// packaging's _legacy_version_component_re; Python's \d matches any Unicode decimal digit.
const COMPONENT = /(\p{Nd}+|[a-z]+|\.|-)/u;
const REPLACEMENTS: ReadonlyMap<string, string> = new Map([
  ['pre', 'c'],
  ['preview', 'c'],
  ['-', 'final-'],
  ['rc', 'c'],
  ['dev', '@'],
]);

/**
 * The sort key pip's `packaging` (< 22) gave a LegacyVersion, the setuptools scheme for strings
 * that are not PEP 440: numbers zero-padded to 8 digits, words prefixed with `*`, pre-release words
 * rewritten to sort before `*final`, trailing zeros of each numeric run dropped.
 */
export function legacyParts(version: string): string[] {
  const parts: string[] = [];
  const push = (part: string) => {
    if (part.startsWith('*')) {
      // drop the "-" before a pre-release word, and trailing zeros of the numeric run before it
      if (part < '*final') while (parts[parts.length - 1] === '*final-') parts.pop();
      while (parts[parts.length - 1] === '00000000') parts.pop();
    }
    parts.push(part);
  };
  for (const piece of version.toLowerCase().split(COMPONENT)) {
    const part = REPLACEMENTS.get(piece) ?? piece;
    if (part === '' || part === '.') continue;
    const first = part.charCodeAt(0);
    push(first >= 48 && first <= 57 ? part.padStart(8, '0') : `*${part}`);
  }
  push('*final');
  return parts;
}

/** Tuple order over legacy keys, comparing parts as Python compares strings. */
export function compareLegacy(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const r = compareCodePoints(a[i] as string, b[i] as string);
    if (r !== 0) return r;
  }
  return a.length - b.length;
}
