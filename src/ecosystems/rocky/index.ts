import { getVersionScheme } from '../../versioning/registry.ts';
import type { Ecosystem } from '../ecosystem.ts';
import { extractors } from './extractors.ts';

/** Rocky Linux: OSV ecosystem "Rocky Linux". */
export const rocky: Ecosystem = {
  id: 'Rocky Linux',
  purlType: 'rpm',
  get versioning() {
    return getVersionScheme('rpm');
  },
  normalizeName: (name) => name.trim(),
  extractors,
};
