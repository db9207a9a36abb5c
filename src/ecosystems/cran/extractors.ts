import type { Extractor } from '../extractor.ts';
import { renvLockExtractor } from './renv-lock.ts';

/** The CRAN file formats secflow reads; one file per format in this folder. */
export const extractors: readonly Extractor[] = [renvLockExtractor];
