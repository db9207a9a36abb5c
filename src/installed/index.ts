import { goBinaryExtractor } from './go-binary/index.ts';
import type { InstalledExtractor } from './installed-extractor.ts';
import { javaArchiveExtractor } from './java-archive/index.ts';
import { nodePackageExtractor } from './node-package.ts';
import { pythonMetadataExtractor } from './python-metadata.ts';
import { rubyGemspecExtractor } from './ruby-gemspec.ts';

export type {
  FileInfo,
  InstalledExtractor,
  InstalledFile,
  InstalledResult,
} from './installed-extractor.ts';

/** Every installed-package extractor, checked in this order; the first that matches a file wins. */
export const installedExtractors: readonly InstalledExtractor[] = [
  nodePackageExtractor,
  pythonMetadataExtractor,
  rubyGemspecExtractor,
  javaArchiveExtractor,
  goBinaryExtractor,
];
