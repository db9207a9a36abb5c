import { getVersionScheme } from '../../versioning/registry.ts';
import type { Ecosystem } from '../ecosystem.ts';
import { extractors } from './extractors.ts';

export const ubuntu: Ecosystem = {
  id: 'Ubuntu',
  purlType: 'deb',
  get versioning() {
    return getVersionScheme('dpkg');
  },
  normalizeName: (name) => name.trim().toLowerCase(),
  extractors,
};
