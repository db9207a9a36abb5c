import { getVersionScheme } from '../../versioning/registry.ts';
import type { Ecosystem } from '../ecosystem.ts';
import { extractors } from './extractors.ts';

export const cran: Ecosystem = {
  id: 'CRAN',
  purlType: 'cran',
  get versioning() {
    return getVersionScheme('cran');
  },
  normalizeName: (name) => name.trim(),
  extractors,
};
