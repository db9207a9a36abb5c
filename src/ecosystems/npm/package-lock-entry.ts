import { decodeString, forEachMember, stringEnd } from './json-scan.ts';

/** The fields of a package-lock v2/v3 "packages" entry that the extractor uses. */
export interface PackageEntry {
  name?: string;
  version?: string;
  resolved?: string;
  dev: boolean;
  devOptional: boolean;
  link: boolean;
  /** Keys of dependencies, optionalDependencies and peerDependencies, in that order. */
  readonly needs: string[];
}

const EDGE_FIELDS = new Set(['dependencies', 'optionalDependencies', 'peerDependencies']);

/**
 * Reads one entry straight from the text: only the fields above are decoded, the rest (integrity,
 * engines, funding, bin, license…) is stepped over. That is about half the cost of JSON.parse
 * on a real lockfile, and allocates nothing for the fields nobody reads. Structure is checked
 * as it is walked; the contents of skipped values are not.
 */
export function readPackageEntry(
  text: string,
  start: number,
): { entry: PackageEntry; end: number } {
  const entry: PackageEntry = { dev: false, devOptional: false, link: false, needs: [] };
  const end = forEachMember(text, start, (key, _keyOffset, valueStart) => {
    const first = text.charCodeAt(valueStart);
    if (first === 34) {
      if (key === 'version' || key === 'resolved' || key === 'name') {
        const end = stringEnd(text, valueStart);
        entry[key] = decodeString(text, valueStart, end);
        return end;
      }
      return undefined;
    }
    if (first === 116 && text.startsWith('true', valueStart)) {
      if (key === 'dev' || key === 'devOptional' || key === 'link') entry[key] = true;
      return undefined;
    }
    if (first === 123 && EDGE_FIELDS.has(key)) {
      return forEachMember(text, valueStart, (name) => {
        entry.needs.push(name);
        return undefined;
      });
    }
    return undefined;
  });
  return { entry, end };
}
