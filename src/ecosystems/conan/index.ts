import { getVersionScheme } from '../../versioning/registry.ts';
import type { Ecosystem } from '../ecosystem.ts';
import { extractors } from './extractors.ts';

export const conan: Ecosystem = {
  id: 'ConanCenter',
  purlType: 'conan',
  get versioning() {
    return getVersionScheme('semver');
  },
  normalizeName: (name) => name.trim().toLowerCase(),
  extractors,
};
