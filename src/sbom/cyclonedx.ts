import { SecflowError } from '../core/errors.ts';
import type { PackageRef, SkippedEntry } from '../core/package.ts';
import type { ExtractInput, Extractor, ExtractResult } from '../ecosystems/extractor.ts';
import {
  arrayOf,
  baseName,
  isObject,
  type JsonObject,
  parseJsonObject,
  stringOf,
} from './json-document.ts';
import { PackageCollector } from './package-collector.ts';
import { type DistroHint, packageFromPurl, parsePurl } from './purl.ts';
import { uncheckableVersion, withoutPurl } from './version-shape.ts';

export const CYCLONEDX_EXTRACTOR_ID = 'sbom/cyclonedx';

/** Component types that describe the system or its files rather than a package to check. */
const NOT_PACKAGES = new Set([
  'operating-system',
  'file',
  'container',
  'device',
  'platform',
  'device-driver',
  'machine-learning-model',
  'data',
  'cryptographic-asset',
]);

/** Properties other tools use to mark development-only components. */
const DEV_PROPERTIES = new Set(['cdx:npm:package:development', 'secflow:dev']);

/** CycloneDX 1.x JSON (1.4–1.6 as written by syft, cdxgen, trivy, cyclonedx-* plugins). */
export const cyclonedxExtractor: Extractor = {
  id: CYCLONEDX_EXTRACTOR_ID,
  matches(path) {
    const name = baseName(path);
    return name === 'bom.json' || name.endsWith('.cdx.json') || name.endsWith('.cyclonedx.json');
  },
  extract(input: ExtractInput): ExtractResult {
    const doc = parseJsonObject(input.path, input.content, 'CycloneDX');
    if (doc.bomFormat !== 'CycloneDX') {
      throw new SecflowError(
        'input',
        `${input.path}: not a CycloneDX BOM (no "bomFormat": "CycloneDX")`,
        {
          hint: 'Only CycloneDX JSON is read from bom.json, *.cdx.json and *.cyclonedx.json files.',
        },
      );
    }
    const spec = stringOf(doc.specVersion);
    if (spec !== undefined && !/^1\.\d+$/.test(spec)) {
      throw new SecflowError(
        'input',
        `${input.path}: CycloneDX specVersion ${spec} is not supported`,
        {
          hint: 'secflow reads CycloneDX 1.x JSON; re-export the SBOM as CycloneDX 1.6.',
        },
      );
    }
    return extractBom(doc, input.path);
  },
};

function extractBom(doc: JsonObject, path: string): ExtractResult {
  const root = isObject(doc.metadata) ? doc.metadata.component : undefined;
  const components = walkComponents(doc.components, root);
  const hint = distroHint(components, root);
  const collector = new PackageCollector(path, CYCLONEDX_EXTRACTOR_ID);
  const skipped: SkippedEntry[] = [];
  for (const component of components) {
    const type = stringOf(component.type) ?? 'library';
    if (NOT_PACKAGES.has(type)) continue;
    const name = stringOf(component.name);
    const version = stringOf(component.version);
    const named = {
      path,
      ...(name === undefined ? {} : { name: fullName(component, name) }),
      ...(version === undefined ? {} : { version }),
    };
    const rawPurl = stringOf(component.purl)?.trim();
    if (rawPurl === undefined || rawPurl === '') {
      skipped.push({ ...named, ...withoutPurl(version) });
      continue;
    }
    const purl = withVersion(rawPurl, version);
    const mapped = packageFromPurl(purl, hint);
    if (!mapped.ok) {
      skipped.push({ ...named, entry: rawPurl, reason: mapped.reason, detail: mapped.detail });
      continue;
    }
    const unchecked = uncheckableVersion(mapped.pkg.version);
    if (unchecked !== undefined) {
      skipped.push({ ...named, entry: rawPurl, ...unchecked });
      continue;
    }
    collector.add(stringOf(component['bom-ref']) ?? rawPurl, mapped.pkg, purl, isDev(component));
  }
  for (const dep of arrayOf(doc.dependencies)) {
    if (!isObject(dep)) continue;
    const ref = stringOf(dep.ref);
    if (ref === undefined) continue;
    collector.declareGraph(ref);
    for (const target of arrayOf(dep.dependsOn)) {
      if (typeof target === 'string') collector.addEdge(ref, target);
    }
  }
  const rootRef = isObject(root) ? stringOf(root['bom-ref']) : undefined;
  const packages: PackageRef[] = collector.packages(rootRef === undefined ? [] : [rootRef]);
  return { packages, skipped };
}

/**
 * Every component, nested ones included, in document order. Iterative: a hostile BOM nested
 * thousands deep must not exhaust the stack. The root (metadata.component) is the subject of
 * the BOM, not one of its packages, so only its children are taken.
 */
function walkComponents(top: unknown, root: unknown): JsonObject[] {
  const out: JsonObject[] = [];
  const stack: unknown[] = [...arrayOf(top)].reverse();
  if (isObject(root)) stack.push(...[...arrayOf(root.components)].reverse());
  while (stack.length > 0) {
    const next = stack.pop();
    if (!isObject(next)) continue;
    out.push(next);
    const children = arrayOf(next.components);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return out;
}

/** The distribution an image SBOM describes (syft and trivy list it as a component). */
function distroHint(components: readonly JsonObject[], root: unknown): DistroHint | undefined {
  const os = [...(isObject(root) ? [root] : []), ...components].find(
    (c) => c.type === 'operating-system',
  );
  const id = stringOf(os?.name);
  const release = stringOf(os?.version);
  return id === undefined || release === undefined ? undefined : { id, release };
}

function fullName(component: JsonObject, name: string): string {
  const group = stringOf(component.group);
  return group === undefined || group === '' ? name : `${group}/${name}`;
}

/** A purl without version takes the component's version (cdxgen does this for some types). */
function withVersion(purl: string, version: string | undefined): string {
  if (version === undefined || version === '') return purl;
  const parsed = parsePurl(purl);
  if (parsed === undefined || (parsed.version !== undefined && parsed.version !== '')) return purl;
  parsed.version = version;
  return parsed.toString();
}

function isDev(component: JsonObject): boolean | undefined {
  if (component.scope === 'excluded') return true;
  for (const p of arrayOf(component.properties)) {
    if (isObject(p) && DEV_PROPERTIES.has(String(p.name)) && p.value === 'true') return true;
  }
  return undefined;
}
