import type { PackageRef, SkippedEntry } from '../../core/package.ts';
import { detectDistro, type RootReader } from '../distro/detect.ts';
import { type DistroNaming, distroNaming, osPackagePurl } from '../distro/distro.ts';
import type { ExtractInput, Extractor, ExtractResult } from '../extractor.ts';

/** One package of an apk `installed` database. */
export interface ApkRecord {
  readonly name: string;
  readonly version: string;
  readonly architecture?: string;
  /** The origin (source) package: o: in the database; the package itself when absent. */
  readonly origin: string;
  readonly line: number;
}

export interface ParsedApkInstalled {
  readonly records: readonly ApkRecord[];
  readonly skipped: readonly SkippedEntry[];
}

const INSTALLED_FILE = /(^|\/)(usr\/)?lib\/apk\/db\/installed$/;

/**
 * Reads apk's installed database: blank-line separated records of "K:value" lines (P name,
 * V version, A arch, o origin; F/R/Z list files, which we skip).
 */
export function parseApkInstalled(text: string, path: string): ParsedApkInstalled {
  const records: ApkRecord[] = [];
  const skipped: SkippedEntry[] = [];
  let fields = new Map<string, string>();
  let start = 0;
  let inRecord = false;
  const flush = (): void => {
    if (!inRecord) return;
    inRecord = false;
    const name = fields.get('P');
    const version = fields.get('V');
    if (!name || !version) {
      skipped.push({
        path,
        line: start,
        ...(name ? { name } : {}),
        reason: 'malformed',
        detail: 'record without P: or V:',
      });
    } else {
      const architecture = fields.get('A');
      records.push({
        name,
        version,
        ...(architecture ? { architecture } : {}),
        origin: fields.get('o') || name,
        line: start,
      });
    }
    fields = new Map();
  };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (line[1] !== ':') continue;
    const key = line[0] ?? '';
    if (!inRecord) {
      inRecord = true;
      start = i + 1;
    }
    // Only the first P/V/A/o of a record counts; file lists repeat other keys many times.
    if ('PVAo'.includes(key) && !fields.has(key)) fields.set(key, line.slice(2));
  }
  flush();
  return { records, skipped };
}

/** Turns apk records into packages of the given distribution. */
export function apkPackages(
  records: readonly ApkRecord[],
  naming: DistroNaming,
  path: string,
): PackageRef[] {
  return records.map((r) => {
    const purl = osPackagePurl('apk', naming, r.name, r.version, { arch: r.architecture });
    return {
      ecosystem: naming.ecosystem,
      name: r.name,
      version: r.version,
      ...(purl === undefined ? {} : { purl }),
      locations: [{ path, line: r.line }],
      // Subpackages share their origin's version.
      source: { name: r.origin, version: r.version },
      extractor: 'alpine/apk-installed',
    };
  });
}

function rootReader(input: ExtractInput): RootReader {
  const depth = input.path.split('/').length - 1;
  const root = input.path.replace(INSTALLED_FILE, '$1').split('/').filter(Boolean).length;
  const prefix = '../'.repeat(depth - root);
  return (p) => input.readRelated(`${prefix}${p}`);
}

export const apkInstalledExtractor: Extractor = {
  id: 'alpine/apk-installed',
  matches: (path) => INSTALLED_FILE.test(path),
  async extract(input): Promise<ExtractResult> {
    const { records, skipped } = parseApkInstalled(input.content, input.path);
    const detected = await detectDistro(rootReader(input));
    // apk without os-release is Alpine; Wolfi and Chainguard say so in os-release.
    const distro = detected?.distro ?? { id: 'alpine' };
    return { packages: apkPackages(records, distroNaming(distro), input.path), skipped };
  },
};
