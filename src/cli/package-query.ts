import { osvEcosystems } from '../advisories/osv-validate.ts';
import { SecflowError } from '../core/errors.ts';
import { ecosystems } from '../ecosystems/registry.ts';
import { packageFromPurl } from '../sbom/purl.ts';

/** A package to look advisories up for. */
export interface PackageQuery {
  /** An OSV ecosystem, possibly with release: "PyPI", "Debian:11". */
  readonly ecosystem: string;
  readonly name: string;
}

const usageHint =
  'write a purl (pkg:pypi/django) or <ecosystem>/<name> (PyPI/django, Debian:11/xorg-server, Maven/org.apache.logging.log4j:log4j-core)';

/** Parses `pkg:pypi/Django` or `PyPI/django` ("Debian:11/xorg-server", "npm/@angular/core"). */
export function parsePackageQuery(text: string): PackageQuery {
  const trimmed = text.trim();
  if (/^pkg:/i.test(trimmed)) return fromPurl(trimmed);
  const slash = trimmed.indexOf('/');
  if (slash <= 0 || slash === trimmed.length - 1)
    throw new SecflowError('usage', `"${text}" names no package`, { hint: usageHint });
  return { ecosystem: canonicalEcosystem(trimmed.slice(0, slash)), name: trimmed.slice(slash + 1) };
}

/** "pypi" → "PyPI", "debian:11" → "Debian:11"; unknown names are kept as written. */
function canonicalEcosystem(written: string): string {
  const colon = written.indexOf(':');
  const base = colon < 0 ? written : written.slice(0, colon);
  const release = colon < 0 ? '' : written.slice(colon);
  const known = [...ecosystems.map((e) => e.id), ...osvEcosystems].find(
    (id) => id.toLowerCase() === base.trim().toLowerCase(),
  );
  return `${known ?? base.trim()}${release}`;
}

/** The same purl → OSV mapping SBOM reading uses, so a query names what a scan would match. */
function fromPurl(text: string): PackageQuery {
  const mapped = packageFromPurl(text);
  if (!mapped.ok) throw new SecflowError('usage', `${mapped.detail}`, { hint: usageHint });
  return { ecosystem: mapped.pkg.ecosystem, name: mapped.pkg.name };
}
