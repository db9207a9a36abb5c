import type { Extractor } from '../extractor.ts';
import { cabalProjectFreezeExtractor } from './cabal-project-freeze.ts';
import { stackYamlLockExtractor } from './stack-yaml-lock.ts';

/** The Hackage file formats secflow reads; one file per format in this folder. */
export const extractors: readonly Extractor[] = [
  cabalProjectFreezeExtractor,
  stackYamlLockExtractor,
];
