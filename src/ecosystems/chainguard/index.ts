import { getVersionScheme } from '../../versioning/registry.ts';
import type { Ecosystem } from '../ecosystem.ts';
import { extractors } from './extractors.ts';

/** Chainguard OS: OSV ecosystem "Chainguard". */
export const chainguard: Ecosystem = {
  id: 'Chainguard',
  purlType: 'apk',
  get versioning() {
    return getVersionScheme('apk');
  },
  normalizeName: (name) => name.trim(),
  extractors,
};
