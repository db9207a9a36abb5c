/** Bun looks in at most this many enclosing packages; real trees nest far less. */
const MAX_LOOKUP_LEVELS = 64;

/**
 * Node-style lookup over install paths written as package names joined by "/" (bun.lock:
 * "a", "a/b" for b nested under a, "@s/a/@s/b"): `name` nested under the requiring package
 * first, then under each enclosing one, then at the top. Copies are indexed by where they sit
 * and each path's chain of enclosing paths is computed once, so a lookup builds no strings.
 */
export class InstallResolver {
  /** name → its only copy when installed once at the top, else enclosing path → copy. */
  readonly #copies = new Map<string, number | Map<string, number>>();
  readonly #chains = new Map<string, readonly string[]>();

  constructor(paths: readonly string[]) {
    const byName = new Map<string, Map<string, number>>();
    paths.forEach((path, i) => {
      const holder = enclosing(path);
      const name = holder === '' ? path : path.slice(holder.length + 1);
      let copies = byName.get(name);
      if (copies === undefined) {
        copies = new Map();
        byName.set(name, copies);
      }
      copies.set(holder, i);
    });
    for (const [name, copies] of byName) {
      const top = copies.size === 1 ? copies.get('') : undefined;
      this.#copies.set(name, top ?? copies);
    }
  }

  /** The index of the path `name` resolves to from install path `from`, or -1. */
  resolve(from: string, name: string): number {
    const copies = this.#copies.get(name);
    if (copies === undefined) return -1;
    if (typeof copies === 'number') return copies;
    for (const holder of this.#chain(from)) {
      const found = copies.get(holder);
      if (found !== undefined) return found;
    }
    return -1;
  }

  #chain(from: string): readonly string[] {
    let chain = this.#chains.get(from);
    if (chain !== undefined) return chain;
    const list: string[] = [from];
    let at = from;
    while (at !== '' && list.length < MAX_LOOKUP_LEVELS) {
      at = enclosing(at);
      list.push(at);
    }
    chain = list;
    this.#chains.set(from, chain);
    return chain;
  }
}

/** "a/@s/b" → "a"; "a" → ""; "@s/a" → "". Scoped names span two segments. */
function enclosing(path: string): string {
  const slash = path.lastIndexOf('/');
  if (slash === -1) return '';
  const before = path.lastIndexOf('/', slash - 1);
  const segment = path.slice(before + 1, slash);
  if (!segment.startsWith('@')) return path.slice(0, slash);
  return before === -1 ? '' : path.slice(0, before);
}
