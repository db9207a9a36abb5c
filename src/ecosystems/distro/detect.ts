import type { Distro } from './distro.ts';
import { parseOsRelease } from './os-release.ts';

/** Reads a file by its path below the root ("etc/os-release"); undefined when absent. */
export type RootReader = (path: string) => Promise<string | undefined>;

/** A detected distribution and the file that told us. */
export interface DetectedDistro {
  readonly distro: Distro;
  readonly evidence: string;
}

const debianCodenames: Readonly<Record<string, string>> = {
  wheezy: '7',
  jessie: '8',
  stretch: '9',
  buster: '10',
  bullseye: '11',
  bookworm: '12',
  trixie: '13',
  forky: '14',
};

/** Release files of RPM distributions, most specific first, with the os-release ID each implies. */
const rpmReleaseFiles: readonly (readonly [string, RegExp, string])[] = [
  ['etc/rocky-release', /rocky/i, 'rocky'],
  ['etc/almalinux-release', /alma/i, 'almalinux'],
  ['etc/centos-release', /centos/i, 'centos'],
  ['etc/fedora-release', /fedora/i, 'fedora'],
  ['etc/redhat-release', /red hat/i, 'rhel'],
  ['etc/system-release', /amazon/i, 'amzn'],
];

/**
 * Finds the distribution of a root filesystem the way os-release(5) asks: /etc/os-release, then
 * /usr/lib/os-release, then the older per-distribution release files.
 */
export async function detectDistro(read: RootReader): Promise<DetectedDistro | undefined> {
  for (const path of ['etc/os-release', 'usr/lib/os-release']) {
    const text = await read(path);
    if (text === undefined) continue;
    const fields = parseOsRelease(text);
    const id = fields.get('ID')?.toLowerCase();
    if (id === undefined || id === '') continue;
    let versionId = fields.get('VERSION_ID');
    // Debian testing and sid carry no VERSION_ID; debian_version may still say "12.5".
    if (versionId === undefined && id === 'debian') versionId = await debianVersion(read);
    const distro: Distro = {
      id,
      ...(versionId === undefined || versionId === '' ? {} : { versionId }),
      ...optional('prettyName', fields.get('PRETTY_NAME')),
      ...optional('codename', fields.get('VERSION_CODENAME')),
      ...(fields.has('ID_LIKE') ? { idLike: (fields.get('ID_LIKE') ?? '').split(/\s+/) } : {}),
    };
    return { distro, evidence: path };
  }
  return detectFromReleaseFiles(read);
}

async function detectFromReleaseFiles(read: RootReader): Promise<DetectedDistro | undefined> {
  const alpine = (await read('etc/alpine-release'))?.trim();
  if (alpine)
    return { distro: { id: 'alpine', versionId: alpine }, evidence: 'etc/alpine-release' };
  const debian = await debianVersion(read);
  const debianText = (await read('etc/debian_version'))?.trim();
  if (debianText) {
    return {
      distro: { id: 'debian', ...(debian === undefined ? {} : { versionId: debian }) },
      evidence: 'etc/debian_version',
    };
  }
  for (const [path, pattern, id] of rpmReleaseFiles) {
    const text = (await read(path))?.trim();
    if (!text || !pattern.test(text)) continue;
    const version = /release\s+([\d.]+)/i.exec(text)?.[1];
    return {
      distro: { id, ...(version === undefined ? {} : { versionId: version }), prettyName: text },
      evidence: path,
    };
  }
  const lsb = await read('etc/lsb-release');
  if (lsb !== undefined) {
    const fields = parseOsRelease(lsb);
    const id = fields.get('DISTRIB_ID')?.toLowerCase();
    const versionId = fields.get('DISTRIB_RELEASE');
    if (id) {
      return {
        distro: { id, ...optional('versionId', versionId) },
        evidence: 'etc/lsb-release',
      };
    }
  }
  return undefined;
}

/** The Debian major release from /etc/debian_version: "11.6" → "11", "bookworm/sid" → "12". */
async function debianVersion(read: RootReader): Promise<string | undefined> {
  const text = (await read('etc/debian_version'))?.trim();
  if (!text) return undefined;
  const numeric = /^(\d+)(?:\.\d+)*$/.exec(text);
  if (numeric) return numeric[1];
  const codename = text.split('/')[0]?.toLowerCase() ?? '';
  return debianCodenames[codename];
}

/** The Debian release named by a base-files version ("11.1+deb11u5" → "11"), for distroless. */
export function debianReleaseFromBaseFiles(version: string): string | undefined {
  const deb = /\+deb(\d+)u\d+/.exec(version);
  if (deb) return deb[1];
  const plain = /^(\d+)(?:\.\d+)?$/.exec(version);
  return plain?.[1];
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined || value === '' ? {} : { [key]: value }) as { [P in K]?: string };
}
