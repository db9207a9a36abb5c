import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import { debianReleaseFromBaseFiles, detectDistro, type RootReader } from '../distro/detect.ts';
import { type Distro, type DistroNaming, distroNaming, osPackagePurl } from '../distro/distro.ts';
import type { ExtractInput, Extractor, ExtractResult } from '../extractor.ts';

/** One package paragraph of a dpkg status file. */
export interface DpkgRecord {
  readonly name: string;
  readonly version: string;
  readonly architecture?: string;
  /** Source package; dpkg omits the field when it equals the binary name and version. */
  readonly sourceName: string;
  readonly sourceVersion: string;
  /** 1-based line of the paragraph's first field. */
  readonly line: number;
}

export interface ParsedDpkgStatus {
  readonly records: readonly DpkgRecord[];
  readonly skipped: readonly SkippedEntry[];
}

const STATUS_FILE = /(^|\/)var\/lib\/dpkg\/status$/;
// Distroless images keep one file per package in status.d, next to <name>.md5sums lists.
const STATUS_D_FILE = /(^|\/)var\/lib\/dpkg\/status\.d\/[^/]+$/;

/** Splits a deb822 file into paragraphs of field → value, remembering each paragraph's line. */
function paragraphs(text: string): { fields: Map<string, string>; line: number }[] {
  const out: { fields: Map<string, string>; line: number }[] = [];
  let fields = new Map<string, string>();
  let start = 0;
  let last: string | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      if (fields.size > 0) out.push({ fields, line: start });
      fields = new Map();
      last = undefined;
      continue;
    }
    if (fields.size === 0) start = i + 1;
    if ((line.startsWith(' ') || line.startsWith('\t')) && last !== undefined) {
      fields.set(last, `${fields.get(last) ?? ''}\n${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    fields.set(last, line.slice(colon + 1).trim());
  }
  if (fields.size > 0) out.push({ fields, line: start });
  return out;
}

/**
 * Reads the installed packages of a dpkg status file (or a distroless status.d entry). Packages
 * whose Status is not "… installed" (removed, config-files, half-installed) are left out, as
 * dpkg-query does; status.d entries carry no Status and are all installed.
 */
export function parseDpkgStatus(text: string, path: string): ParsedDpkgStatus {
  const records: DpkgRecord[] = [];
  const skipped: SkippedEntry[] = [];
  for (const { fields, line } of paragraphs(text)) {
    const status = fields.get('status');
    if (status !== undefined && status.split(/\s+/)[2] !== 'installed') continue;
    const name = fields.get('package');
    const version = fields.get('version');
    if (!name || !version) {
      skipped.push({
        path,
        line,
        ...(name ? { name } : {}),
        reason: 'malformed',
        detail: 'paragraph without Package or Version',
      });
      continue;
    }
    const source = /^(\S+)(?:\s+\(([^)]+)\))?/.exec(fields.get('source') ?? '');
    const architecture = fields.get('architecture');
    records.push({
      name,
      version,
      ...(architecture ? { architecture } : {}),
      sourceName: source?.[1] ?? name,
      sourceVersion: source?.[2]?.trim() ?? version,
      line,
    });
  }
  return { records, skipped };
}

/** Turns dpkg records into packages of the given distribution. */
export function dpkgPackages(
  records: readonly DpkgRecord[],
  naming: DistroNaming,
  path: string,
): PackageRef[] {
  return records.map((r) => {
    const purl = osPackagePurl('deb', naming, r.name, r.version, { arch: r.architecture });
    return {
      ecosystem: naming.ecosystem,
      name: r.name,
      version: r.version,
      ...(purl === undefined ? {} : { purl }),
      locations: [{ path, line: r.line }],
      source: { name: r.sourceName, version: r.sourceVersion },
      extractor: 'debian/dpkg-status',
    };
  });
}

/** A reader of files by root-relative path, through readRelated from the status file's folder. */
function rootReader(input: ExtractInput): RootReader {
  const dir = input.path.split('/').slice(0, -1);
  const dpkgAt = dir.lastIndexOf('dpkg');
  const up = dpkgAt < 0 ? 0 : dir.length - (dpkgAt - 2);
  const prefix = '../'.repeat(up);
  return (p) => input.readRelated(`${prefix}${p}`);
}

/** Debian or Ubuntu, from os-release when the root has one, else from base-files (distroless). */
export async function dpkgDistro(
  read: RootReader,
  records: readonly DpkgRecord[],
): Promise<Distro> {
  const detected = await detectDistro(read);
  if (detected !== undefined) return detected.distro;
  const baseFiles = records.find((r) => r.name === 'base-files');
  const release = baseFiles && debianReleaseFromBaseFiles(baseFiles.version);
  return { id: 'debian', ...(release ? { versionId: release } : {}) };
}

export const dpkgStatusExtractor: Extractor = {
  id: 'debian/dpkg-status',
  matches: (path) =>
    STATUS_FILE.test(path) || (STATUS_D_FILE.test(path) && !path.endsWith('.md5sums')),
  async extract(input): Promise<ExtractResult> {
    const { records, skipped } = parseDpkgStatus(input.content, input.path);
    const distro = await dpkgDistro(rootReader(input), records);
    return { packages: dpkgPackages(records, distroNaming(distro), input.path), skipped };
  },
};
