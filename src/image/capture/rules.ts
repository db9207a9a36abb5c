import type { Extractor } from '../../ecosystems/extractor.ts';
import { type RpmDbFormat, rpmDbFormat } from '../../ecosystems/rpm-db/index.ts';
import type { FileInfo, InstalledExtractor } from '../../installed/index.ts';

/** What to keep of a file while streaming an image, decided from its path and header alone. */
export type CaptureRule =
  /** A release file for OS detection, kept as text. */
  | { readonly kind: 'os'; readonly maxBytes: number }
  /** A file registry extractors read (lockfiles, dpkg status, apk installed), kept as text. */
  | { readonly kind: 'text'; readonly maxBytes: number; readonly extractors: readonly Extractor[] }
  /** A file an installed-package extractor reads, parsed at once and kept as packages. */
  | { readonly kind: 'installed'; readonly extractor: InstalledExtractor }
  /** An rpm database, spooled to a temporary file, parsed and kept as records. */
  | { readonly kind: 'rpm'; readonly format: RpmDbFormat; readonly maxBytes: number };

export const OS_FILES: ReadonlySet<string> = new Set([
  'etc/os-release',
  'usr/lib/os-release',
  'etc/alpine-release',
  'etc/debian_version',
  'etc/lsb-release',
  'etc/redhat-release',
  'etc/centos-release',
  'etc/rocky-release',
  'etc/almalinux-release',
  'etc/fedora-release',
  'etc/system-release',
]);

const MAX_RELEASE_FILE = 64 * 1024;
const MAX_TEXT_FILE = 64 * 1024 * 1024;
const MAX_RPM_DB = 4 * 1024 * 1024 * 1024;

export interface CaptureRules {
  ruleFor(path: string, info: FileInfo): CaptureRule | undefined;
}

/**
 * The capture rules over the given extractors. Lockfiles inside node_modules describe how a
 * dependency was developed, not what is installed, so registry extractors skip them.
 */
export function captureRules(
  registry: readonly Extractor[],
  installed: readonly InstalledExtractor[],
): CaptureRules {
  return {
    ruleFor(path, info) {
      if (OS_FILES.has(path)) return { kind: 'os', maxBytes: MAX_RELEASE_FILE };
      const format = rpmDbFormat(path);
      if (format !== undefined) return { kind: 'rpm', format, maxBytes: MAX_RPM_DB };
      const extractor = installed.find((x) => x.matches(path, info));
      if (extractor !== undefined) return { kind: 'installed', extractor };
      if (path.includes('node_modules/')) return undefined;
      const matching = registry.filter((x) => x.matches(path));
      return matching.length === 0
        ? undefined
        : { kind: 'text', maxBytes: MAX_TEXT_FILE, extractors: matching };
    },
  };
}
