import { getVersionScheme } from '../../versioning/registry.ts';
import type { Ecosystem } from '../ecosystem.ts';
import { extractors } from './extractors.ts';

/** openSUSE Leap and Tumbleweed: OSV ecosystem "openSUSE". */
export const opensuse: Ecosystem = {
  id: 'openSUSE',
  purlType: 'rpm',
  get versioning() {
    return getVersionScheme('rpm');
  },
  normalizeName: (name) => name.trim(),
  extractors,
};
