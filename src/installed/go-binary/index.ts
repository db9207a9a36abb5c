import { PackageURL } from 'packageurl-js';
import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import type { InstalledExtractor } from '../installed-extractor.ts';
import { type GoModule, readGoBuildInfo } from './buildinfo.ts';
import { ElfError, isElf, parseElf } from './elf.ts';

/** "go1.21.5" → "1.21.5", "go1.19" → "1.19.0", "go1.21rc2" → "1.21.0-rc.2" (OSV's stdlib form). */
export function goToolchainVersion(goVersion: string): string | undefined {
  const m = /^go(\d+)\.(\d+)(?:\.(\d+))?(?:(rc|beta)(\d+))?/.exec(goVersion.split(' ')[0] ?? '');
  if (!m) return undefined;
  const base = `${m[1]}.${m[2]}.${m[3] ?? '0'}`;
  return m[4] === undefined ? base : `${base}-${m[4]}.${m[5]}`;
}

function goPackage(path: string, name: string, version: string, purlVersion: string): PackageRef {
  const slash = name.lastIndexOf('/');
  return {
    ecosystem: 'Go',
    name,
    version,
    purl: new PackageURL(
      'golang',
      slash < 0 ? undefined : name.slice(0, slash),
      name.slice(slash + 1),
      purlVersion,
      undefined,
      undefined,
    ).toString(),
    locations: [{ path }],
    extractor: 'installed/go-binary',
  };
}

function modulePackage(
  path: string,
  module: GoModule,
): { package?: PackageRef; skipped?: SkippedEntry } {
  const effective = module.replace ?? module;
  if (effective.version === '' || effective.version === '(devel)') {
    return {
      skipped: {
        path,
        name: module.path,
        reason: 'non-registry',
        detail:
          effective.version === ''
            ? `replaced by directory ${effective.path}`
            : 'built from a working tree',
      },
    };
  }
  return {
    package: goPackage(
      path,
      effective.path,
      effective.version.replace(/^v/, ''),
      effective.version,
    ),
  };
}

/**
 * Go executables: the toolchain (as OSV's "stdlib" package) and every module compiled in, from
 * the build info the linker embeds. Any executable ELF file is a candidate.
 */
export const goBinaryExtractor: InstalledExtractor = {
  id: 'installed/go-binary',
  matches: (_path, info) => (info.mode & 0o111) !== 0 && info.size >= 1024,
  maxBytes: 128 * 1024 * 1024,
  sniff: isElf,
  extract({ path, content }) {
    let info: ReturnType<typeof readGoBuildInfo>;
    try {
      info = readGoBuildInfo(parseElf(content));
    } catch (e) {
      if (e instanceof ElfError) {
        return { packages: [], skipped: [{ path, reason: 'malformed', detail: e.message }] };
      }
      throw e;
    }
    if (info === undefined) return { packages: [], skipped: [] };
    const packages: PackageRef[] = [];
    const skipped: SkippedEntry[] = [];
    const stdlib = goToolchainVersion(info.goVersion);
    if (stdlib !== undefined) packages.push(goPackage(path, 'stdlib', stdlib, `v${stdlib}`));
    // The main module is the program itself; it is only checkable when built at a tagged version.
    const modules = info.main === undefined ? info.deps : [info.main, ...info.deps];
    for (const module of modules) {
      const result = modulePackage(path, module);
      if (result.package) packages.push(result.package);
      else if (result.skipped && module !== info.main) skipped.push(result.skipped);
    }
    return { packages, skipped };
  },
};
