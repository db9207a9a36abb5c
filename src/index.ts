/**
 * secflow as a library: the same version semantics, advisory database and matching the CLI uses.
 * Everything here is stable API; deeper imports are not.
 */
import { type Evaluation, evaluateRecord } from './core/affected.ts';
import { SecflowError } from './core/errors.ts';
import type { OsvRecord } from './core/osv.ts';
import { rulesFor } from './ecosystems/rules.ts';

export type { EcosystemRules, Evaluation, PackageQuery, Verdict } from './core/affected.ts';
export { evaluateRecord } from './core/affected.ts';
export { ecosystemApplies, parseEcosystem } from './core/ecosystem-id.ts';
export { SecflowError, type SecflowErrorCode } from './core/errors.ts';
export type { Finding, VulnerabilityFinding } from './core/finding.ts';
export { type AdvisoryLookup, matchPackages } from './core/match.ts';
export type { OsvRecord } from './core/osv.ts';
export type { PackageRef, SkippedEntry, SourceLocation } from './core/package.ts';
export type { ScanReport } from './core/report.ts';
export { assessSeverity, type SeverityAssessment, scoreCvssVector } from './core/severity.ts';
export type { VersionScheme } from './core/version-scheme.ts';
export { ecosystems, findEcosystem } from './ecosystems/registry.ts';
export type { AdvisoryDb, UpdateSummary } from './store/index.ts';
export { advisoryDbPath, openAdvisoryDb, updateAdvisoryDb } from './store/index.ts';

function rulesOrThrow(ecosystem: string) {
  const rules = rulesFor(ecosystem);
  if (rules === undefined) {
    throw new SecflowError('usage', `secflow has no version rules for ecosystem "${ecosystem}"`);
  }
  return rules;
}

/**
 * Orders two versions the way the ecosystem's own tooling does (npm: SemVer 2.0, PyPI: PEP 440,
 * Debian: dpkg…): negative when a < b, zero when equal, positive when a > b.
 */
export function compareVersions(ecosystem: string, a: string, b: string): number {
  return Math.sign(rulesOrThrow(ecosystem).scheme.compare(a, b));
}

/**
 * Whether `version` of package `name` is affected by an OSV record, per the OSV schema's
 * evaluation algorithm. Withdrawn records affect nothing. Returns false for "unknown" (GIT-only
 * ranges) — use `explainAffected` to tell the two apart.
 */
export function isAffected(
  record: OsvRecord,
  ecosystem: string,
  name: string,
  version: string,
): boolean {
  return explainAffected(record, ecosystem, name, version).verdict === 'affected';
}

/** The full evaluation behind `isAffected`: verdict (affected / not-affected / unknown) and trace. */
export function explainAffected(
  record: OsvRecord,
  ecosystem: string,
  name: string,
  version: string,
): Evaluation {
  return evaluateRecord(record, { ecosystem, name, version }, rulesOrThrow(ecosystem));
}
