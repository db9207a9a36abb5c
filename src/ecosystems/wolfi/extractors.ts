import type { Extractor } from '../extractor.ts';

/**
 * The Wolfi file formats secflow reads. Its installed packages are in apk's database, read by
 * alpine/apk-installed, which names them "Wolfi" when os-release says ID=wolfi; registering
 * it here too would read every database twice.
 */
export const extractors: readonly Extractor[] = [];
