/**
 * The final state of an image's filesystem, as far as secflow needs it: directories, symlinks
 * and the files it captured, each tagged with the layer that wrote it. Layers are applied in
 * order with overlay semantics (a later entry replaces an earlier one at the same path, a
 * non-directory replaces a whole directory tree, whiteouts delete from lower layers). Ordinary
 * files that nobody captured are not stored, so a million-file image costs a few maps.
 */
export interface DirNode<T> {
  readonly kind: 'dir';
  readonly layer: number;
  readonly children: Map<string, VfsNode<T>>;
}

export interface FileNode<T> {
  readonly kind: 'file';
  readonly layer: number;
  readonly data: T;
}

export interface SymlinkNode {
  readonly kind: 'symlink';
  readonly layer: number;
  readonly target: string;
}

export type VfsNode<T> = DirNode<T> | FileNode<T> | SymlinkNode;

/** Linux's limit on symlinks followed in one lookup (MAXSYMLINKS). */
export const MAX_SYMLINK_HOPS = 40;

export type Resolution<T> =
  | { readonly ok: true; readonly path: string; readonly node: VfsNode<T> | undefined }
  | { readonly ok: false; readonly reason: 'loop' };

const split = (path: string): string[] => path.split('/').filter((p) => p !== '' && p !== '.');

export class Vfs<T> {
  readonly #root: DirNode<T> = { kind: 'dir', layer: -1, children: new Map() };

  /** The node exactly at `path`, without following symlinks. */
  lookup(path: string): VfsNode<T> | undefined {
    let node: VfsNode<T> = this.#root;
    for (const part of split(path)) {
      if (node.kind !== 'dir') return undefined;
      const next: VfsNode<T> | undefined = node.children.get(part);
      if (next === undefined) return undefined;
      node = next;
    }
    return node;
  }

  /** Stores a file, replacing whatever was at `path`; returns the node it replaced. */
  setFile(path: string, layer: number, data: T): VfsNode<T> | undefined {
    return this.#set(path, { kind: 'file', layer, data }, layer);
  }

  setSymlink(path: string, layer: number, target: string): VfsNode<T> | undefined {
    return this.#set(path, { kind: 'symlink', layer, target }, layer);
  }

  /** A directory entry: replaces a file or symlink at `path`, merges with a directory. */
  setDir(path: string, layer: number): void {
    const existing = this.lookup(path);
    if (existing === undefined || existing.kind === 'dir') return;
    this.#set(path, { kind: 'dir', layer, children: new Map() }, layer);
  }

  /** Deletes `path` and everything under it; returns what was there. */
  remove(path: string): VfsNode<T> | undefined {
    const parts = split(path);
    const name = parts.pop();
    if (name === undefined) return undefined;
    const parent = this.lookup(parts.join('/'));
    if (parent?.kind !== 'dir') return undefined;
    const node = parent.children.get(name);
    parent.children.delete(name);
    return node;
  }

  /** `.wh.NAME` in `layer`: removes what lower layers put at `path`. */
  whiteout(path: string, layer: number): void {
    const node = this.lookup(path);
    if (node === undefined) return;
    if (node.kind === 'dir') {
      this.#clearLower(node, layer);
      if (node.layer < layer && node.children.size === 0) this.remove(path);
    } else if (node.layer < layer) {
      this.remove(path);
    }
  }

  /** `.wh..wh..opq` in `layer`: empties what lower layers put in directory `dir`. */
  opaque(dir: string, layer: number): void {
    const node = this.lookup(dir);
    if (node?.kind === 'dir') this.#clearLower(node, layer);
  }

  /**
   * Resolves `path` through symlinks inside the root: absolute targets restart at the image
   * root, ".." stops at the root, and more than 40 hops is a loop. The host filesystem is never
   * consulted, so no link can lead out of the image.
   */
  resolve(path: string): Resolution<T> {
    const pending = split(path);
    const resolved: string[] = [];
    let hops = 0;
    while (pending.length > 0) {
      const part = pending.shift() as string;
      if (part === '..') {
        resolved.pop();
        continue;
      }
      const node = this.lookup([...resolved, part].join('/'));
      if (node?.kind === 'symlink') {
        if (++hops > MAX_SYMLINK_HOPS) return { ok: false, reason: 'loop' };
        if (node.target.startsWith('/')) resolved.length = 0;
        pending.unshift(...split(node.target));
        continue;
      }
      resolved.push(part);
    }
    const final = resolved.join('/');
    return { ok: true, path: final, node: this.lookup(final) };
  }

  /** Every stored file with its path, depth first. */
  *files(): Generator<[string, FileNode<T>]> {
    const stack: [string, DirNode<T>][] = [['', this.#root]];
    while (stack.length > 0) {
      const [prefix, dir] = stack.pop() as [string, DirNode<T>];
      for (const [name, node] of dir.children) {
        const path = prefix === '' ? name : `${prefix}/${name}`;
        if (node.kind === 'file') yield [path, node];
        else if (node.kind === 'dir') stack.push([path, node]);
      }
    }
  }

  #set(path: string, node: VfsNode<T>, layer: number): VfsNode<T> | undefined {
    const parts = split(path);
    const name = parts.pop();
    if (name === undefined) return undefined;
    let dir = this.#root;
    for (const part of parts) {
      const next = dir.children.get(part);
      if (next?.kind === 'dir') {
        dir = next;
        continue;
      }
      // A file or symlink where this layer has a directory: the directory wins (overlay).
      const created: DirNode<T> = { kind: 'dir', layer, children: new Map() };
      dir.children.set(part, created);
      dir = created;
    }
    const previous = dir.children.get(name);
    dir.children.set(name, node);
    return previous;
  }

  #clearLower(dir: DirNode<T>, layer: number): void {
    const stack: DirNode<T>[] = [dir];
    const visited: DirNode<T>[] = [];
    while (stack.length > 0) {
      const current = stack.pop() as DirNode<T>;
      visited.push(current);
      for (const [name, child] of current.children) {
        if (child.kind === 'dir') stack.push(child);
        else if (child.layer < layer) current.children.delete(name);
      }
    }
    // Children before parents: drop lower-layer directories left empty.
    for (const current of visited.reverse()) {
      for (const [name, child] of current.children) {
        if (child.kind === 'dir' && child.layer < layer && child.children.size === 0) {
          current.children.delete(name);
        }
      }
    }
  }
}
