import { readFileSync } from 'node:fs';
import type { VersionScheme } from '../core/version-scheme.ts';

/** One expected comparison: `a op b`, from a fixture line. */
export interface OrderedPair {
  readonly a: string;
  readonly op: '<' | '=' | '>';
  readonly b: string;
  readonly line: number;
}

/**
 * Reads a `__fixtures__/tool-order.tsv` file: `a<TAB>op<TAB>b` per line, each pair ordered by the
 * ecosystem's own tool (each folder's SOURCE.md says which). Used by the schemes' tests.
 */
export function readOrderedPairs(path: string | URL): OrderedPair[] {
  const pairs: OrderedPair[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((text, index) => {
      if (text === '') return;
      const [a, op, b] = text.split('\t');
      if (a === undefined || b === undefined || !(op === '<' || op === '=' || op === '>'))
        throw new Error(`${String(path)}:${index + 1}: expected "a<TAB><|=|><TAB>b"`);
      pairs.push({ a, op, b, line: index + 1 });
    });
  return pairs;
}

const SIGN = { '<': -1, '=': 0, '>': 1 } as const;

/** The pairs a scheme orders differently from the fixture, one readable line each. */
export function misordered(scheme: VersionScheme, pairs: readonly OrderedPair[]): string[] {
  const symbol = (n: number) => (n < 0 ? '<' : n > 0 ? '>' : '=');
  return pairs
    .filter(
      ({ a, op, b }) => scheme.compare(a, b) !== SIGN[op] || scheme.compare(b, a) !== -SIGN[op],
    )
    .map(
      ({ a, op, b, line }) => `line ${line}: ${a} ${op} ${b}, got ${symbol(scheme.compare(a, b))}`,
    );
}

/**
 * Checks a chain of versions: `groups` in ascending order, the versions inside one group equal.
 * Every pair is compared in both directions, so a chain of n versions checks n² comparisons.
 */
export function chainViolations(
  scheme: VersionScheme,
  groups: readonly (string | readonly string[])[],
): string[] {
  const flat = groups.flatMap((g, rank) =>
    (typeof g === 'string' ? [g] : g).map((v) => ({ v, rank })),
  );
  const problems: string[] = [];
  for (const x of flat)
    for (const y of flat) {
      const want = Math.sign(x.rank - y.rank);
      const got = scheme.compare(x.v, y.v);
      if (got !== want) problems.push(`${x.v} vs ${y.v}: expected ${want}, got ${got}`);
    }
  return problems;
}
