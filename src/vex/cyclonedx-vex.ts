import { arrayOf, isObject, type JsonObject, stringOf } from '../sbom/json-document.ts';
import type { VexStatement, VexStatus } from './statement.ts';

/** CycloneDX analysis states → VEX statuses (false positives are not affected too). */
const STATES: Readonly<Record<string, VexStatus>> = {
  not_affected: 'not_affected',
  false_positive: 'not_affected',
  resolved: 'fixed',
  resolved_with_pedigree: 'fixed',
  exploitable: 'affected',
  in_triage: 'under_investigation',
};

export function isCycloneDxVex(doc: JsonObject): boolean {
  return doc.bomFormat === 'CycloneDX';
}

/**
 * CycloneDX VEX: `vulnerabilities[].analysis` for the components in `affects`. Refs resolve
 * to purls through the BOM's own components, or are purls already (standalone VEX), or are
 * BOM-Links ("urn:cdx:…#<ref>") whose fragment is one.
 */
export function readCycloneDxVex(doc: JsonObject, source: string): VexStatement[] {
  const purlByRef = componentPurls(doc);
  const out: VexStatement[] = [];
  for (const v of arrayOf(doc.vulnerabilities)) {
    if (!isObject(v) || !isObject(v.analysis)) continue;
    const id = stringOf(v.id);
    const state = stringOf(v.analysis.state);
    const status = state === undefined ? undefined : STATES[state];
    if (id === undefined || id === '' || status === undefined) continue;
    const products = arrayOf(v.affects).flatMap((a) => affectedProducts(a, purlByRef));
    if (products.length === 0) continue;
    const aliases = arrayOf(v.references)
      .map((r) => (isObject(r) ? stringOf(r.id) : undefined))
      .filter((r): r is string => r !== undefined && r !== '' && r !== id);
    const justification =
      state === 'false_positive' ? 'false_positive' : stringOf(v.analysis.justification);
    const detail = stringOf(v.analysis.detail);
    const timestamp = stringOf(v.analysis.lastUpdated) ?? stringOf(v.updated);
    out.push({
      vulnerability: id,
      ...(aliases.length > 0 ? { aliases } : {}),
      products: [...new Set(products)],
      status,
      ...(justification === undefined ? {} : { justification }),
      ...(detail === undefined ? {} : { impactStatement: detail }),
      ...(timestamp === undefined ? {} : { timestamp }),
      source,
    });
  }
  return out;
}

function componentPurls(doc: JsonObject): Map<string, string> {
  const byRef = new Map<string, string>();
  const stack: unknown[] = [...arrayOf(doc.components)];
  if (isObject(doc.metadata) && isObject(doc.metadata.component))
    stack.push(doc.metadata.component);
  while (stack.length > 0) {
    const c = stack.pop();
    if (!isObject(c)) continue;
    const ref = stringOf(c['bom-ref']);
    const purl = stringOf(c.purl);
    if (ref !== undefined && purl !== undefined) byRef.set(ref, purl);
    stack.push(...arrayOf(c.components));
  }
  return byRef;
}

/**
 * The products one `affects` entry names. Exact versions listed as unaffected or affected
 * narrow the purl to those versions; version ranges are not evaluated, so such an entry is
 * left out rather than widened to every version.
 */
function affectedProducts(affect: unknown, purlByRef: ReadonlyMap<string, string>): string[] {
  if (!isObject(affect)) return [];
  const ref = stringOf(affect.ref);
  if (ref === undefined) return [];
  const fragment = ref.startsWith('urn:cdx:') ? decodeFragment(ref) : ref;
  const product = purlByRef.get(ref) ?? purlByRef.get(fragment) ?? fragment;
  const versions = arrayOf(affect.versions).filter(isObject);
  if (versions.length === 0) return [product];
  const exact = versions
    .map((v) => stringOf(v.version))
    .filter((v): v is string => v !== undefined);
  if (exact.length < versions.length || !product.startsWith('pkg:')) return [];
  return exact.map((version) => withPurlVersion(product, version));
}

function decodeFragment(link: string): string {
  const hash = link.indexOf('#');
  if (hash < 0) return link;
  try {
    return decodeURIComponent(link.slice(hash + 1));
  } catch {
    return link.slice(hash + 1);
  }
}

/** "pkg:npm/x@1?q=1" with another version: replace the version, keep qualifiers. */
function withPurlVersion(purl: string, version: string): string {
  const q = purl.search(/[?#]/);
  const head = q < 0 ? purl : purl.slice(0, q);
  const tail = q < 0 ? '' : purl.slice(q);
  const at = head.lastIndexOf('@');
  const slash = head.lastIndexOf('/');
  const base = at > slash ? head.slice(0, at) : head;
  return `${base}@${encodeURIComponent(version)}${tail}`;
}
