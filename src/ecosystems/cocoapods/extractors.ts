import type { Extractor } from '../extractor.ts';
import { podfileLockExtractor } from './podfile-lock.ts';

/** The CocoaPods file formats secflow reads; one file per format in this folder. */
export const extractors: readonly Extractor[] = [podfileLockExtractor];
