import { getVersionScheme } from '../../versioning/registry.ts';
import type { Ecosystem } from '../ecosystem.ts';
import { extractors } from './extractors.ts';

export const alpine: Ecosystem = {
  id: 'Alpine',
  purlType: 'apk',
  get versioning() {
    return getVersionScheme('apk');
  },
  normalizeName: (name) => name.trim().toLowerCase(),
  extractors,
};
