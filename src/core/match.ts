import { type EcosystemRules, type Evaluation, evaluateRecord } from './affected.ts';
import type { AdvisoryRef, VulnerabilityFinding } from './finding.ts';
import { fingerprint } from './fingerprint.ts';
import type { OsvRecord } from './osv.ts';
import type { PackageRef, SkippedEntry, SourceLocation } from './package.ts';
import { assessSeverity, type SeverityAssessment, severityRank } from './severity.ts';

/** Where advisories come from during matching: the SQLite store, or an in-memory set in tests. */
export interface AdvisoryLookup {
  /** Non-withdrawn records with an affected entry for this package (ecosystem may carry a release). */
  recordsFor(ecosystem: string, name: string): readonly OsvRecord[];
}

/**
 * Answers each (ecosystem, name) once: a scan asks again for the same package's records when it
 * plans remediation, and distribution binaries share source packages. Holds what it returned for
 * as long as it lives, so make one per scan.
 */
export class MemoizedLookup implements AdvisoryLookup {
  readonly #inner: AdvisoryLookup;
  readonly #memo = new Map<string, readonly OsvRecord[]>();

  constructor(inner: AdvisoryLookup) {
    this.#inner = inner;
  }

  readonly recordsFor = (ecosystem: string, name: string): readonly OsvRecord[] => {
    const key = `${ecosystem}\u0000${name}`;
    let records = this.#memo.get(key);
    if (records === undefined) {
      records = this.#inner.recordsFor(ecosystem, name);
      this.#memo.set(key, records);
    }
    return records;
  };
}

export interface MatchResult {
  readonly findings: readonly VulnerabilityFinding[];
  /** Packages we could not check: no version, or an ecosystem secflow has no rules for. */
  readonly notCheckable: readonly SkippedEntry[];
}

/**
 * The names and version advisories key a package by: distributions publish advisories per source
 * package (Debian, Ubuntu, Alpine origin), so those are matched by source name and version.
 */
function queriesFor(pkg: PackageRef): { name: string; version: string }[] {
  const source = pkg.source;
  if (source === undefined || source.name === '') return [{ name: pkg.name, version: pkg.version }];
  const bySource = { name: source.name, version: source.version || pkg.version };
  // RPM advisories name either the source or the binary package; try both.
  return source.name === pkg.name ||
    !pkg.ecosystem.match(/^(Red Hat|Rocky|Alma|SUSE|openSUSE|Photon|Mageia|openEuler)/i)
    ? [bySource]
    : [bySource, { name: pkg.name, version: pkg.version }];
}

function advisoryRef(record: OsvRecord, aliases: readonly string[]): AdvisoryRef {
  return {
    id: record.id,
    aliases,
    ...(record.summary === undefined ? {} : { summary: record.summary }),
    ...(record.details === undefined ? {} : { details: record.details }),
    ...(record.published === undefined ? {} : { published: record.published }),
    modified: record.modified,
    references: (record.references ?? []).map((r) => ({ type: r.type, url: r.url })),
  };
}

/** Fixed versions above the installed one, on the ranges that made it affected, lowest first. */
export function fixedVersionsOf(evaluation: Evaluation, rules: EcosystemRules): string[] {
  const fixed = new Set<string>();
  for (const entry of evaluation.entries) {
    for (const range of entry.ranges) {
      if (!range.vulnerable) continue;
      for (const step of range.steps) {
        if (step.kind === 'fixed' && step.comparison < 0) fixed.add(step.value);
      }
    }
  }
  return [...fixed].sort((a, b) => rules.scheme.compare(a, b));
}

function severityOf(record: OsvRecord, evaluation: Evaluation): SeverityAssessment {
  const entry = evaluation.entries.find((e) => e.verdict !== 'not-affected');
  return assessSeverity(record, entry === undefined ? undefined : record.affected?.[entry.index]);
}

/** GHSA, PYSEC and the like often describe one vulnerability twice; prefer the native database id. */
const ID_PREFERENCE = [
  /^(PYSEC|GO|RUSTSEC|DSA|DLA|DTSA|ALPINE|USN|RHSA|ALSA|RLSA|SUSE|MAL)-/,
  /^GHSA-/,
  /^CVE-/,
];
function idRank(id: string): number {
  const i = ID_PREFERENCE.findIndex((re) => re.test(id));
  return i < 0 ? ID_PREFERENCE.length : i;
}

interface Hit {
  readonly record: OsvRecord;
  readonly evaluation: Evaluation;
  readonly severity: SeverityAssessment;
  readonly fixed: readonly string[];
}

/** Groups hits that alias each other (shared id, alias or upstream id) into one vulnerability. */
function groupAliases(hits: readonly Hit[]): Hit[][] {
  const groups: { ids: Set<string>; hits: Hit[] }[] = [];
  for (const hit of hits) {
    const ids = new Set([hit.record.id, ...(hit.record.aliases ?? [])]);
    const joined = groups.filter((g) => [...ids].some((id) => g.ids.has(id)));
    const merged = { ids, hits: [hit] };
    for (const g of joined) {
      for (const id of g.ids) merged.ids.add(id);
      merged.hits.push(...g.hits);
      groups.splice(groups.indexOf(g), 1);
    }
    groups.push(merged);
  }
  return groups.map((g) =>
    g.hits.sort(
      (a, b) => idRank(a.record.id) - idRank(b.record.id) || a.record.id.localeCompare(b.record.id),
    ),
  );
}

function toFinding(
  pkg: PackageRef,
  group: readonly Hit[],
  rules: EcosystemRules,
): VulnerabilityFinding {
  const primary = group[0] as Hit;
  const aliases = new Set<string>();
  for (const h of group) {
    for (const id of [h.record.id, ...(h.record.aliases ?? []), ...(h.record.upstream ?? [])])
      aliases.add(id);
  }
  aliases.delete(primary.record.id);
  // The most severe known assessment wins: two databases disagreeing is a reason for caution.
  const known = group.filter((h) => h.severity.level !== 'unknown');
  const severity =
    known.length === 0
      ? primary.severity
      : known.reduce((a, b) =>
          severityRank(b.severity.level) > severityRank(a.severity.level) ? b : a,
        ).severity;
  const fixedSet = new Set(group.flatMap((h) => h.fixed));
  const fixedVersions = [...fixedSet].sort((a, b) => rules.scheme.compare(a, b));
  const verdict = group.some((h) => h.evaluation.verdict === 'affected') ? 'affected' : 'unknown';
  const locations: readonly SourceLocation[] = pkg.locations;
  return {
    kind: 'vulnerability',
    fingerprint: fingerprint(
      'vuln',
      primary.record.id,
      pkg.ecosystem,
      pkg.name,
      pkg.version,
      locations[0]?.path ?? '',
    ),
    ruleId: primary.record.id,
    title:
      primary.record.summary ??
      primary.record.details?.split('\n')[0]?.slice(0, 200) ??
      primary.record.id,
    severity,
    locations,
    advisory: advisoryRef(primary.record, [...aliases].sort()),
    package: pkg,
    verdict,
    fixedVersions,
  };
}

/**
 * Every advisory affecting every package. `rulesFor` returns undefined for ecosystems secflow
 * cannot order versions in; those packages come back as not checkable, never as clean.
 */
export function matchPackages(
  packages: readonly PackageRef[],
  lookup: AdvisoryLookup,
  rulesFor: (ecosystem: string) => EcosystemRules | undefined,
): MatchResult {
  const findings: VulnerabilityFinding[] = [];
  const notCheckable: SkippedEntry[] = [];
  // Distribution binaries share source packages (libc6, libc-bin… → glibc): look each up once.
  const { recordsFor } = lookup instanceof MemoizedLookup ? lookup : new MemoizedLookup(lookup);
  for (const pkg of packages) {
    const path = pkg.locations[0]?.path ?? '';
    if (pkg.version === '') {
      notCheckable.push({
        path,
        name: pkg.name,
        reason: 'unpinned',
        detail: `${pkg.ecosystem}: no version`,
      });
      continue;
    }
    const rules = rulesFor(pkg.ecosystem);
    if (rules === undefined) {
      notCheckable.push({
        path,
        name: pkg.name,
        version: pkg.version,
        reason: 'unsupported',
        detail: `no version rules for ecosystem ${pkg.ecosystem}`,
      });
      continue;
    }
    const hits: Hit[] = [];
    const seen = new Set<string>();
    for (const query of queriesFor(pkg)) {
      for (const record of recordsFor(pkg.ecosystem, query.name)) {
        if (seen.has(record.id)) continue;
        const evaluation = evaluateRecord(
          record,
          { ecosystem: pkg.ecosystem, name: query.name, version: query.version },
          rules,
        );
        if (evaluation.verdict === 'not-affected') continue;
        seen.add(record.id);
        hits.push({
          record,
          evaluation,
          severity: severityOf(record, evaluation),
          fixed: fixedVersionsOf(evaluation, rules),
        });
      }
    }
    for (const group of groupAliases(hits)) findings.push(toFinding(pkg, group, rules));
  }
  return { findings, notCheckable };
}
