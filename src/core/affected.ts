import { ecosystemApplies } from './ecosystem-id.ts';
import type { OsvAffected, OsvEvent, OsvRange, OsvRecord } from './osv.ts';
import type { VersionScheme } from './version-scheme.ts';

/**
 * OSV range evaluation exactly as the schema's `IsVulnerable` pseudocode defines it, returning the
 * verdict together with every comparison that led to it, so `secflow explain` can show its work.
 * https://ossf.github.io/osv-schema/#evaluation
 */

/** What evaluation needs to know about the package's ecosystem. */
export interface EcosystemRules {
  /** Orders ECOSYSTEM ranges and `versions` entries. */
  readonly scheme: VersionScheme;
  /** Orders SEMVER ranges (SemVer 2.0 precedence, whatever the ecosystem). */
  readonly semver: VersionScheme;
  /** The ecosystem's name normalisation (PEP 503 for PyPI, lower case for NuGet…). */
  normalizeName(name: string): string;
}

export interface PackageQuery {
  readonly ecosystem: string;
  readonly name: string;
  readonly version: string;
}

/**
 * `unknown`: the record names the package but only with ranges we cannot evaluate (GIT commits,
 * unknown range types). Never collapsed into "not affected": a scanner must say so.
 */
export type Verdict = 'affected' | 'not-affected' | 'unknown';

export type EventKind = 'introduced' | 'fixed' | 'last_affected' | 'limit';

export interface EventStep {
  readonly kind: EventKind;
  readonly value: string;
  /** Sign of compare(version, value): -1, 0 or 1. */
  readonly comparison: -1 | 0 | 1;
  /** The vulnerable flag after this event, per the pseudocode. */
  readonly vulnerable: boolean;
  /** Whether this event changed the flag. */
  readonly changed: boolean;
}

export interface RangeTrace {
  readonly index: number;
  readonly type: string;
  readonly repo?: string;
  /** False for GIT and unknown range types: nothing below was computed. */
  readonly evaluable: boolean;
  /** Whether the version is below at least one limit (always true without limit events). */
  readonly beforeLimits: boolean;
  readonly limits: readonly EventStep[];
  readonly steps: readonly EventStep[];
  readonly vulnerable: boolean;
}

export interface AffectedTrace {
  readonly index: number;
  readonly ecosystem: string;
  readonly name: string;
  readonly ranges: readonly RangeTrace[];
  /** The `versions` entry equal to the version, if any. */
  readonly versionsMatch?: string;
  readonly versionsCount: number;
  readonly verdict: Verdict;
}

export interface Evaluation {
  readonly verdict: Verdict;
  /** Withdrawn records are never matched; the trace is still computed for explain. */
  readonly withdrawn: boolean;
  /** False when the version does not parse in the ecosystem's scheme (evaluated leniently). */
  readonly versionValid: boolean;
  /** Only the affected entries that name this package. */
  readonly entries: readonly AffectedTrace[];
}

const sign = (n: number): -1 | 0 | 1 => (n < 0 ? -1 : n > 0 ? 1 : 0);

function eventOf(event: OsvEvent): { kind: EventKind; value: string } | undefined {
  if (event.introduced !== undefined) return { kind: 'introduced', value: event.introduced };
  if (event.fixed !== undefined) return { kind: 'fixed', value: event.fixed };
  if (event.last_affected !== undefined)
    return { kind: 'last_affected', value: event.last_affected };
  if (event.limit !== undefined) return { kind: 'limit', value: event.limit };
  return undefined;
}

/** compare(version, boundary) honouring the schema's special values "0" and "*". */
function compareToBoundary(
  scheme: VersionScheme,
  version: string,
  kind: EventKind,
  boundary: string,
): number {
  if (kind === 'introduced' && boundary === '0') return 1;
  if (kind === 'limit' && boundary.includes('*')) return -1;
  return scheme.compare(version, boundary);
}

/** Sorts events by version; "0" first; ties keep introduced before the events that end a range. */
function sortEvents(
  scheme: VersionScheme,
  events: readonly { kind: EventKind; value: string }[],
): { kind: EventKind; value: string }[] {
  const order: Record<EventKind, number> = { introduced: 0, last_affected: 1, fixed: 2, limit: 3 };
  const zero = (e: { kind: EventKind; value: string }) =>
    e.kind === 'introduced' && e.value === '0';
  return [...events].sort((a, b) => {
    if (zero(a) !== zero(b)) return zero(a) ? -1 : 1;
    const byVersion = zero(a) ? 0 : scheme.compare(a.value, b.value);
    return byVersion !== 0 ? byVersion : order[a.kind] - order[b.kind];
  });
}

export function evaluateRange(
  range: OsvRange,
  index: number,
  version: string,
  rules: EcosystemRules,
): RangeTrace {
  const base = {
    index,
    type: range.type,
    ...(range.repo === undefined ? {} : { repo: range.repo }),
  };
  const scheme =
    range.type === 'SEMVER' ? rules.semver : range.type === 'ECOSYSTEM' ? rules.scheme : undefined;
  if (scheme === undefined) {
    return {
      ...base,
      evaluable: false,
      beforeLimits: false,
      limits: [],
      steps: [],
      vulnerable: false,
    };
  }
  const events = range.events.flatMap((e) => eventOf(e) ?? []);

  const limits = events
    .filter((e) => e.kind === 'limit')
    .map((e): EventStep => {
      const comparison = sign(compareToBoundary(scheme, version, e.kind, e.value));
      return { ...e, comparison, vulnerable: comparison < 0, changed: false };
    });
  const beforeLimits = limits.length === 0 || limits.some((l) => l.comparison < 0);

  const steps: EventStep[] = [];
  let vulnerable = false;
  if (beforeLimits) {
    for (const e of sortEvents(scheme, events)) {
      if (e.kind === 'limit') continue;
      const comparison = sign(compareToBoundary(scheme, version, e.kind, e.value));
      const before = vulnerable;
      if (e.kind === 'introduced' && comparison >= 0) vulnerable = true;
      else if (e.kind === 'fixed' && comparison >= 0) vulnerable = false;
      else if (e.kind === 'last_affected' && comparison > 0) vulnerable = false;
      steps.push({ ...e, comparison, vulnerable, changed: before !== vulnerable });
    }
  }
  return { ...base, evaluable: true, beforeLimits, limits, steps, vulnerable };
}

function versionsMatch(
  versions: readonly string[],
  version: string,
  scheme: VersionScheme,
): string | undefined {
  const exact = versions.find((v) => v === version);
  if (exact !== undefined || !scheme.isValid(version)) return exact;
  // "1.0" and "1.0.0" are one PEP 440 version; equality in the scheme is what the spec means by ==.
  return versions.find((v) => scheme.isValid(v) && scheme.compare(v, version) === 0);
}

export function namesPackage(
  affected: OsvAffected,
  query: PackageQuery,
  rules: EcosystemRules,
): boolean {
  const pkg = affected.package;
  if (pkg === undefined) return false;
  return (
    ecosystemApplies(pkg.ecosystem, query.ecosystem) &&
    rules.normalizeName(pkg.name) === rules.normalizeName(query.name)
  );
}

export function evaluateAffected(
  affected: OsvAffected,
  index: number,
  query: PackageQuery,
  rules: EcosystemRules,
): AffectedTrace {
  const ranges = (affected.ranges ?? []).map((r, i) => evaluateRange(r, i, query.version, rules));
  const versions = affected.versions ?? [];
  const match = versionsMatch(versions, query.version, rules.scheme);
  let verdict: Verdict = 'not-affected';
  if (match !== undefined || ranges.some((r) => r.vulnerable)) verdict = 'affected';
  else if (versions.length === 0 && ranges.length > 0 && ranges.every((r) => !r.evaluable)) {
    verdict = 'unknown';
  }
  return {
    index,
    ecosystem: affected.package?.ecosystem ?? '',
    name: affected.package?.name ?? '',
    ranges,
    ...(match === undefined ? {} : { versionsMatch: match }),
    versionsCount: versions.length,
    verdict,
  };
}

/** The full evaluation of one record against one package version. */
export function evaluateRecord(
  record: OsvRecord,
  query: PackageQuery,
  rules: EcosystemRules,
): Evaluation {
  const entries = (record.affected ?? []).flatMap((a, i) =>
    namesPackage(a, query, rules) ? [evaluateAffected(a, i, query, rules)] : [],
  );
  const withdrawn = record.withdrawn !== undefined;
  let verdict: Verdict = 'not-affected';
  if (!withdrawn) {
    if (entries.some((e) => e.verdict === 'affected')) verdict = 'affected';
    else if (entries.some((e) => e.verdict === 'unknown')) verdict = 'unknown';
  }
  return { verdict, withdrawn, versionValid: rules.scheme.isValid(query.version), entries };
}
