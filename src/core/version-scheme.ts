/**
 * How one ecosystem orders its versions. A scheme is a pure function of two strings: no I/O, no
 * caching visible to callers. Plugins live in src/versioning/<scheme>/.
 */
export interface VersionScheme {
  /** Stable identifier, e.g. "semver", "pep440", "dpkg". */
  readonly id: string;
  /**
   * Total order over version strings: negative when a < b, zero when equal, positive when a > b.
   * Must be antisymmetric and transitive over valid versions, and must not throw on any input:
   * strings the scheme cannot parse are ordered deterministically (usually by a lenient fallback)
   * and reported through `isValid`.
   */
  compare(a: string, b: string): number;
  /** Whether `version` is well-formed in this scheme. Range evaluation reports invalid input. */
  isValid(version: string): boolean;
}
