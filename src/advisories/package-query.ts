import { PackageURL } from 'packageurl-js';
import { SecflowError } from '../core/errors.ts';
import { ecosystems } from '../ecosystems/registry.ts';
import { osvEcosystems } from './osv-validate.ts';

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

function fromPurl(text: string): PackageQuery {
  let purl: PackageURL;
  try {
    purl = PackageURL.fromString(text);
  } catch (e) {
    throw new SecflowError('usage', `"${text}" is not a valid purl (${(e as Error).message})`, {
      hint: usageHint,
    });
  }
  const namespace = purl.namespace ?? undefined;
  const candidates = ecosystems.filter((e) => e.purlType === purl.type);
  // deb and apk purls name the distribution as namespace: pkg:deb/debian/…, pkg:deb/ubuntu/…
  const plugin =
    candidates.length > 1
      ? candidates.find((e) => e.id.toLowerCase() === namespace?.toLowerCase())
      : candidates[0];
  if (plugin === undefined)
    throw new SecflowError('usage', `no ecosystem for purl type "${purl.type}" in ${text}`, {
      hint: usageHint,
    });
  const isDistro =
    plugin.purlType === 'deb' || plugin.purlType === 'apk' || plugin.purlType === 'rpm';
  const name =
    namespace === undefined || isDistro
      ? purl.name
      : `${namespace}${plugin.id === 'Maven' ? ':' : '/'}${purl.name}`;
  // distro=debian-11 / distro=bullseye… only the numeric form maps onto an OSV release.
  const distro = purl.qualifiers?.distro;
  const release = isDistro && distro !== undefined ? /(\d[\w.]*)$/.exec(distro)?.[1] : undefined;
  const releaseSuffix =
    release === undefined
      ? ''
      : plugin.id === 'Alpine'
        ? `:v${release.split('.').slice(0, 2).join('.')}`
        : `:${release}`;
  return { ecosystem: `${plugin.id}${releaseSuffix}`, name };
}
