/**
 * Memoises a scheme's parser. A scan compares each installed version against every bound of every
 * advisory for its package, and bounds repeat across advisories, so most parses are repeats.
 * Two generations of at most `capacity` entries each: when the young one fills up it becomes the
 * old one and the previous old one is dropped, so hot versions survive (a hit in the old
 * generation moves up) and eviction costs nothing per call. Long strings bypass the cache, so
 * hostile input cannot grow it.
 */
export function memoize<T>(
  parse: (version: string) => T,
  capacity = 4096,
  maxLength = 128,
): (version: string) => T {
  let young = new Map<string, T>();
  let old = new Map<string, T>();
  return (version) => {
    if (version.length > maxLength) return parse(version);
    let parsed = young.get(version);
    if (parsed !== undefined) return parsed;
    parsed = old.get(version) ?? parse(version);
    if (young.size >= capacity) {
      old = young;
      young = new Map();
    }
    young.set(version, parsed);
    return parsed;
  };
}
