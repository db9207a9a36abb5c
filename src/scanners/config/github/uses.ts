/** A `uses:` value, taken apart. */
export type ActionRef =
  | { readonly kind: 'local'; readonly raw: string }
  | { readonly kind: 'expression'; readonly raw: string }
  | { readonly kind: 'invalid'; readonly raw: string }
  | {
      readonly kind: 'docker';
      readonly raw: string;
      readonly image: string;
      readonly digest?: string;
    }
  | {
      readonly kind: 'repo';
      readonly raw: string;
      readonly owner: string;
      readonly repo: string;
      /** Sub-directory action or reusable workflow file, without leading slash. */
      readonly path: string;
      readonly ref: string;
    };

const FULL_SHA = /^[0-9a-f]{40}$/i;

export function parseUses(raw: string): ActionRef {
  const value = raw.trim();
  if (value.includes('${{')) return { kind: 'expression', raw: value };
  if (value.startsWith('./') || value.startsWith('../')) return { kind: 'local', raw: value };
  if (value.startsWith('docker://')) {
    const image = value.slice('docker://'.length);
    const at = image.indexOf('@');
    return at === -1
      ? { kind: 'docker', raw: value, image }
      : { kind: 'docker', raw: value, image: image.slice(0, at), digest: image.slice(at + 1) };
  }
  const at = value.lastIndexOf('@');
  if (at <= 0) return { kind: 'invalid', raw: value };
  const [owner, repo, ...rest] = value.slice(0, at).split('/');
  const ref = value.slice(at + 1);
  if (!owner || !repo || ref === '') return { kind: 'invalid', raw: value };
  return { kind: 'repo', raw: value, owner, repo, path: rest.join('/'), ref };
}

export function isFullSha(ref: string): boolean {
  return FULL_SHA.test(ref);
}

/** `owner/repo` in lower case, the key advisories and first-party lists use. */
export function repoKey(ref: { readonly owner: string; readonly repo: string }): string {
  return `${ref.owner}/${ref.repo}`.toLowerCase();
}

/** GitHub's own organisations: their actions are still mutable by tag, but a lower risk. */
export function isFirstParty(ref: { readonly owner: string }): boolean {
  const owner = ref.owner.toLowerCase();
  return owner === 'actions' || owner === 'github';
}

/**
 * The version a ref stands for: `v4.1.2` → [4,1,2]; a floating `v4` is the newest 4.x
 * ([4, ∞, ∞]); a SHA with a `# v4.1.2` comment beside it takes the comment's version.
 */
export function refVersion(ref: string, comment?: string): number[] | undefined {
  const fromTag = (tag: string): number[] | undefined => {
    const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(tag.trim());
    if (m === null) return undefined;
    const parts = [m[1], m[2], m[3]].map((p) =>
      p === undefined ? Number.POSITIVE_INFINITY : Number(p),
    );
    return parts;
  };
  if (isFullSha(ref)) {
    const tag = comment === undefined ? undefined : /\bv?\d+(?:\.\d+){0,2}\b/.exec(comment)?.[0];
    return tag === undefined ? undefined : fromTag(tag);
  }
  return fromTag(ref);
}

/** Compares dotted versions part by part; missing parts count as 0. */
export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y ? 1 : -1;
  }
  return 0;
}
