/**
 * Where a lockfile says a package came from. Only registry packages can be matched against
 * advisories by name and version; everything else is reported as a non-registry skip.
 */

const GIT_PREFIXES = [
  'git+',
  'git:',
  'git@',
  'ssh://',
  'github:',
  'gitlab:',
  'bitbucket:',
  'gist:',
];
const LOCAL_PREFIXES = ['file:', 'link:', 'portal:', 'workspace:', 'exec:'];
const GIT_HOSTS = new Set([
  'github.com',
  'www.github.com',
  'codeload.github.com',
  'gist.github.com',
  'gitlab.com',
  'bitbucket.org',
]);
/** "user/repo" or "user/repo#ref": no protocol, not scoped, not a path. */
const GITHUB_SHORTHAND = /^[\w-][\w.-]*\/[\w.-]+(?:#.*)?$/;

/**
 * A git URL, hosted-git shorthand ("github:user/repo", "user/repo#sha") or git-host archive.
 * Called for every entry of large lockfiles, so plain string checks come before any regex.
 */
export function isGitSource(spec: string): boolean {
  if (spec.startsWith('https://') || spec.startsWith('http://')) {
    const hostStart = spec.indexOf('//') + 2;
    const slash = spec.indexOf('/', hostStart);
    let host = spec.slice(hostStart, slash === -1 ? spec.length : slash);
    const at = host.lastIndexOf('@');
    if (at !== -1) host = host.slice(at + 1);
    if (GIT_HOSTS.has(host.toLowerCase())) return true;
    return spec.endsWith('.git') || spec.includes('.git#');
  }
  for (const prefix of GIT_PREFIXES) if (spec.startsWith(prefix)) return true;
  return spec.includes('/') && GITHUB_SHORTHAND.test(spec);
}

/** A folder, tarball file, link or workspace on disk. */
export function isLocalSource(spec: string): boolean {
  const first = spec.charCodeAt(0);
  if (first === 46 || first === 47) return true; // "." or "/"
  for (const prefix of LOCAL_PREFIXES) if (spec.startsWith(prefix)) return true;
  return false;
}

/** Neither git nor local: a registry (npm or a private one) or a plain tarball URL. */
export function isRegistrySource(spec: string): boolean {
  return !isGitSource(spec) && !isLocalSource(spec);
}

/** The part of "name@range" before the version separator, allowing a leading "@scope/". */
export function splitNameAtRange(descriptor: string): { name: string; range: string } {
  const at = descriptor.indexOf('@', 1);
  if (at === -1) return { name: descriptor, range: '' };
  return { name: descriptor.slice(0, at), range: descriptor.slice(at + 1) };
}

/** "npm:real-name@1.2.3" → real name and range; undefined when the range is no npm alias. */
export function npmAlias(range: string): { name: string; range: string } | undefined {
  if (!range.startsWith('npm:')) return undefined;
  const target = range.slice(4);
  const split = splitNameAtRange(target);
  // "npm:^1.0.0" is the npm protocol on a plain range (yarn berry), not an alias.
  if (split.range === '' && !/^(?:@[^/]+\/)?[a-z0-9][\w.-]*$/i.test(target)) return undefined;
  if (/^[\^~<>=*\d]/.test(target)) return undefined;
  return split;
}

/**
 * The URL without credentials ("https://token@github.com/…" → "https://***@github.com/…"); the
 * conventional "git@" user of ssh URLs stays.
 */
export function redactCredentials(spec: string): string {
  return spec.replace(/^([a-z+]+:\/\/)([^/@\s]+)@/i, (whole, scheme: string, user: string) =>
    user === 'git' ? whole : `${scheme}***@`,
  );
}
