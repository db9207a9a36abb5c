import { baseNameOf, parentOf } from './paths.ts';

/** What a whiteout entry deletes from the layers below (OCI image spec, "Whiteouts"). */
export type Whiteout =
  /** `.wh.NAME`: NAME (and everything under it) is gone. */
  | { readonly kind: 'file'; readonly path: string }
  /** `.wh..wh..opq`: everything the lower layers had in this directory is gone. */
  | { readonly kind: 'opaque'; readonly dir: string }
  /** Other `.wh..wh.` names are aufs bookkeeping (hard-link dirs) with no meaning for content. */
  | { readonly kind: 'meta' };

const PREFIX = '.wh.';
const OPAQUE = '.wh..wh..opq';

/** Classifies a normalized entry path; undefined when it is an ordinary entry. */
export function whiteoutOf(path: string): Whiteout | undefined {
  const name = baseNameOf(path);
  if (!name.startsWith(PREFIX)) return undefined;
  const dir = parentOf(path);
  if (name === OPAQUE) return { kind: 'opaque', dir };
  if (name.startsWith(`${PREFIX}${PREFIX}`)) return { kind: 'meta' };
  const target = name.slice(PREFIX.length);
  if (target === '' || target === '.' || target === '..') return { kind: 'meta' };
  return { kind: 'file', path: dir === '' ? target : `${dir}/${target}` };
}
