const SEMVER = /^v(\d+)\.(\d+)\.(\d+)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** A module version as OSV writes it: without the leading "v". */
export function osvVersion(version: string): string {
  return version.startsWith('v') ? version.slice(1) : version;
}

/** Whether `version` is a canonical Go module version (semver with "v", pseudo-versions too). */
export function isModuleVersion(version: string): boolean {
  return SEMVER.test(version);
}

/**
 * Go's rule tying a path's major-version suffix to the version: `/v2` paths need v2.x,
 * `gopkg.in/x.v2` needs v2.x, other paths need v0/v1 unless marked `+incompatible`.
 */
export function pathMatchesVersion(path: string, version: string): boolean {
  const m = SEMVER.exec(version);
  if (m === null) return false;
  const major = Number(m[1]);
  const gopkg = /^gopkg\.in\/.+\.v(\d+)(?:-unstable)?$/.exec(path);
  if (gopkg !== null) return major === Number(gopkg[1]) || (major === 0 && gopkg[1] === '0');
  const suffix = /\/v(\d+)$/.exec(path);
  if (suffix !== null && Number(suffix[1]) >= 2) return major === Number(suffix[1]);
  return major <= 1 || version.endsWith('+incompatible');
}

/** Whether a replacement target is a directory on disk rather than a module path. */
export function isLocalPath(target: string): boolean {
  return (
    target.startsWith('./') ||
    target.startsWith('../') ||
    target.startsWith('/') ||
    target === '.' ||
    target === '..' ||
    /^[A-Za-z]:[\\/]/.test(target) ||
    target.startsWith('.\\') ||
    target.startsWith('..\\')
  );
}

/** Orders two module versions (without "v"), release numbers then pre-release text. */
export function compareModuleVersions(a: string, b: string): number {
  const pa = splitVersion(a);
  const pb = splitVersion(b);
  for (let i = 0; i < 3; i++) {
    const d = (pa.numbers[i] ?? 0) - (pb.numbers[i] ?? 0);
    if (d !== 0) return d;
  }
  if (pa.pre === pb.pre) return 0;
  if (pa.pre === '') return 1;
  if (pb.pre === '') return -1;
  return pa.pre < pb.pre ? -1 : 1;
}

function splitVersion(v: string): { numbers: number[]; pre: string } {
  const core = v.split('+', 1)[0] ?? '';
  const dash = core.indexOf('-');
  const release = dash === -1 ? core : core.slice(0, dash);
  return {
    numbers: release.split('.').map((n) => Number.parseInt(n, 10) || 0),
    pre: dash === -1 ? '' : core.slice(dash + 1),
  };
}
