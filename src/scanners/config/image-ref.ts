/** A container image reference taken apart: `[registry/]repository[:tag][@digest]`. */
export interface ImageRef {
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

export function parseImageRef(ref: string): ImageRef {
  const at = ref.indexOf('@');
  const digest = at === -1 ? undefined : ref.slice(at + 1);
  const name = at === -1 ? ref : ref.slice(0, at);
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  // A colon before the last slash is a registry port, not a tag.
  const tag = colon > slash ? name.slice(colon + 1) : undefined;
  const repository = colon > slash ? name.slice(0, colon) : name;
  return {
    repository,
    ...(tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
  };
}

/**
 * Why an image reference does not name a fixed image (untagged or `latest`), or undefined when
 * it is tagged or pinned by digest.
 */
export function floatingImageReason(ref: ImageRef): string | undefined {
  if (ref.digest !== undefined) return undefined;
  if (ref.tag === undefined) return 'has no tag, so it means :latest';
  if (ref.tag.toLowerCase() === 'latest') return 'uses the :latest tag';
  return undefined;
}
