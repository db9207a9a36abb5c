import { getVersionScheme } from '../../versioning/registry.ts';
import type { Ecosystem } from '../ecosystem.ts';
import { extractors } from './extractors.ts';

export const swift: Ecosystem = {
  id: 'SwiftURL',
  purlType: 'swift',
  get versioning() {
    return getVersionScheme('semver');
  },
  normalizeName: (name) =>
    name
      .trim()
      .replace(/^https?:\/\//, '')
      .replace(/\.git$/, '')
      .toLowerCase(),
  extractors,
};
