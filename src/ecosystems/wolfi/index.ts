import { getVersionScheme } from '../../versioning/registry.ts';
import type { Ecosystem } from '../ecosystem.ts';
import { extractors } from './extractors.ts';

/** Wolfi: OSV ecosystem "Wolfi". */
export const wolfi: Ecosystem = {
  id: 'Wolfi',
  purlType: 'apk',
  get versioning() {
    return getVersionScheme('apk');
  },
  normalizeName: (name) => name.trim(),
  extractors,
};
