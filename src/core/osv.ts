/**
 * The OSV schema (1.7) as TypeScript types. Records are kept exactly as published; fields we do not
 * interpret (database_specific, ecosystem_specific, upstream, credits…) pass through untouched.
 * https://ossf.github.io/osv-schema/
 */

export type OsvRangeType = 'SEMVER' | 'ECOSYSTEM' | 'GIT';

/** Exactly one key is set per event. `introduced: "0"` means "since the first version". */
export interface OsvEvent {
  readonly introduced?: string;
  readonly fixed?: string;
  readonly last_affected?: string;
  readonly limit?: string;
}

export interface OsvRange {
  readonly type: OsvRangeType | (string & {});
  readonly repo?: string;
  readonly events: readonly OsvEvent[];
  readonly database_specific?: Readonly<Record<string, unknown>>;
}

export interface OsvSeverity {
  readonly type: 'CVSS_V2' | 'CVSS_V3' | 'CVSS_V4' | 'Ubuntu' | (string & {});
  readonly score: string;
}

export interface OsvPackage {
  readonly ecosystem: string;
  readonly name: string;
  readonly purl?: string;
}

export interface OsvAffected {
  readonly package?: OsvPackage;
  readonly severity?: readonly OsvSeverity[];
  readonly ranges?: readonly OsvRange[];
  readonly versions?: readonly string[];
  readonly ecosystem_specific?: Readonly<Record<string, unknown>>;
  readonly database_specific?: Readonly<Record<string, unknown>>;
}

export interface OsvReference {
  readonly type: string;
  readonly url: string;
}

export interface OsvCredit {
  readonly name: string;
  readonly contact?: readonly string[];
  readonly type?: string;
}

export interface OsvRecord {
  readonly schema_version?: string;
  readonly id: string;
  readonly modified: string;
  readonly published?: string;
  readonly withdrawn?: string;
  readonly aliases?: readonly string[];
  readonly upstream?: readonly string[];
  readonly related?: readonly string[];
  readonly summary?: string;
  readonly details?: string;
  readonly severity?: readonly OsvSeverity[];
  readonly affected?: readonly OsvAffected[];
  readonly references?: readonly OsvReference[];
  readonly credits?: readonly OsvCredit[];
  readonly database_specific?: Readonly<Record<string, unknown>>;
}
