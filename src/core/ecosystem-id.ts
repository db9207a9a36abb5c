/**
 * OSV ecosystem strings carry an optional release after the first colon: "Debian:11",
 * "Alpine:v3.18", "Ubuntu:22.04:LTS", "Red Hat:enterprise_linux:9::appstream". The part before the
 * colon names the ecosystem (and the osv.dev export folder); the rest names a release within it.
 */
export interface EcosystemId {
  /** The ecosystem without release, e.g. "Debian". */
  readonly base: string;
  /** The release suffix without the leading colon, e.g. "11" or "22.04:LTS"; absent when none. */
  readonly release?: string;
}

export function parseEcosystem(ecosystem: string): EcosystemId {
  const colon = ecosystem.indexOf(':');
  if (colon < 0) return { base: ecosystem.trim() };
  const base = ecosystem.slice(0, colon).trim();
  const release = ecosystem.slice(colon + 1).trim();
  return release === '' ? { base } : { base, release };
}

export function formatEcosystem(id: EcosystemId): string {
  return id.release === undefined ? id.base : `${id.base}:${id.release}`;
}

/**
 * Alpine releases are written "v3.18" by OSV and "3.18" by /etc/alpine-release; Ubuntu's OSV
 * ecosystems add ":LTS" to what os-release calls "22.04".
 */
function canonicalRelease(base: string, release: string): string {
  if (base === 'Alpine') return release.replace(/^v/i, '');
  if (base === 'Ubuntu') return release.replace(/:LTS$/i, '');
  return release;
}

/**
 * Does an advisory's affected ecosystem apply to a package's ecosystem? Bases must be equal
 * (case-insensitively, since user input says "pypi" as often as "PyPI"). A side without release
 * matches every release of the other; two releases must be the same release.
 */
export function ecosystemApplies(advisoryEcosystem: string, packageEcosystem: string): boolean {
  const a = parseEcosystem(advisoryEcosystem);
  const p = parseEcosystem(packageEcosystem);
  if (a.base.toLowerCase() !== p.base.toLowerCase()) return false;
  if (a.release === undefined || p.release === undefined) return true;
  const advisory = canonicalRelease(a.base, a.release);
  const installed = canonicalRelease(p.base, p.release);
  if (advisory === installed) return true;
  // Red Hat releases are CPE-like: "enterprise_linux:9::appstream" applies to an installed
  // "enterprise_linux:9", whatever repository stream it names.
  return a.base === 'Red Hat' && advisory.startsWith(`${installed}:`);
}
