import type { Extractor } from '../extractor.ts';

/**
 * The Ubuntu file formats secflow reads. Ubuntu's installed packages live in the dpkg status
 * database, read by debian/dpkg-status, which names them "Ubuntu:<release>" from os-release;
 * registering it here too would read every status file twice.
 */
export const extractors: readonly Extractor[] = [];
