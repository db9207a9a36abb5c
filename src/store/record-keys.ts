import { parseEcosystem } from '../core/ecosystem-id.ts';
import type { OsvRecord } from '../core/osv.ts';
import { findEcosystem } from '../ecosystems/registry.ts';

/** What indexing needs of a record: import workers send back just these fields. */
export type IndexedRecord = Pick<
  OsvRecord,
  'id' | 'modified' | 'withdrawn' | 'aliases' | 'upstream' | 'affected'
>;

/** One (ecosystem, name) a record affects, as indexed. */
export interface PackageKey {
  /** The ecosystem base in lower case: "debian". */
  readonly ecosystem: string;
  /** The name under the ecosystem's own equality (PEP 503 for PyPI…). */
  readonly name: string;
  /** The affected ecosystem as written, release included: "Debian:11". */
  readonly written: string;
}

export function ecosystemKey(ecosystem: string): string {
  return parseEcosystem(ecosystem).base.toLowerCase();
}

/** The ecosystem's name equality; trimmed lower case for ecosystems secflow has no plugin for. */
export function nameKey(ecosystem: string, name: string): string {
  const plugin = findEcosystem(ecosystem);
  return plugin === undefined ? name.trim().toLowerCase() : plugin.normalizeName(name);
}

export function packageKeys(record: IndexedRecord): PackageKey[] {
  const keys = new Map<string, PackageKey>();
  for (const affected of record.affected ?? []) {
    const pkg = affected.package;
    if (pkg === undefined) continue;
    const key: PackageKey = {
      ecosystem: ecosystemKey(pkg.ecosystem),
      name: nameKey(pkg.ecosystem, pkg.name),
      written: pkg.ecosystem,
    };
    keys.set(`${key.ecosystem}\0${key.name}\0${key.written}`, key);
  }
  return [...keys.values()];
}

/** Ids the record is known by besides its own: aliases, and upstream ids (DEBIAN/ALPINE → CVE). */
export function aliasKeys(record: IndexedRecord): string[] {
  const own = record.id.toLowerCase();
  const seen = new Map<string, string>();
  for (const alias of [...(record.aliases ?? []), ...(record.upstream ?? [])]) {
    const folded = alias.toLowerCase();
    if (folded !== own && !seen.has(folded)) seen.set(folded, alias);
  }
  return [...seen.values()];
}

/** Whether secflow has a plugin for at least one ecosystem the record affects. */
export function hasKnownEcosystem(record: IndexedRecord): boolean {
  return (record.affected ?? []).some(
    (affected) =>
      affected.package !== undefined && findEcosystem(affected.package.ecosystem) !== undefined,
  );
}
