import { getVersionScheme } from '../../versioning/registry.ts';
import type { Ecosystem } from '../ecosystem.ts';
import { extractors } from './extractors.ts';

export const pub: Ecosystem = {
  id: 'Pub',
  purlType: 'pub',
  get versioning() {
    return getVersionScheme('pub');
  },
  normalizeName: (name) => name.trim().toLowerCase(),
  extractors,
};
