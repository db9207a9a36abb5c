import type { Extractor } from '../extractor.ts';
import { packageResolvedExtractor } from './package-resolved.ts';

/** The SwiftURL file formats secflow reads; one file per format in this folder. */
export const extractors: readonly Extractor[] = [packageResolvedExtractor];
