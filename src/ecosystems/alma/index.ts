import { getVersionScheme } from '../../versioning/registry.ts';
import type { Ecosystem } from '../ecosystem.ts';
import { extractors } from './extractors.ts';

/** AlmaLinux: OSV ecosystem "AlmaLinux". */
export const alma: Ecosystem = {
  id: 'AlmaLinux',
  purlType: 'rpm',
  get versioning() {
    return getVersionScheme('rpm');
  },
  normalizeName: (name) => name.trim(),
  extractors,
};
