import type { SkippedEntry } from '../../core/package.ts';
import { skippedEntry } from '../shared/package-ref.ts';
import { splitLines } from '../shared/text-input.ts';
import { compareModuleVersions, isModuleVersion, osvVersion } from './module-version.ts';

/** A module whose source go.sum checksums: the build downloaded it. */
export interface SummedModule {
  readonly module: string;
  /** Without the leading "v". */
  readonly version: string;
  readonly line: number;
}

/**
 * Reads go.sum: modules with a source checksum (`h1:` on the module itself, not only its
 * go.mod), keeping the highest version of each, which is what minimal version selection builds.
 */
export function readGoSum(
  path: string,
  content: string,
): { modules: SummedModule[]; skipped: SkippedEntry[] } {
  const best = new Map<string, SummedModule>();
  const skipped: SkippedEntry[] = [];
  splitLines(content).forEach((raw, i) => {
    const text = raw.trim();
    if (text === '') return;
    const [module, version, hash, ...rest] = text.split(/\s+/);
    if (module === undefined || version === undefined || hash === undefined || rest.length > 0) {
      skipped.push(
        skippedEntry({
          path,
          line: i + 1,
          reason: 'malformed',
          entry: text,
          detail: 'expected "module version hash"',
        }),
      );
      return;
    }
    if (version.endsWith('/go.mod')) return;
    if (!isModuleVersion(version)) {
      skipped.push(
        skippedEntry({
          path,
          line: i + 1,
          reason: 'malformed',
          entry: text,
          detail: 'not a module version',
        }),
      );
      return;
    }
    const candidate = { module, version: osvVersion(version), line: i + 1 };
    const current = best.get(module);
    if (current === undefined || compareModuleVersions(candidate.version, current.version) > 0)
      best.set(module, candidate);
  });
  return { modules: [...best.values()], skipped };
}
