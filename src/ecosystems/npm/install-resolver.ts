/** Node looks in at most this many enclosing folders; real trees nest far less. */
const MAX_LOOKUP_LEVELS = 64;

/** How a lockfile writes where packages are installed. */
export interface InstallLayout {
  /** Where the package at `path` is found from: the holding folder and the name it is found by. */
  place(path: string): { readonly holder: string; readonly name: string } | undefined;
  /** The next folder a lookup from `path` tries; '' is the top. */
  parent(path: string): string;
}

/**
 * Node's module lookup over a lockfile's install paths: `name` from the requiring folder first,
 * then from each enclosing one, then at the top. Copies are indexed by the folder that holds them
 * and each folder's chain of enclosing folders is computed once, so a lookup is a few map hits
 * with no string building. package-lock v2/v3 and bun.lock differ only in their `InstallLayout`.
 */
export class InstallResolver {
  readonly #layout: InstallLayout;
  /** name → its only copy when installed once at the top, else holder folder → copy. */
  readonly #copies = new Map<string, number | Map<string, number>>();
  readonly #chains = new Map<string, readonly string[]>();

  constructor(paths: readonly string[], layout: InstallLayout) {
    this.#layout = layout;
    const byName = new Map<string, Map<string, number>>();
    paths.forEach((path, i) => {
      const place = layout.place(path);
      if (place === undefined) return;
      let copies = byName.get(place.name);
      if (copies === undefined) {
        copies = new Map();
        byName.set(place.name, copies);
      }
      copies.set(place.holder, i);
    });
    for (const [name, copies] of byName) {
      const top = copies.size === 1 ? copies.get('') : undefined;
      this.#copies.set(name, top ?? copies);
    }
  }

  /** The index of the path `name` resolves to from folder `from`, or -1. */
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

  /** The folder, then each folder enclosing it, ending with the top "". */
  #chain(from: string): readonly string[] {
    let chain = this.#chains.get(from);
    if (chain !== undefined) return chain;
    const list: string[] = [from];
    let at = from;
    while (at !== '' && list.length < MAX_LOOKUP_LEVELS) {
      at = this.#layout.parent(at);
      list.push(at);
    }
    chain = list;
    this.#chains.set(from, chain);
    return chain;
  }
}

/** bun.lock: package names joined by "/" ("a", "a/b" for b nested under a, "@s/a/@s/b"). */
export const bunLayout: InstallLayout = {
  place(path) {
    const holder = enclosingPackage(path);
    return { holder, name: holder === '' ? path : path.slice(holder.length + 1) };
  },
  parent: enclosingPackage,
};

/** "a/@s/b" → "a"; "a" → ""; "@s/a" → "". Scoped names span two segments. */
function enclosingPackage(path: string): string {
  const slash = path.lastIndexOf('/');
  if (slash === -1) return '';
  const before = path.lastIndexOf('/', slash - 1);
  const segment = path.slice(before + 1, slash);
  if (!segment.startsWith('@')) return path.slice(0, slash);
  return before === -1 ? '' : path.slice(0, before);
}
