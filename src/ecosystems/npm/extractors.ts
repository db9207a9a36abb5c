import type { Extractor } from '../extractor.ts';
import { bunLockExtractor } from './bun-lock.ts';
import { denoJsonExtractor } from './deno-json.ts';
import { packageLockExtractor } from './package-lock.ts';
import { pnpmLockExtractor } from './pnpm-lock.ts';
import { yarnLockExtractor } from './yarn-lock.ts';

/** The npm file formats secflow reads; one file per format in this folder. */
export const extractors: readonly Extractor[] = [
  packageLockExtractor,
  yarnLockExtractor,
  pnpmLockExtractor,
  bunLockExtractor,
  denoJsonExtractor,
];
