import { PackageURL } from 'packageurl-js';
import { parseEcosystem } from '../core/ecosystem-id.ts';
import type { PackageRef, SkipReason } from '../core/package.ts';
import { distroNaming } from '../ecosystems/distro/distro.ts';

/** What a purl names in OSV terms. */
export interface PurlPackage {
  readonly ecosystem: string;
  readonly name: string;
  /** Empty when the purl has no version. */
  readonly version: string;
  /** OS packages: the source package advisories are keyed by (from the `upstream` qualifier). */
  readonly source?: { readonly name: string; readonly version: string };
}

export type PurlMapping =
  | { readonly ok: true; readonly pkg: PurlPackage }
  | { readonly ok: false; readonly reason: SkipReason; readonly detail: string };

/** The distribution an SBOM says it describes, used when an OS purl has no distro qualifier. */
export interface DistroHint {
  readonly id: string;
  readonly release: string;
}

export function parsePurl(text: string): PackageURL | undefined {
  try {
    return PackageURL.fromString(text.trim());
  } catch {
    return undefined;
  }
}

/** Language ecosystems whose purl type maps one to one. */
const LANGUAGE_ECOSYSTEMS: Readonly<Record<string, string>> = {
  npm: 'npm',
  pypi: 'PyPI',
  maven: 'Maven',
  golang: 'Go',
  cargo: 'crates.io',
  gem: 'RubyGems',
  composer: 'Packagist',
  nuget: 'NuGet',
  pub: 'Pub',
  hex: 'Hex',
  cran: 'CRAN',
  hackage: 'Hackage',
  conan: 'ConanCenter',
  swift: 'SwiftURL',
  cocoapods: 'CocoaPods',
  bitnami: 'Bitnami',
  githubactions: 'GitHub Actions',
};

/** Distribution purl namespaces (deb, apk, rpm) → the os-release ID of that distribution. */
const DISTRO_IDS: Readonly<Record<string, string>> = {
  debian: 'debian',
  ubuntu: 'ubuntu',
  alpine: 'alpine',
  wolfi: 'wolfi',
  chainguard: 'chainguard',
  redhat: 'rhel',
  centos: 'centos',
  rocky: 'rocky',
  almalinux: 'almalinux',
  suse: 'sles',
  sles: 'sles',
  opensuse: 'opensuse-leap',
  photon: 'photon',
  azurelinux: 'azurelinux',
  mariner: 'mariner',
  mageia: 'mageia',
  openeuler: 'openeuler',
};

const DEFAULT_NAMESPACE: Readonly<Record<string, string>> = { deb: 'debian', apk: 'alpine' };

/** Release codenames purl `distro` qualifiers use as often as numbers (purl-spec's own example). */
const CODENAMES: Readonly<Record<string, string>> = {
  wheezy: '7',
  jessie: '8',
  stretch: '9',
  buster: '10',
  bullseye: '11',
  bookworm: '12',
  trixie: '13',
  xenial: '16.04',
  bionic: '18.04',
  focal: '20.04',
  jammy: '22.04',
  noble: '24.04',
};

/** Map a purl to the OSV package it names; unknown types and broken purls say why not. */
export function packageFromPurl(text: string, hint?: DistroHint): PurlMapping {
  const purl = parsePurl(text);
  if (purl === undefined)
    return { ok: false, reason: 'malformed', detail: `invalid purl "${text}"` };
  const type = purl.type.toLowerCase();
  const language = LANGUAGE_ECOSYSTEMS[type];
  if (language !== undefined) return languagePackage(purl, language);
  if (type === 'deb' || type === 'apk' || type === 'rpm') return distroPackage(purl, type, hint);
  return {
    ok: false,
    reason: 'unsupported',
    detail: `purl type "${purl.type}" has no OSV ecosystem`,
  };
}

function languagePackage(purl: PackageURL, ecosystem: string): PurlMapping {
  const ns = purl.namespace;
  let name = purl.name;
  let version = purl.version ?? '';
  switch (ecosystem) {
    case 'Maven':
      if (ns === undefined || ns === '') {
        return { ok: false, reason: 'malformed', detail: 'maven purl without a group (namespace)' };
      }
      name = `${ns}:${name}`;
      break;
    case 'Go':
      version = version.replace(/^v/, '');
      if (ns) name = `${ns}/${name}`;
      break;
    case 'npm':
    case 'Packagist':
    case 'SwiftURL':
    case 'GitHub Actions':
      if (ns) name = `${ns}/${name}`;
      break;
    default:
      break;
  }
  return { ok: true, pkg: { ecosystem, name, version } };
}

function distroPackage(purl: PackageURL, type: string, hint?: DistroHint): PurlMapping {
  const namespace = (purl.namespace ?? DEFAULT_NAMESPACE[type] ?? '').toLowerCase();
  const qualifiers = purl.qualifiers ?? {};
  const id =
    namespace === 'opensuse' && /tumbleweed/i.test(qualifiers.distro ?? '')
      ? 'opensuse-tumbleweed'
      : DISTRO_IDS[namespace];
  if (id === undefined) {
    return {
      ok: false,
      reason: 'unsupported',
      detail: `${type} purl namespace "${purl.namespace ?? ''}" has no OSV ecosystem`,
    };
  }
  const versionId =
    releaseFromDistro(qualifiers.distro) ??
    (hint !== undefined && DISTRO_IDS[hint.id.toLowerCase()] === id ? hint.release : undefined);
  // The same naming the image scanner uses for installed packages, so both match alike.
  const { ecosystem } = distroNaming(versionId === undefined ? { id } : { id, versionId });
  const epoch = type === 'rpm' ? qualifiers.epoch : undefined;
  const rawVersion = purl.version ?? '';
  const version =
    epoch !== undefined && epoch !== '' && epoch !== '0' && rawVersion !== ''
      ? `${epoch}:${rawVersion}`
      : rawVersion;
  const source = upstreamSource(qualifiers.upstream, type, version);
  return {
    ok: true,
    pkg: { ecosystem, name: purl.name, version, ...(source === undefined ? {} : { source }) },
  };
}

/** "debian-11", "debian-11.6", "bullseye", "ubuntu-22.04", "rhel-9.3" → the version ID. */
function releaseFromDistro(distro: string | undefined): string | undefined {
  if (distro === undefined || distro.trim() === '') return undefined;
  const value = distro.trim().toLowerCase();
  const named = CODENAMES[value];
  if (named !== undefined) return named;
  const m = /^(?:[a-z][a-z-]*?-)?v?(\d+(?:\.\d+)*)$/.exec(value);
  return m?.[1];
}

/**
 * syft writes the source package as `upstream=glibc` or `upstream=glibc@2.36-9` for deb and apk,
 * and as the source RPM file name (`glibc-2.34-60.el9.src.rpm`) for rpm.
 */
function upstreamSource(
  upstream: string | undefined,
  type: string,
  binaryVersion: string,
): { name: string; version: string } | undefined {
  if (upstream === undefined || upstream.trim() === '') return undefined;
  const value = upstream.trim();
  if (type === 'rpm') {
    const m = /^(.+)-([^-]+)-([^-]+)\.src\.rpm$/.exec(value);
    return m?.[1] === undefined ? undefined : { name: m[1], version: `${m[2]}-${m[3]}` };
  }
  const at = value.indexOf('@');
  if (at > 0) return { name: value.slice(0, at), version: value.slice(at + 1) };
  return { name: value, version: binaryVersion };
}

const TYPE_FOR_ECOSYSTEM: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(LANGUAGE_ECOSYSTEMS).map(([type, eco]) => [eco.toLowerCase(), type]),
);

/** The purl of a package: its own when the extractor recorded one, else built from its fields. */
export function purlForPackage(pkg: PackageRef): string | undefined {
  if (pkg.purl !== undefined && pkg.purl !== '') return pkg.purl;
  try {
    return buildPurl(pkg)?.toString();
  } catch {
    return undefined;
  }
}

function buildPurl(pkg: PackageRef): PackageURL | undefined {
  const { base, release } = parseEcosystem(pkg.ecosystem);
  const version = pkg.version === '' ? undefined : pkg.version;
  const lower = base.toLowerCase();
  if (lower === 'debian' || lower === 'ubuntu' || lower === 'alpine') {
    const distro = lower === 'ubuntu' ? release?.replace(/:LTS$/i, '') : release?.replace(/^v/, '');
    const upstream =
      pkg.source === undefined || pkg.source.name === pkg.name
        ? undefined
        : pkg.source.version === pkg.version
          ? pkg.source.name
          : `${pkg.source.name}@${pkg.source.version}`;
    const qualifiers: Record<string, string> = {};
    if (distro !== undefined) qualifiers.distro = `${lower}-${distro}`;
    if (upstream !== undefined) qualifiers.upstream = upstream;
    return new PackageURL(lower === 'alpine' ? 'apk' : 'deb', lower, pkg.name, version, qualifiers);
  }
  const type = TYPE_FOR_ECOSYSTEM[lower];
  if (type === undefined) return undefined;
  switch (type) {
    case 'maven': {
      const colon = pkg.name.indexOf(':');
      if (colon <= 0) return undefined;
      return new PackageURL(type, pkg.name.slice(0, colon), pkg.name.slice(colon + 1), version);
    }
    case 'golang': {
      const [ns, name] = splitLast(pkg.name);
      return new PackageURL(type, ns, name, version === undefined ? undefined : `v${version}`);
    }
    case 'npm':
    case 'composer':
    case 'swift':
    case 'githubactions': {
      const [ns, name] = splitLast(pkg.name);
      return new PackageURL(type, ns, name, version);
    }
    default:
      return new PackageURL(type, undefined, pkg.name, version);
  }
}

function splitLast(name: string): [string | undefined, string] {
  const slash = name.lastIndexOf('/');
  return slash <= 0 ? [undefined, name] : [name.slice(0, slash), name.slice(slash + 1)];
}
