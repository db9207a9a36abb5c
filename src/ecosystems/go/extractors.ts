import type { Extractor } from '../extractor.ts';
import { goMod } from './go-mod.ts';
import { vendorModules } from './vendor-modules.ts';

/** The Go file formats secflow reads; one file per format in this folder. */
export const extractors: readonly Extractor[] = [goMod, vendorModules];
