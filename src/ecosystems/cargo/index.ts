import { getVersionScheme } from '../../versioning/registry.ts';
import type { Ecosystem } from '../ecosystem.ts';
import { extractors } from './extractors.ts';

export const cargo: Ecosystem = {
  id: 'crates.io',
  purlType: 'cargo',
  get versioning() {
    return getVersionScheme('semver');
  },
  normalizeName: (name) => name.trim(),
  extractors,
};
