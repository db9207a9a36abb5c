import type { Extractor } from '../extractor.ts';
import { cargoLock } from './cargo-lock.ts';
import { cargoToml } from './cargo-toml.ts';

/** The crates.io file formats secflow reads; one file per format in this folder. */
export const extractors: readonly Extractor[] = [cargoLock, cargoToml];
