import { open, readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, resolve, sep } from 'node:path';
import { isSecflowError } from '../../core/errors.ts';
import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { Progress } from '../../core/progress.ts';
import type { ScanWarning } from '../../core/report.ts';
import type { Extractor } from '../../ecosystems/extractor.ts';
import type { Inventory } from '../inventory.ts';
import { type WalkOptions, walkFiles } from '../walk.ts';

/** Lockfiles above this size are refused with a warning rather than read into memory. */
export const DEFAULT_MAX_FILE_BYTES = 512 * 1024 * 1024;

export interface CollectOptions {
  readonly extractors: readonly Extractor[];
  readonly walk?: WalkOptions;
  readonly maxFileBytes?: number;
  readonly progress?: Progress;
}

interface FileResult {
  packages: readonly PackageRef[];
  skipped: readonly SkippedEntry[];
}

/** Reads a companion file relative to `fromDir`, refusing anything that resolves outside `root`. */
function confinedReader(root: string, fromDir: string, maxBytes: number) {
  return async (relativePath: string): Promise<string | undefined> => {
    try {
      const target = await realpath(resolve(fromDir, relativePath));
      if (target !== root && !target.startsWith(root + sep)) return undefined;
      const s = await stat(target);
      if (!s.isFile() || s.size > maxBytes) return undefined;
      return await readFile(target, 'utf8');
    } catch {
      return undefined;
    }
  };
}

async function readCapped(path: string, size: number, maxBytes: number): Promise<string> {
  if (size > maxBytes) {
    throw new RangeError(
      `file is ${(size / 2 ** 20).toFixed(0)} MB, above the ${(maxBytes / 2 ** 20).toFixed(0)} MB limit`,
    );
  }
  const handle = await open(path, 'r');
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

function describe(error: unknown): { code: string; message: string } {
  if (isSecflowError(error)) return { code: 'parse-error', message: error.message };
  if (error instanceof RangeError) return { code: 'too-large', message: error.message };
  const e = error as NodeJS.ErrnoException;
  return {
    code: e.code === 'EACCES' ? 'unreadable' : 'parse-error',
    message: e.message ?? String(error),
  };
}

/** One extractor over one file; a failure becomes a warning naming the file, never an exception. */
async function extractFile(
  extractor: Extractor,
  root: string,
  absolutePath: string,
  relativePath: string,
  size: number,
  maxBytes: number,
  warn: (w: ScanWarning) => void,
): Promise<FileResult | undefined> {
  try {
    const content = await readCapped(absolutePath, size, maxBytes);
    return await extractor.extract({
      path: relativePath,
      content,
      readRelated: confinedReader(root, dirname(absolutePath), maxBytes),
    });
  } catch (error) {
    const { code, message } = describe(error);
    // Extractors name the file themselves; don't say it twice.
    const text = message.startsWith(relativePath)
      ? message.slice(relativePath.length).replace(/^:\s*/, '')
      : message;
    warn({ path: relativePath, code, message: text });
    return undefined;
  }
}

/**
 * A manifest's unpinned entry is noise when a lockfile in the same directory pins that package
 * (pyproject.toml next to poetry.lock, Cargo.toml next to Cargo.lock).
 */
function dropResolvedSkips(
  packages: readonly PackageRef[],
  skipped: readonly SkippedEntry[],
): SkippedEntry[] {
  const pinned = new Set(
    packages.map((p) => `${dirname(p.locations[0]?.path ?? '')}\u0000${p.name.toLowerCase()}`),
  );
  return skipped.filter(
    (s) =>
      s.reason !== 'unpinned' ||
      s.name === undefined ||
      !pinned.has(`${dirname(s.path)}\u0000${s.name.toLowerCase()}`),
  );
}

/**
 * The dependency inventory of a directory tree or a single file: every lockfile, manifest or SBOM
 * an extractor recognises by name.
 */
export async function collectDependencies(
  target: string,
  options: CollectOptions,
): Promise<Inventory> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const warnings: ScanWarning[] = [];
  const warn = (w: ScanWarning) => warnings.push(w);
  const packages: PackageRef[] = [];
  const skipped: SkippedEntry[] = [];
  const absolute = await realpath(target);
  const info = await stat(absolute);
  let files = 0;

  const take = (result: FileResult | undefined) => {
    if (result === undefined) return;
    packages.push(...result.packages);
    skipped.push(...result.skipped);
  };

  if (info.isFile()) {
    // Some formats are recognised by their folder too (gradle/verification-metadata.xml).
    const name = basename(absolute);
    const withParent = `${basename(dirname(absolute))}/${name}`;
    const extractor = options.extractors.find((e) => e.matches(name) || e.matches(withParent));
    if (extractor !== undefined) {
      files = 1;
      take(
        await extractFile(extractor, dirname(absolute), absolute, name, info.size, maxBytes, warn),
      );
    }
    return {
      target: { path: target, kind: 'file' },
      packages,
      skipped,
      warnings,
      filesScanned: files,
    };
  }

  options.progress?.start('Scanning files');
  let walked = 0;
  for await (const entry of walkFiles(absolute, {
    ...options.walk,
    onWarning: (w) => {
      warn(w);
      options.walk?.onWarning?.(w);
    },
  })) {
    options.progress?.update(++walked);
    const matching = options.extractors.filter((e) => e.matches(entry.path));
    if (matching.length === 0) continue;
    files++;
    for (const extractor of matching) {
      take(
        await extractFile(
          extractor,
          absolute,
          entry.absolutePath,
          entry.path,
          entry.size,
          maxBytes,
          warn,
        ),
      );
    }
  }
  options.progress?.done(`Scanned ${walked} files, ${files} lockfiles or manifests`);
  return {
    target: { path: target, kind: 'directory' },
    packages,
    skipped: dropResolvedSkips(packages, skipped),
    warnings,
    filesScanned: files,
  };
}
