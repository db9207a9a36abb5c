import { SecflowError } from '../core/errors.ts';
import type { SkippedEntry } from '../core/package.ts';
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
import { type DistroHint, packageFromPurl } from './purl.ts';
import { uncheckableVersion, withoutPurl } from './version-shape.ts';

export const SPDX_EXTRACTOR_ID = 'sbom/spdx';

/** Packages that stand for the system or its files rather than something advisories name. */
const NOT_PACKAGES = new Set(['OPERATING-SYSTEM', 'CONTAINER', 'FILE', 'DEVICE', 'ARCHIVE']);

/** "A X B" relationships where B depends on A; the rest of the *_OF family reads A → B. */
const REVERSED_DEPENDENCIES = new Set([
  'DEPENDENCY_OF',
  'DEV_DEPENDENCY_OF',
  'TEST_DEPENDENCY_OF',
  'BUILD_DEPENDENCY_OF',
  'RUNTIME_DEPENDENCY_OF',
  'OPTIONAL_DEPENDENCY_OF',
  'PROVIDED_DEPENDENCY_OF',
]);
const DEV_ONLY = new Set(['DEV_DEPENDENCY_OF', 'TEST_DEPENDENCY_OF', 'BUILD_DEPENDENCY_OF']);

/** SPDX 2.x JSON (2.2 and 2.3 as written by syft, trivy, GitHub's dependency graph export). */
export const spdxExtractor: Extractor = {
  id: SPDX_EXTRACTOR_ID,
  matches(path) {
    const name = baseName(path);
    return name.endsWith('.spdx.json') || name.endsWith('.spdx');
  },
  extract(input: ExtractInput): ExtractResult {
    // *.spdx is usually tag-value, which we do not read: say so instead of failing the scan.
    if (baseName(input.path).endsWith('.spdx') && !input.content.trimStart().startsWith('{')) {
      return {
        packages: [],
        skipped: [
          {
            path: input.path,
            reason: 'unsupported',
            detail: 'SPDX tag-value is not read; export the SBOM as SPDX JSON (*.spdx.json)',
          },
        ],
      };
    }
    const doc = parseJsonObject(input.path, input.content, 'SPDX');
    const version = stringOf(doc.spdxVersion);
    if (version === undefined || !/^SPDX-2\.\d+$/.test(version)) {
      throw new SecflowError(
        'input',
        `${input.path}: not an SPDX 2.x JSON document (spdxVersion is ${JSON.stringify(doc.spdxVersion) ?? 'missing'})`,
        { hint: 'secflow reads SPDX 2.2/2.3 JSON; re-export the SBOM in that form.' },
      );
    }
    return extractDocument(doc, input.path);
  },
};

function extractDocument(doc: JsonObject, path: string): ExtractResult {
  const packages = arrayOf(doc.packages).filter(isObject);
  const relationships = arrayOf(doc.relationships).filter(isObject);
  const documentId = stringOf(doc.SPDXID) ?? 'SPDXRef-DOCUMENT';
  const roots = describedIds(doc, documentId, relationships);
  const hint = distroHint(packages);
  const collector = new PackageCollector(path, SPDX_EXTRACTOR_ID);
  const devIds = new Set<string>();
  for (const r of relationships) {
    const type = stringOf(r.relationshipType);
    const element = stringOf(r.spdxElementId);
    if (type !== undefined && element !== undefined && DEV_ONLY.has(type)) devIds.add(element);
  }
  const skipped: SkippedEntry[] = [];
  for (const p of packages) {
    const id = stringOf(p.SPDXID);
    const name = stringOf(p.name);
    const version = stringOf(p.versionInfo);
    // The described root (the scanned image or repository) and OS/container/file entries are
    // the subject of the document, not packages to check, with or without a purl.
    if ((id !== undefined && roots.has(id)) || NOT_PACKAGES.has(String(p.primaryPackagePurpose))) {
      continue;
    }
    const purl = purlOf(p);
    if (purl === undefined) {
      skipped.push({
        path,
        ...(name === undefined ? {} : { name }),
        ...(version === undefined ? {} : { version }),
        ...withoutPurl(version),
      });
      continue;
    }
    const mapped = packageFromPurl(purl, hint);
    const named = {
      path,
      ...(name === undefined ? {} : { name }),
      ...(version === undefined ? {} : { version }),
      entry: purl,
    };
    if (!mapped.ok) {
      skipped.push({ ...named, reason: mapped.reason, detail: mapped.detail });
      continue;
    }
    const unchecked = uncheckableVersion(mapped.pkg.version);
    if (unchecked !== undefined) {
      skipped.push({ ...named, ...unchecked });
      continue;
    }
    collector.add(
      id ?? purl,
      mapped.pkg,
      purl,
      id !== undefined && devIds.has(id) ? true : undefined,
    );
  }
  for (const r of relationships) {
    const type = stringOf(r.relationshipType);
    const a = stringOf(r.spdxElementId);
    const b = stringOf(r.relatedSpdxElement);
    if (type === undefined || a === undefined || b === undefined) continue;
    if (type === 'DEPENDS_ON') collector.addEdge(a, b);
    else if (REVERSED_DEPENDENCIES.has(type)) collector.addEdge(b, a);
  }
  return { packages: collector.packages([...roots]), skipped };
}

/** What the document describes: DESCRIBES / DESCRIBED_BY relationships and documentDescribes. */
function describedIds(
  doc: JsonObject,
  documentId: string,
  relationships: readonly JsonObject[],
): Set<string> {
  const ids = new Set<string>();
  for (const d of arrayOf(doc.documentDescribes)) if (typeof d === 'string') ids.add(d);
  for (const r of relationships) {
    const a = stringOf(r.spdxElementId);
    const b = stringOf(r.relatedSpdxElement);
    if (r.relationshipType === 'DESCRIBES' && a === documentId && b !== undefined) ids.add(b);
    if (r.relationshipType === 'DESCRIBED_BY' && b === documentId && a !== undefined) ids.add(a);
  }
  return ids;
}

/** The purl external reference ("PACKAGE-MANAGER" in 2.3, "PACKAGE_MANAGER" in 2.2). */
function purlOf(p: JsonObject): string | undefined {
  for (const ref of arrayOf(p.externalRefs)) {
    if (!isObject(ref) || ref.referenceType !== 'purl') continue;
    const locator = stringOf(ref.referenceLocator)?.trim();
    if (locator !== undefined && locator !== '') return locator;
  }
  return undefined;
}

function distroHint(packages: readonly JsonObject[]): DistroHint | undefined {
  const os = packages.find((p) => p.primaryPackagePurpose === 'OPERATING-SYSTEM');
  const id = stringOf(os?.name);
  const release = stringOf(os?.versionInfo);
  return id === undefined || release === undefined ? undefined : { id, release };
}
