/**
 * Image paths are root-relative, '/'-separated, without "." or ".." components: "etc/os-release".
 * The root itself is "".
 */

/**
 * Normalizes a tar entry name. Returns undefined when ".." would climb above the root: such an
 * entry ("../../etc/passwd") is hostile, and docker refuses to extract it too.
 */
export function normalizeEntryPath(name: string): string | undefined {
  const out: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
      continue;
    }
    out.push(part);
  }
  return out.join('/');
}

/**
 * Joins a symlink target onto the directory holding the link, the way the kernel does inside a
 * chroot: absolute targets start at the image root and ".." at the root stays at the root.
 */
export function joinInsideRoot(dir: string, target: string): string {
  const out = target.startsWith('/') || dir === '' ? [] : dir.split('/');
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

export function baseNameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
