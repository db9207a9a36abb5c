import type { Extractor } from '../extractor.ts';
import { gemfileLock } from './gemfile-lock.ts';

/** The RubyGems file formats secflow reads; one file per format in this folder. */
export const extractors: readonly Extractor[] = [gemfileLock];
