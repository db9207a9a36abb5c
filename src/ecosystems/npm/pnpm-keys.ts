/**
 * pnpm's dependency paths, which changed shape with every lockfile major:
 *   v5  "/name/1.0.0_peer@2.0.0", "registry.host/@scope/name/1.0.0"
 *   v6  "/name@1.0.0(peer@2.0.0)"
 *   v9  "name@1.0.0(peer@2.0.0)" (snapshots) and "name@1.0.0" (packages)
 * and references to them in dependency maps ("1.0.0_peer@2.0.0", "/alias/1.0.0", "link:../x").
 */

/** Lockfile generations that share a key syntax. */
export type KeyStyle = 'v5' | 'v6' | 'v9';

export function keyStyleOf(lockfileVersion: number, hasSnapshots: boolean): KeyStyle {
  if (hasSnapshots || lockfileVersion >= 9) return 'v9';
  return lockfileVersion >= 6 ? 'v6' : 'v5';
}

/** A dependency path that does not have the shape of its lockfile version. */
export class InvalidDependencyPath extends Error {
  readonly path: string;

  constructor(path: string) {
    super(`invalid dependency path "${path}"`);
    this.path = path;
  }
}

/**
 * Name and version encoded in a packages/snapshots key, when it encodes them (version '' when
 * a v9 key names a non-registry source); file: and link: keys and older git paths give
 * undefined and rely on the entry's own name and version fields.
 */
export function parseKey(
  key: string,
  style: KeyStyle,
): { name: string; version: string } | undefined {
  if (key.startsWith('file:') || key.startsWith('link:')) return undefined;
  let rest: string;
  if (style === 'v9') rest = key;
  else {
    // The first segment is empty ("/name…") or a registry host ("registry.example/name…").
    const slash = key.indexOf('/');
    if (slash === -1) throw new InvalidDependencyPath(key);
    rest = key.slice(slash + 1);
  }
  const paren = rest.indexOf('(');
  if (paren !== -1) rest = rest.slice(0, paren);
  let nameStart = 0;
  if (rest.startsWith('@')) {
    nameStart = rest.indexOf('/') + 1;
    if (nameStart === 0) return undefined;
  }
  let separator = -1;
  for (let i = nameStart; i < rest.length; i++) {
    const c = rest.charCodeAt(i);
    if (c === 64 || (style === 'v5' && c === 47)) {
      separator = i;
      break;
    }
  }
  if (separator <= 0) return undefined;
  const name = rest.slice(0, separator);
  let version = rest.slice(separator + 1);
  // v5 appends peers after "_" (semver versions never contain one).
  const underscore = version.indexOf('_');
  if (style === 'v5' && underscore !== -1) version = version.slice(0, underscore);
  if (/^\d/.test(version)) return { name, version };
  // v9 keys always start with the name, whatever follows; older paths may not ("github.com/…").
  return style === 'v9' ? { name, version: '' } : undefined;
}

/** The key a dependency map entry `name: reference` points at; undefined for workspace links. */
export function referenceKey(name: string, reference: string, style: KeyStyle): string | undefined {
  if (reference.startsWith('link:')) return undefined;
  if (style === 'v9') {
    const at = reference.indexOf('@', 1);
    const colon = reference.indexOf(':');
    const paren = reference.indexOf('(');
    const isAlias =
      reference.startsWith('@') ||
      (at !== -1 && (colon === -1 || at < colon) && (paren === -1 || at < paren));
    return isAlias ? reference : `${name}@${reference}`;
  }
  const paren = reference.indexOf('(');
  const head = paren === -1 ? reference : reference.slice(0, paren);
  // A reference with a slash is already a full path: an alias or a non-registry package.
  if (head.includes('/')) return reference;
  return style === 'v5' ? `/${name}/${reference}` : `/${name}@${reference}`;
}

/** The packages key of a v9 snapshot key: the peer suffix removed. */
export function packageKeyOfSnapshot(key: string): string {
  // Peer suffixes start at the first "(" after the version separator.
  const at = key.indexOf('@', 1);
  const paren = key.indexOf('(', at === -1 ? 0 : at);
  return paren === -1 ? key : key.slice(0, paren);
}
