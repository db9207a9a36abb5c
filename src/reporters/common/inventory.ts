import type { PackageRef, SourceLocation } from '../../core/package.ts';
import { purlForPackage } from '../../sbom/purl.ts';
import { compareText, packageLabel } from './findings.ts';

/**
 * One distinct package for an SBOM: the same package found in several files is one component
 * with several locations. `id` is stable and unique within the document.
 */
export interface InventoryComponent {
  readonly id: string;
  readonly ecosystem: string;
  readonly name: string;
  readonly version: string;
  readonly purl?: string;
  readonly locations: readonly SourceLocation[];
  /** Direct in at least one file. */
  readonly direct?: boolean;
  /** Development-only everywhere it was found. */
  readonly dev?: boolean;
  readonly source?: PackageRef['source'];
  readonly layer?: PackageRef['layer'];
  /** Ids of the components this one depends on, resolved within the inventory. */
  readonly dependsOn?: readonly string[];
}

export interface Inventory {
  readonly components: readonly InventoryComponent[];
  /** The component id a package of the report became. */
  idOf(pkg: PackageRef): string;
}

interface Draft {
  id: string;
  purl: string | undefined;
  first: PackageRef;
  locations: SourceLocation[];
  direct: boolean | undefined;
  dev: boolean | undefined;
  dependsOnLabels: Set<string>;
  paths: Set<string>;
  hasGraph: boolean;
}

/** Merge the report's packages into distinct components and resolve "name@version" edges. */
export function buildInventory(packages: readonly PackageRef[]): Inventory {
  // Building a purl is the costly part; each package object is keyed once.
  const purls = new WeakMap<PackageRef, string | undefined>();
  const purlOf = (pkg: PackageRef): string | undefined => {
    if (!purls.has(pkg)) purls.set(pkg, purlForPackage(pkg));
    return purls.get(pkg);
  };
  const identity = (pkg: PackageRef): string =>
    purlOf(pkg) ?? `${pkg.ecosystem}:${packageLabel(pkg)}`;
  const drafts = new Map<string, Draft>();
  for (const pkg of packages) {
    const id = identity(pkg);
    let draft = drafts.get(id);
    if (draft === undefined) {
      draft = {
        id,
        purl: purlOf(pkg),
        first: pkg,
        locations: [],
        direct: undefined,
        dev: undefined,
        dependsOnLabels: new Set(),
        paths: new Set(),
        hasGraph: false,
      };
      drafts.set(id, draft);
    }
    for (const loc of pkg.locations) {
      if (!draft.locations.some((l) => l.path === loc.path && l.line === loc.line)) {
        draft.locations.push(loc);
      }
      draft.paths.add(loc.path);
    }
    if (pkg.direct !== undefined) draft.direct = (draft.direct ?? false) || pkg.direct;
    if (pkg.dev !== undefined) draft.dev = (draft.dev ?? true) && pkg.dev;
    if (pkg.dependsOn !== undefined) {
      draft.hasGraph = true;
      for (const dep of pkg.dependsOn) draft.dependsOnLabels.add(dep);
    }
  }

  // "name@version" → ids, per file first (edges are recorded within one file), then anywhere.
  const byPathLabel = new Map<string, string>();
  const byLabel = new Map<string, Set<string>>();
  for (const d of drafts.values()) {
    const label = packageLabel(d.first);
    for (const path of d.paths) byPathLabel.set(`${path}\u0000${label}`, d.id);
    const ids = byLabel.get(label) ?? new Set<string>();
    ids.add(d.id);
    byLabel.set(label, ids);
  }
  const resolve = (d: Draft, label: string): string | undefined => {
    for (const path of d.paths) {
      const hit = byPathLabel.get(`${path}\u0000${label}`);
      if (hit !== undefined) return hit;
    }
    const anywhere = byLabel.get(label);
    return anywhere?.size === 1 ? [...anywhere][0] : undefined;
  };

  const components = [...drafts.values()]
    .map((d): InventoryComponent => {
      const deps = d.hasGraph
        ? [...d.dependsOnLabels]
            .map((label) => resolve(d, label))
            .filter((id): id is string => id !== undefined && id !== d.id)
        : undefined;
      const { ecosystem, name, version, source, layer } = d.first;
      const { purl } = d;
      return {
        id: d.id,
        ecosystem,
        name,
        version,
        ...(purl === undefined ? {} : { purl }),
        locations: d.locations,
        ...(d.direct === undefined ? {} : { direct: d.direct }),
        ...(d.dev === undefined ? {} : { dev: d.dev }),
        ...(source === undefined ? {} : { source }),
        ...(layer === undefined ? {} : { layer }),
        ...(deps === undefined ? {} : { dependsOn: [...new Set(deps)].sort(compareText) }),
      };
    })
    .sort(
      (a, b) =>
        compareText(a.ecosystem, b.ecosystem) ||
        compareText(a.name, b.name) ||
        compareText(a.version, b.version) ||
        compareText(a.id, b.id),
    );
  return { components, idOf: identity };
}
