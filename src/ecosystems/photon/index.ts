import { getVersionScheme } from '../../versioning/registry.ts';
import type { Ecosystem } from '../ecosystem.ts';
import { extractors } from './extractors.ts';

/** VMware Photon OS: OSV ecosystem "Photon OS". */
export const photon: Ecosystem = {
  id: 'Photon OS',
  purlType: 'rpm',
  get versioning() {
    return getVersionScheme('rpm');
  },
  normalizeName: (name) => name.trim(),
  extractors,
};
