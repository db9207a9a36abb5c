import type { Extractor } from '../extractor.ts';
import { pubspecLockExtractor } from './pubspec-lock.ts';

/** The Pub file formats secflow reads; one file per format in this folder. */
export const extractors: readonly Extractor[] = [pubspecLockExtractor];
