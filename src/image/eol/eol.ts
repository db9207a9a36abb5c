import type { EndOfLifeFinding } from '../../core/finding.ts';
import type { Distro } from '../../ecosystems/distro/distro.ts';
import data from './eol-data.json' with { type: 'json' };

interface ReleaseLife {
  readonly codename?: string;
  /** ISO date after which no free security updates are published. */
  readonly eol: string;
  readonly securityEnd?: string;
  /** Paid extended support (Ubuntu ESM, RHEL ELS), for the message only. */
  readonly extendedEnd?: string;
}

interface DistroLife {
  readonly name: string;
  readonly sources: readonly string[];
  readonly releases: Readonly<Record<string, ReleaseLife>>;
}

const table = data.distros as Readonly<Record<string, DistroLife>>;

/** The key a distribution's releases are listed under: "11", "22.04", "3.18", "9". */
function releaseKey(distro: Distro): { id: string; release: string } | undefined {
  const version = distro.versionId;
  if (version === undefined) return undefined;
  const [major = '', minor] = version.split('.');
  switch (distro.id) {
    case 'ubuntu':
    case 'alpine':
      return minor === undefined ? undefined : { id: distro.id, release: `${major}.${minor}` };
    case 'centos':
      // CentOS Stream calls itself "centos" too; only its name tells them apart.
      return /stream/i.test(distro.prettyName ?? '')
        ? { id: 'centos-stream', release: major }
        : { id: 'centos', release: major };
    default:
      return { id: distro.id, release: major };
  }
}

/** The end-of-life date of a release, when secflow knows it. */
export function releaseLife(
  distro: Distro,
): (ReleaseLife & { name: string; key: string }) | undefined {
  const key = releaseKey(distro);
  if (key === undefined) return undefined;
  const life = table[key.id]?.releases[key.release];
  const name = table[key.id]?.name ?? distro.id;
  return life === undefined ? undefined : { ...life, name, key: `${key.id}:${key.release}` };
}

/**
 * An EndOfLifeFinding when the detected release is past its end of life on `today` (injected,
 * so tests and reports are reproducible). `evidence` is the file the release was read from.
 */
export function endOfLifeFinding(
  distro: Distro,
  today: Date,
  evidence: string,
): EndOfLifeFinding | undefined {
  const life = releaseLife(distro);
  if (life === undefined) return undefined;
  const eol = new Date(`${life.eol}T23:59:59Z`);
  if (today.getTime() <= eol.getTime()) return undefined;
  const release = `${distro.versionId}${life.codename ? ` (${life.codename})` : ''}`;
  const extended = life.extendedEnd ? `; paid extended support runs to ${life.extendedEnd}` : '';
  return {
    kind: 'end-of-life',
    fingerprint: `end-of-life:${life.key}`,
    ruleId: 'distro-end-of-life',
    title: `${life.name} ${release} reached end of life on ${life.eol}: no more security updates${extended}`,
    severity: { level: 'high', source: 'rule' },
    locations: [{ path: evidence }],
    distro: { id: distro.id, release: distro.versionId ?? '', eol: life.eol },
  };
}
