import type { PackageRef } from '../core/package.ts';
import type { PurlPackage } from './purl.ts';

interface Entry {
  readonly pkg: PurlPackage;
  readonly purl: string;
  dev: boolean | undefined;
  readonly dependsOn: Set<string>;
}

/**
 * Turns SBOM elements (keyed by bom-ref or SPDXID) and their dependency edges into PackageRefs:
 * edges become "name@version" dependsOn lists, the root's dependencies become direct ones, and
 * the same package listed twice is kept once.
 */
export class PackageCollector {
  private readonly byRef = new Map<string, Entry>();
  private readonly byIdentity = new Map<string, Entry>();
  private readonly edges: [string, string][] = [];
  private readonly graphRefs = new Set<string>();
  private readonly path: string;
  private readonly extractor: string;

  constructor(path: string, extractor: string) {
    this.path = path;
    this.extractor = extractor;
  }

  add(ref: string, pkg: PurlPackage, purl: string, dev: boolean | undefined): void {
    const identity = `${pkg.ecosystem}\u0000${pkg.name}\u0000${pkg.version}`;
    const existing = this.byIdentity.get(identity);
    if (existing !== undefined) {
      // Listed twice: development-only only if every listing says so.
      existing.dev = existing.dev === true && dev === true ? true : undefined;
      this.byRef.set(ref, existing);
      return;
    }
    const entry: Entry = { pkg, purl, dev, dependsOn: new Set() };
    this.byRef.set(ref, entry);
    this.byIdentity.set(identity, entry);
  }

  /** `from` depends on `to`; refs that are not packages (files, the root) are fine. */
  addEdge(from: string, to: string): void {
    this.edges.push([from, to]);
    this.graphRefs.add(from);
  }

  /** The document lists `ref`'s dependencies (possibly none), so an empty list means "none". */
  declareGraph(ref: string): void {
    this.graphRefs.add(ref);
  }

  /** The packages; when a root ref has edges, its targets are direct and the rest are not. */
  packages(rootRefs: readonly string[]): PackageRef[] {
    const roots = new Set(rootRefs);
    const direct = new Set<Entry>();
    let rootHasEdges = false;
    for (const [from, to] of this.edges) {
      const target = this.byRef.get(to);
      if (roots.has(from)) {
        rootHasEdges = true;
        if (target !== undefined) direct.add(target);
        continue;
      }
      const source = this.byRef.get(from);
      if (source !== undefined && target !== undefined && source !== target) {
        source.dependsOn.add(label(target.pkg));
      }
    }
    const withGraph = new Set<Entry>();
    for (const ref of this.graphRefs) {
      const entry = this.byRef.get(ref);
      if (entry !== undefined) withGraph.add(entry);
    }
    return [...this.byIdentity.values()].map((e): PackageRef => {
      const { ecosystem, name, version, source } = e.pkg;
      return {
        ecosystem,
        name,
        version,
        purl: e.purl,
        locations: [{ path: this.path }],
        ...(rootHasEdges ? { direct: direct.has(e) } : {}),
        ...(e.dev === undefined ? {} : { dev: e.dev }),
        ...(withGraph.has(e) ? { dependsOn: [...e.dependsOn].sort() } : {}),
        ...(source === undefined ? {} : { source }),
        extractor: this.extractor,
      };
    });
  }
}

function label(pkg: PurlPackage): string {
  return `${pkg.name}@${pkg.version}`;
}
