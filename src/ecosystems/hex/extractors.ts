import type { Extractor } from '../extractor.ts';
import { gleamTomlExtractor } from './gleam-toml.ts';
import { mixLockExtractor } from './mix-lock.ts';

/** The Hex file formats secflow reads; one file per format in this folder. */
export const extractors: readonly Extractor[] = [mixLockExtractor, gleamTomlExtractor];
