import { purlOf } from '../shared/package-ref.ts';

/** A Linux distribution release as os-release(5) names it. */
export interface Distro {
  /** os-release ID, lower case: "debian", "ubuntu", "alpine", "rhel", "rocky", "wolfi"… */
  readonly id: string;
  /** os-release VERSION_ID ("11", "22.04", "3.18.4", "9.3"); absent for rolling releases. */
  readonly versionId?: string;
  readonly prettyName?: string;
  readonly codename?: string;
  readonly idLike?: readonly string[];
}

/** How packages of a distribution are named: OSV ecosystem, purl namespace and distro qualifier. */
export interface DistroNaming {
  /** OSV ecosystem with release: "Debian:11", "Alpine:v3.18", "Rocky Linux:9". */
  readonly ecosystem: string;
  /** purl namespace: "debian", "alpine", "redhat". */
  readonly purlNamespace: string;
  /** purl `distro` qualifier: "debian-11", "alpine-3.18.4", "rhel-9.3". */
  readonly purlDistro?: string;
}

const major = (v: string): string => v.split(/[.\-_]/)[0] ?? v;
const majorMinor = (v: string): string => v.split('.').slice(0, 2).join('.');

/** OSV ecosystem name (without release) and purl namespace per os-release ID. */
const families: Readonly<Record<string, { base: string; namespace: string }>> = {
  debian: { base: 'Debian', namespace: 'debian' },
  ubuntu: { base: 'Ubuntu', namespace: 'ubuntu' },
  alpine: { base: 'Alpine', namespace: 'alpine' },
  wolfi: { base: 'Wolfi', namespace: 'wolfi' },
  chainguard: { base: 'Chainguard', namespace: 'chainguard' },
  rhel: { base: 'Red Hat', namespace: 'redhat' },
  // CentOS rebuilds RHEL sources with the same NEVRs; Red Hat's advisories are what apply.
  centos: { base: 'Red Hat', namespace: 'centos' },
  rocky: { base: 'Rocky Linux', namespace: 'rocky' },
  almalinux: { base: 'AlmaLinux', namespace: 'almalinux' },
  sles: { base: 'SUSE', namespace: 'suse' },
  sles_sap: { base: 'SUSE', namespace: 'suse' },
  'opensuse-leap': { base: 'openSUSE', namespace: 'opensuse' },
  'opensuse-tumbleweed': { base: 'openSUSE', namespace: 'opensuse' },
  photon: { base: 'Photon OS', namespace: 'photon' },
  azurelinux: { base: 'Azure Linux', namespace: 'azurelinux' },
  mariner: { base: 'Azure Linux', namespace: 'mariner' },
  mageia: { base: 'Mageia', namespace: 'mageia' },
  openEuler: { base: 'openEuler', namespace: 'openeuler' },
  openeuler: { base: 'openEuler', namespace: 'openeuler' },
};

/** The OSV release suffix for a distribution version, in each ecosystem's own spelling. */
function osvRelease(distro: Distro): string | undefined {
  const v = distro.versionId;
  switch (distro.id) {
    case 'wolfi':
    case 'chainguard':
      return undefined;
    case 'opensuse-tumbleweed':
      return 'Tumbleweed';
  }
  if (v === undefined || v === '') return undefined;
  switch (distro.id) {
    case 'debian':
    case 'rocky':
    case 'almalinux':
    case 'mageia':
      return major(v);
    case 'ubuntu':
      return majorMinor(v);
    case 'alpine':
      return `v${majorMinor(v)}`;
    case 'rhel':
    case 'centos':
      return `enterprise_linux:${major(v)}`;
    case 'sles':
    case 'sles_sap': {
      // VERSION_ID "15.5" is SUSE Linux Enterprise Server 15 SP5.
      const [maj, sp] = v.split('.');
      return sp === undefined || sp === '0'
        ? `Linux Enterprise Server ${maj}`
        : `Linux Enterprise Server ${maj} SP${sp}`;
    }
    case 'opensuse-leap':
      return `Leap ${v}`;
    case 'photon':
    case 'azurelinux':
    case 'mariner':
      return majorMinor(v.includes('.') ? v : `${v}.0`);
    default:
      return v;
  }
}

/**
 * Names packages of `distro`. Distributions OSV does not publish advisories for keep their own
 * name ("Fedora:39") so reports still say what they are; nothing will match them.
 */
export function distroNaming(distro: Distro): DistroNaming {
  const family = families[distro.id];
  const base = family?.base ?? titleCase(distro.id);
  const namespace = family?.namespace ?? distro.id;
  const release = osvRelease(distro);
  const ecosystem = release === undefined ? base : `${base}:${release}`;
  const purlDistro =
    distro.versionId === undefined
      ? undefined
      : `${purlDistroId(distro.id)}-${distro.id === 'debian' ? major(distro.versionId) : distro.versionId}`;
  return {
    ecosystem,
    purlNamespace: namespace,
    ...(purlDistro === undefined ? {} : { purlDistro }),
  };
}

function purlDistroId(id: string): string {
  return id === 'opensuse-leap' || id === 'opensuse-tumbleweed' ? 'opensuse' : id;
}

function titleCase(id: string): string {
  return id === '' ? 'Linux' : id.charAt(0).toUpperCase() + id.slice(1);
}

/**
 * The purl of an installed OS package (`pkg:deb/debian/…`, `pkg:apk/alpine/…`, `pkg:rpm/redhat/…`)
 * with the distribution's `distro` qualifier; undefined when a hostile name cannot form one.
 */
export function osPackagePurl(
  type: 'deb' | 'apk' | 'rpm',
  naming: DistroNaming,
  name: string,
  version: string,
  qualifiers: { readonly arch?: string | undefined; readonly epoch?: number | undefined } = {},
): string | undefined {
  const q: Record<string, string> = {};
  if (qualifiers.arch) q.arch = qualifiers.arch;
  if (qualifiers.epoch !== undefined) q.epoch = String(qualifiers.epoch);
  if (naming.purlDistro) q.distro = naming.purlDistro;
  return purlOf(type, naming.purlNamespace, name, version, q);
}
