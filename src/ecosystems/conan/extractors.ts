import type { Extractor } from '../extractor.ts';
import { conanLockExtractor } from './conan-lock.ts';

/** The ConanCenter file formats secflow reads; one file per format in this folder. */
export const extractors: readonly Extractor[] = [conanLockExtractor];
