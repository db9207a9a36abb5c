import type { Extractor } from '../extractor.ts';

/** The Alpine file formats secflow reads; one file per format in this folder. */
export const extractors: readonly Extractor[] = [];
