import { getVersionScheme } from '../../versioning/registry.ts';
import type { Ecosystem } from '../ecosystem.ts';
import { extractors } from './extractors.ts';

export const packagist: Ecosystem = {
  id: 'Packagist',
  purlType: 'composer',
  get versioning() {
    return getVersionScheme('packagist');
  },
  normalizeName: (name) => name.trim().toLowerCase(),
  extractors,
};
