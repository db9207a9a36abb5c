import { getVersionScheme } from '../../versioning/registry.ts';
import type { Ecosystem } from '../ecosystem.ts';
import { extractors } from './extractors.ts';

export const hex: Ecosystem = {
  id: 'Hex',
  purlType: 'hex',
  get versioning() {
    return getVersionScheme('semver');
  },
  normalizeName: (name) => name.trim().toLowerCase(),
  extractors,
};
