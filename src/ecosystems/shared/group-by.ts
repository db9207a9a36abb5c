/** Groups items under a key in one pass (linear, whatever the duplicates). */
export function groupBy<T, V = T>(
  items: readonly T[],
  key: (item: T) => string,
  value: (item: T) => V = (item) => item as unknown as V,
): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list === undefined) groups.set(k, [value(item)]);
    else list.push(value(item));
  }
  return groups;
}
