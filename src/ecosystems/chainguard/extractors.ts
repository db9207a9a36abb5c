import type { Extractor } from '../extractor.ts';

/**
 * The Chainguard OS file formats secflow reads. Its installed packages are in apk's database, read by
 * alpine/apk-installed, which names them "Chainguard" when os-release says ID=chainguard; registering
 * it here too would read every database twice.
 */
export const extractors: readonly Extractor[] = [];
