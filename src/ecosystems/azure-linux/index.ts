import { getVersionScheme } from '../../versioning/registry.ts';
import type { Ecosystem } from '../ecosystem.ts';
import { extractors } from './extractors.ts';

/** Azure Linux (formerly CBL-Mariner): OSV ecosystem "Azure Linux". */
export const azureLinux: Ecosystem = {
  id: 'Azure Linux',
  purlType: 'rpm',
  get versioning() {
    return getVersionScheme('rpm');
  },
  normalizeName: (name) => name.trim(),
  extractors,
};
