import type { Extractor } from '../extractor.ts';
import { dpkgStatusExtractor } from './dpkg-status.ts';

/**
 * The Debian file formats secflow reads; one file per format in this folder. The dpkg status
 * reader also serves Ubuntu and other Debian derivatives: it names packages after the
 * distribution that os-release reports.
 */
export const extractors: readonly Extractor[] = [dpkgStatusExtractor];
