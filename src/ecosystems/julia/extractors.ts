import type { Extractor } from '../extractor.ts';
import { manifestTomlExtractor } from './manifest-toml.ts';
import { projectTomlExtractor } from './project-toml.ts';

/** The Julia file formats secflow reads; one file per format in this folder. */
export const extractors: readonly Extractor[] = [manifestTomlExtractor, projectTomlExtractor];
