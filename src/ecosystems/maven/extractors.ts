import type { Extractor } from '../extractor.ts';
import { gradleLockfileExtractor } from './gradle-lockfile.ts';
import { gradleVerificationMetadataExtractor } from './gradle-verification-metadata.ts';
import { gradleVersionCatalogExtractor } from './gradle-version-catalog.ts';
import { pomXmlExtractor } from './pom-xml.ts';

/** The Maven file formats secflow reads; one file per format in this folder. */
export const extractors: readonly Extractor[] = [
  pomXmlExtractor,
  gradleLockfileExtractor,
  gradleVerificationMetadataExtractor,
  gradleVersionCatalogExtractor,
];
