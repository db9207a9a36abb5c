import { isSecflowError } from '../core/errors.ts';
import type { Finding } from '../core/finding.ts';
import type { LayerRef, PackageRef, SkippedEntry } from '../core/package.ts';
import type { ScanTarget, ScanWarning } from '../core/report.ts';
import type { DetectedDistro } from '../ecosystems/distro/detect.ts';
import { distroNaming } from '../ecosystems/distro/distro.ts';
import { rpmPackages } from '../ecosystems/rpm-db/index.ts';
import type { Inventory } from '../scanners/inventory.ts';
import { type Captured, firstLayerOf, type HistoryEntry, packageKey } from './capture/captured.ts';
import type { Collector } from './capture/collector.ts';
import { relatedReader } from './capture/related.ts';
import { endOfLifeFinding } from './eol/eol.ts';
import { detectImageOs } from './os-detect.ts';

export interface AssembleOptions {
  readonly target: Omit<ScanTarget, 'os'>;
  /** The image's layers in order; absent for a root filesystem, whose packages carry no layer. */
  readonly layers?: readonly LayerRef[];
  readonly now: Date;
  /** Warnings from reading the image itself (metadata notes, bombs, unsafe entries). */
  readonly warnings: readonly ScanWarning[];
}

/**
 * Turns the final filesystem into an Inventory: detects the OS, runs the registry extractors on
 * the captured text files, adds the installed and rpm packages, attributes each package to the
 * layer where it first appeared in its final form, and flags an end-of-life release.
 */
export async function assembleInventory(
  collector: Collector,
  options: AssembleOptions,
): Promise<Inventory> {
  const { vfs } = collector;
  const os = await detectImageOs(vfs);
  const packages: PackageRef[] = [];
  const skipped: SkippedEntry[] = [];
  const warnings: ScanWarning[] = [...options.warnings, ...collector.warnings];
  const withLayer = (p: PackageRef, history: readonly HistoryEntry[]): PackageRef => {
    const index = firstLayerOf(history, packageKey(p));
    const layer = index === undefined ? undefined : options.layers?.[index];
    return layer === undefined ? p : { ...p, layer };
  };
  for (const [path, node] of vfs.files()) {
    const found = await packagesOf(path, node.data, os, warnings, relatedReader(vfs, path));
    packages.push(
      ...found.packages.map((p) => ('history' in node.data ? withLayer(p, node.data.history) : p)),
    );
    skipped.push(...found.skipped);
  }
  packages.sort(byLocationThenName);
  const findings: Finding[] = [];
  const eol = os && endOfLifeFinding(os.distro, options.now, os.evidence);
  if (eol) findings.push(eol);
  const target: ScanTarget = {
    ...options.target,
    ...(os === undefined
      ? {}
      : {
          os: {
            id: os.distro.id,
            release: os.distro.versionId ?? '',
            ...(os.distro.prettyName ? { prettyName: os.distro.prettyName } : {}),
          },
        }),
  };
  return { target, packages, skipped, warnings, findings, filesScanned: collector.filesScanned };
}

async function packagesOf(
  path: string,
  data: Captured,
  os: DetectedDistro | undefined,
  warnings: ScanWarning[],
  readRelated: (p: string) => Promise<string | undefined>,
): Promise<{ packages: readonly PackageRef[]; skipped: readonly SkippedEntry[] }> {
  switch (data.kind) {
    case 'os':
      return { packages: [], skipped: [] };
    case 'installed':
      return data.result;
    case 'rpm': {
      for (const problem of data.db.problems) {
        warnings.push({ path, code: 'parse-error', message: `rpm database: ${problem}` });
      }
      const naming = distroNaming(os?.distro ?? { id: 'unknown' });
      return { packages: rpmPackages(data.db.records, naming, path), skipped: [] };
    }
    case 'text': {
      const packages: PackageRef[] = [];
      const skipped: SkippedEntry[] = [];
      for (const extractor of data.extractors) {
        try {
          const result = await extractor.extract({ path, content: data.text, readRelated });
          packages.push(...result.packages);
          skipped.push(...result.skipped);
        } catch (e) {
          const message = isSecflowError(e)
            ? e.message
            : `${extractor.id}: ${(e as Error).message}`;
          warnings.push({ path, code: 'parse-error', message });
        }
      }
      return { packages, skipped };
    }
  }
}

function byLocationThenName(a: PackageRef, b: PackageRef): number {
  const pa = a.locations[0]?.path ?? '';
  const pb = b.locations[0]?.path ?? '';
  return pa < pb ? -1 : pa > pb ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
