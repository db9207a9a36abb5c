export type VexStatus = 'not_affected' | 'affected' | 'fixed' | 'under_investigation';

/** One VEX claim, whatever format it came from: this vulnerability, in these products, is… */
export interface VexStatement {
  /** Advisory id or alias as the author wrote it ("CVE-2021-44228", "GHSA-…"). */
  readonly vulnerability: string;
  /** Other names the author gave the same vulnerability. */
  readonly aliases?: readonly string[];
  /**
   * Which packages it covers: purls (a purl without version or qualifiers covers every version
   * or variant) or bare package names, optionally "name@version".
   */
  readonly products: readonly string[];
  readonly status: VexStatus;
  /** not_affected: the format's justification code, e.g. "vulnerable_code_not_present". */
  readonly justification?: string;
  readonly impactStatement?: string;
  /** When the claim was made; later claims about the same thing win. */
  readonly timestamp?: string;
  /** The VEX file the statement came from. */
  readonly source: string;
}
