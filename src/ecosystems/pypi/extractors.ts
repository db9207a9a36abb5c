import type { Extractor } from '../extractor.ts';
import { pdmLock } from './pdm-lock.ts';
import { pipfileLock } from './pipfile-lock.ts';
import { poetryLock } from './poetry-lock.ts';
import { pylockToml } from './pylock-toml.ts';
import { pyprojectToml } from './pyproject-toml.ts';
import { requirementsTxt } from './requirements-txt.ts';
import { setupPy } from './setup-py.ts';
import { uvLock } from './uv-lock.ts';

/** The PyPI file formats secflow reads; one file per format in this folder. */
export const extractors: readonly Extractor[] = [
  requirementsTxt,
  pipfileLock,
  poetryLock,
  uvLock,
  pdmLock,
  pylockToml,
  pyprojectToml,
  setupPy,
];
