import type { VersionScheme } from '../core/version-scheme.ts';
import { memoize } from './parse-cache.ts';
import { sign } from './text.ts';

/** How a scheme reads and orders versions; `defineScheme` adds the shared plumbing. */
export interface SchemeRules<T> {
  readonly id: string;
  /** Reads any string (never throws); invalid input gets a deterministic lenient reading. */
  parse(version: string): T;
  /** Orders two parsed versions: negative, zero or positive. */
  compareParsed(a: T, b: T): number;
  isValid(version: string): boolean;
}

const uncached = new Map<string, VersionScheme>();

function build<T>(rules: SchemeRules<T>, parse: (version: string) => T): VersionScheme {
  const { compareParsed } = rules;
  return {
    id: rules.id,
    compare: (a, b) => (a === b ? 0 : sign(compareParsed(parse(a), parse(b)))),
    isValid: (version) => rules.isValid(version),
  };
}

/** A VersionScheme from parse + compare: memoised parsing, results normalised to -1, 0 or 1. */
export function defineScheme<T>(rules: SchemeRules<T>): VersionScheme {
  uncached.set(rules.id, build(rules, rules.parse));
  return build(rules, memoize(rules.parse));
}

/** The same scheme parsing every time, so the benchmark can show what the parse cache buys. */
export const withoutParseCache = (id: string): VersionScheme | undefined => uncached.get(id);
