import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { SecflowError } from '../core/errors.ts';
import type { Extractor } from '../ecosystems/extractor.ts';
import { allExtractors } from '../ecosystems/registry.ts';
import { detectImageKind } from '../image/archive/detect.ts';
import { sbomExtractors } from '../sbom/index.ts';

/** What `secflow scan PATH` points at, decided before any scanning starts. */
export type ResolvedTarget =
  | { readonly kind: 'directory'; readonly path: string }
  | { readonly kind: 'file'; readonly path: string; readonly extractor: Extractor }
  | { readonly kind: 'sbom'; readonly path: string; readonly extractor: Extractor }
  | { readonly kind: 'image'; readonly path: string }
  | { readonly kind: 'rootfs'; readonly path: string };

/** SBOMs are recognised by content too: a bom.json-shaped file may be named anything. */
async function sniffSbom(path: string): Promise<Extractor | undefined> {
  const head = await readFile(path, { encoding: 'utf8', flag: 'r' }).then(
    (t) => t.slice(0, 4096),
    () => '',
  );
  if (/"bomFormat"\s*:\s*"CycloneDX"/.test(head))
    return sbomExtractors.find((e) => e.id === 'sbom/cyclonedx');
  if (/"spdxVersion"\s*:/.test(head)) return sbomExtractors.find((e) => e.id === 'sbom/spdx');
  return undefined;
}

/**
 * Routes a path: an image (docker-archive, OCI layout or archive), an SBOM, a single lockfile or
 * manifest, or a directory tree. Unknown single files are a usage error, not an empty pass.
 */
export async function resolveTarget(
  path: string,
  options: { rootfs?: boolean } = {},
): Promise<ResolvedTarget> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new SecflowError(
      'input',
      `${path}: ${error.code === 'ENOENT' ? 'no such file or directory' : error.message}`,
    );
  });
  if (options.rootfs === true) {
    if (!info.isDirectory()) throw new SecflowError('usage', `${path}: --rootfs needs a directory`);
    return { kind: 'rootfs', path };
  }
  if ((await detectImageKind(path)) !== undefined) return { kind: 'image', path };
  if (info.isDirectory()) return { kind: 'directory', path };
  const name = basename(path);
  const sbom = sbomExtractors.find((e) => e.matches(name));
  if (sbom !== undefined) return { kind: 'sbom', path, extractor: sbom };
  const lockfile = allExtractors().find((e) => e.matches(name));
  if (lockfile !== undefined) return { kind: 'file', path, extractor: lockfile };
  const sniffed = await sniffSbom(path);
  if (sniffed !== undefined) return { kind: 'sbom', path, extractor: sniffed };
  throw new SecflowError(
    'usage',
    `${path}: not a lockfile, manifest, SBOM or container image secflow recognises`,
    {
      hint: 'pass a directory to scan every lockfile in it, or see `secflow scan --help` for supported files',
    },
  );
}
