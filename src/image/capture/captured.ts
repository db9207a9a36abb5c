import type { Extractor } from '../../ecosystems/extractor.ts';
import type { RpmDatabase, RpmDbFormat } from '../../ecosystems/rpm-db/index.ts';
import type { InstalledResult } from '../../installed/index.ts';

/** One version of a captured file: the layer that wrote it and the packages it listed then. */
export interface HistoryEntry {
  readonly layer: number;
  /** "name\0version" of each package the file listed in this version. */
  readonly keys: ReadonlySet<string>;
}

/** What the image scan kept of a file, in the filesystem's final state. */
export type Captured =
  | { readonly kind: 'os'; readonly text: string }
  | {
      readonly kind: 'text';
      readonly text: string;
      readonly extractors: readonly Extractor[];
      readonly history: readonly HistoryEntry[];
    }
  | {
      readonly kind: 'installed';
      readonly result: InstalledResult;
      readonly history: readonly HistoryEntry[];
    }
  | {
      readonly kind: 'rpm';
      readonly format: RpmDbFormat;
      readonly db: RpmDatabase;
      readonly history: readonly HistoryEntry[];
    };

export function packageKey(p: { readonly name: string; readonly version: string }): string {
  return `${p.name}\0${p.version}`;
}

/**
 * The layer where a package first appeared in its final form: walk the file's versions back
 * from the last while each still listed the package at the same version.
 */
export function firstLayerOf(history: readonly HistoryEntry[], key: string): number | undefined {
  let layer: number | undefined;
  for (let i = history.length - 1; i >= 0; i--) {
    const entry = history[i] as HistoryEntry;
    if (!entry.keys.has(key)) break;
    layer = entry.layer;
  }
  return layer ?? history.at(-1)?.layer;
}
