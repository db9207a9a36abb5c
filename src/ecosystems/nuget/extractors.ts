import type { Extractor } from '../extractor.ts';
import { csprojExtractor } from './csproj.ts';
import { depsJsonExtractor } from './deps-json.ts';
import { directoryPackagesPropsExtractor } from './directory-packages-props.ts';
import { packagesConfigExtractor } from './packages-config.ts';
import { packagesLockExtractor } from './packages-lock.ts';
import { paketDependenciesExtractor } from './paket-dependencies.ts';
import { paketLockExtractor } from './paket-lock.ts';
import { projectAssetsExtractor } from './project-assets.ts';

/** The NuGet file formats secflow reads; one file per format in this folder. */
export const extractors: readonly Extractor[] = [
  packagesLockExtractor,
  projectAssetsExtractor,
  depsJsonExtractor,
  packagesConfigExtractor,
  csprojExtractor,
  directoryPackagesPropsExtractor,
  paketLockExtractor,
  paketDependenciesExtractor,
];
