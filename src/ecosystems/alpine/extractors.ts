import type { Extractor } from '../extractor.ts';
import { apkInstalledExtractor } from './apk-installed.ts';

/**
 * The Alpine file formats secflow reads; one file per format in this folder. The apk database
 * reader also serves Wolfi and Chainguard, naming packages after os-release's ID.
 */
export const extractors: readonly Extractor[] = [apkInstalledExtractor];
