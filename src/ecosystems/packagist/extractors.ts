import type { Extractor } from '../extractor.ts';
import { composerLock } from './composer-lock.ts';

/** The Packagist file formats secflow reads; one file per format in this folder. */
export const extractors: readonly Extractor[] = [composerLock];
