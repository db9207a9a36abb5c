import type { Extractor } from '../ecosystems/extractor.ts';
import { cyclonedxExtractor } from './cyclonedx.ts';
import { spdxExtractor } from './spdx.ts';

export { CYCLONEDX_EXTRACTOR_ID, cyclonedxExtractor } from './cyclonedx.ts';
export { type PurlPackage, packageFromPurl, purlForPackage } from './purl.ts';
export { SPDX_EXTRACTOR_ID, spdxExtractor } from './spdx.ts';

/** SBOM readers: a CycloneDX or SPDX JSON file becomes the packages it lists. */
export const sbomExtractors: readonly Extractor[] = [cyclonedxExtractor, spdxExtractor];
