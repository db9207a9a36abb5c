import type { Dirent } from 'node:fs';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import type { ScanWarning } from '../core/report.ts';

/** Directories no scanner wants by default: VCS metadata and installed third-party code. */
export const DEFAULT_SKIP_DIRS: readonly string[] = [
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  'vendor',
];

export interface WalkOptions {
  /** Directory names skipped wherever they appear. */
  readonly skipDirs?: readonly string[];
  /** Globs (relative to the root, gitignore-like picomatch syntax) skipped, e.g. "test/**". */
  readonly skip?: readonly string[];
  /** Honour .gitignore files (root and nested) and .git/info/exclude. Default true. */
  readonly gitignore?: boolean;
  /** Called for each problem; the walk goes on. */
  readonly onWarning?: (warning: ScanWarning) => void;
  readonly signal?: AbortSignal;
}

export interface WalkEntry {
  /** Relative to the root, with forward slashes. */
  readonly path: string;
  readonly absolutePath: string;
  readonly size: number;
}

interface PendingDir {
  readonly abs: string;
  readonly rel: string;
  /** Ignore rules in force for this directory, outermost first, each with its base. */
  readonly rules: readonly { readonly base: string; readonly ig: Ignore }[];
}

const toPosix = (p: string) => (sep === '/' ? p : p.split(sep).join('/'));

function isIgnored(rules: PendingDir['rules'], rel: string, isDir: boolean): boolean {
  let ignored = false;
  for (const { base, ig } of rules) {
    const sub = base === '' ? rel : rel.slice(base.length + 1);
    const result = ig.test(isDir ? `${sub}/` : sub);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

async function readIgnoreFile(path: string): Promise<Ignore | undefined> {
  try {
    const text = await readFile(path, 'utf8');
    return ignore({ allowRelativePaths: true }).add(text);
  } catch {
    return undefined;
  }
}

/**
 * Yields every regular file under `root`, iteratively (no recursion on depth). Symbolic links are
 * followed only when they resolve inside the root; each real directory is visited once, so link
 * loops end with a warning instead of spinning. Unreadable entries become warnings.
 */
export async function* walkFiles(
  root: string,
  options: WalkOptions = {},
): AsyncGenerator<WalkEntry> {
  const skipDirs = new Set(options.skipDirs ?? DEFAULT_SKIP_DIRS);
  const skipGlob = options.skip?.length ? picomatch([...options.skip], { dot: true }) : undefined;
  const warn = options.onWarning ?? (() => {});
  const realRoot = await realpath(root);
  const visited = new Set<string>([realRoot]);

  const rootRules: { base: string; ig: Ignore }[] = [];
  if (options.gitignore !== false) {
    const exclude = await readIgnoreFile(join(realRoot, '.git', 'info', 'exclude'));
    if (exclude !== undefined) rootRules.push({ base: '', ig: exclude });
  }
  const stack: PendingDir[] = [{ abs: realRoot, rel: '', rules: rootRules }];

  const inside = (p: string) => p === realRoot || p.startsWith(realRoot + sep);

  while (stack.length > 0) {
    options.signal?.throwIfAborted();
    const dir = stack.pop() as PendingDir;
    let rules = dir.rules;
    if (options.gitignore !== false) {
      const ig = await readIgnoreFile(join(dir.abs, '.gitignore'));
      if (ig !== undefined) rules = [...rules, { base: dir.rel, ig }];
    }
    let entries: Dirent[];
    try {
      entries = await readdir(dir.abs, { withFileTypes: true });
    } catch (error) {
      warn({
        path: dir.rel || '.',
        code: 'unreadable',
        message: `cannot read directory: ${(error as Error).message}`,
      });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: PendingDir[] = [];
    for (const entry of entries) {
      const rel = dir.rel === '' ? entry.name : `${dir.rel}/${entry.name}`;
      const abs = join(dir.abs, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      let target = abs;
      if (entry.isSymbolicLink()) {
        try {
          target = await realpath(abs);
        } catch {
          warn({
            path: rel,
            code: 'broken-symlink',
            message: 'symbolic link points nowhere (or loops); skipped',
          });
          continue;
        }
        if (!inside(target)) {
          warn({
            path: rel,
            code: 'symlink-outside-root',
            message: 'symbolic link leads outside the scanned directory; skipped',
          });
          continue;
        }
        const s = await stat(target).catch(() => undefined);
        isDir = s?.isDirectory() ?? false;
        isFile = s?.isFile() ?? false;
      }
      if (isDir) {
        if (skipDirs.has(entry.name)) continue;
        if (skipGlob?.(rel) || skipGlob?.(`${rel}/`)) continue;
        if (isIgnored(rules, rel, true)) continue;
        if (visited.has(target)) {
          warn({
            path: rel,
            code: 'symlink-loop',
            message: 'directory already visited through another link; skipped',
          });
          continue;
        }
        visited.add(target);
        subdirs.push({ abs: target, rel, rules });
      } else if (isFile) {
        if (skipGlob?.(rel)) continue;
        if (isIgnored(rules, rel, false)) continue;
        const s = await lstat(target).catch(() => undefined);
        if (s === undefined) {
          warn({
            path: rel,
            code: 'unreadable',
            message: 'file vanished or cannot be read; skipped',
          });
          continue;
        }
        yield { path: toPosix(rel), absolutePath: target, size: s.size };
      }
    }
    // Depth-first in name order: push children reversed so the first name is visited first.
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i] as PendingDir);
  }
}

/** The path of `absolute` relative to `root`, with forward slashes. */
export function relativePosix(root: string, absolute: string): string {
  return toPosix(relative(root, absolute));
}
