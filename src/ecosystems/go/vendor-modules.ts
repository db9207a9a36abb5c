import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { Extractor } from '../extractor.ts';
import { packageRef, skippedEntry } from '../shared/package-ref.ts';
import { assertText, splitLines } from '../shared/text-input.ts';
import { isLocalPath, isModuleVersion, osvVersion, pathMatchesVersion } from './module-version.ts';

const ID = 'go/vendor-modules';

/** A `# module version [=> replacement [version]]` header and whether packages follow it. */
interface ModuleHeader {
  readonly text: string;
  readonly line: number;
  readonly module: string;
  readonly version: string | undefined;
  readonly target: string | undefined;
  readonly targetVersion: string | undefined;
  /** Why the header cannot be used, if it cannot. */
  readonly problem: string | undefined;
  vendoredPackages: number;
}

/**
 * vendor/modules.txt, written by `go mod vendor`. A module counts when at least one of its
 * packages is vendored (modules listed for go.mod consistency only are not built in). A module
 * replaced by another is reported as the replacement; one replaced by a local directory is
 * skipped as non-registry under its own path and version.
 */
export const vendorModules: Extractor = {
  id: ID,
  matches: (path) => path === 'vendor/modules.txt' || path.endsWith('/vendor/modules.txt'),
  extract(input) {
    assertText(input.path, input.content, 'vendor/modules.txt');
    const headers: ModuleHeader[] = [];
    const skipped: SkippedEntry[] = [];
    let current: ModuleHeader | undefined;
    splitLines(input.content).forEach((raw, i) => {
      const text = raw.trim();
      if (text === '' || text.startsWith('##')) return;
      if (text.startsWith('#')) {
        current = parseHeader(text, i + 1);
        headers.push(current);
        return;
      }
      if (current === undefined) {
        skipped.push(
          skippedEntry({
            path: input.path,
            line: i + 1,
            reason: 'malformed',
            entry: text,
            detail: 'package line before any module line',
          }),
        );
        return;
      }
      current.vendoredPackages++;
    });

    const packages: PackageRef[] = [];
    const seen = new Set<string>();
    for (const h of headers) {
      if (h.vendoredPackages === 0) continue;
      const base = { path: input.path, line: h.line, entry: h.text };
      if (h.problem !== undefined || (h.version === undefined && h.targetVersion === undefined)) {
        skipped.push(
          skippedEntry({ ...base, reason: 'malformed', detail: h.problem ?? 'no version' }),
        );
        continue;
      }
      if (h.target !== undefined && isLocalPath(h.target)) {
        skipped.push(
          skippedEntry({
            ...base,
            reason: 'non-registry',
            name: h.module,
            version: osvVersion(h.version ?? ''),
            detail: `replaced by local directory ${h.target}`,
          }),
        );
        continue;
      }
      const name = h.target ?? h.module;
      const version = osvVersion(h.targetVersion ?? h.version ?? '');
      if (seen.has(`${name}@${version}`)) continue;
      seen.add(`${name}@${version}`);
      packages.push(
        packageRef({
          ecosystem: 'Go',
          purlType: 'golang',
          extractor: ID,
          name,
          version,
          path: input.path,
          line: h.line,
        }),
      );
    }
    return { packages, skipped };
  },
};

function parseHeader(text: string, line: number): ModuleHeader {
  const tokens = text.slice(1).trim().split(/\s+/);
  const arrow = tokens.indexOf('=>');
  const left = arrow === -1 ? tokens : tokens.slice(0, arrow);
  const right = arrow === -1 ? [] : tokens.slice(arrow + 1);
  const [module = '', version] = left;
  const [target, targetVersion] = right;
  const header = { text, line, module, version, target, targetVersion, vendoredPackages: 0 };
  return { ...header, problem: headerProblem(left, right, arrow !== -1) };
}

function headerProblem(left: string[], right: string[], replaced: boolean): string | undefined {
  const [module, version] = left;
  const [target, targetVersion] = right;
  if (module === undefined || module === '' || left.length > 2)
    return 'expected "# module version"';
  if (version !== undefined && !(isModuleVersion(version) && pathMatchesVersion(module, version)))
    return `${version} is not a valid version of ${module}`;
  if (!replaced) return version === undefined ? 'no version' : undefined;
  if (target === undefined || right.length > 2) return 'expected "=> module version" or "=> ./dir"';
  if (isLocalPath(target))
    return right.length === 1 ? undefined : 'a local replacement has no version';
  if (
    targetVersion === undefined ||
    !(isModuleVersion(targetVersion) && pathMatchesVersion(target, targetVersion))
  )
    return `replacement ${target} has no valid version`;
  return undefined;
}
