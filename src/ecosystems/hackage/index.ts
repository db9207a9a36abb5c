import { getVersionScheme } from '../../versioning/registry.ts';
import type { Ecosystem } from '../ecosystem.ts';
import { extractors } from './extractors.ts';

export const hackage: Ecosystem = {
  id: 'Hackage',
  purlType: 'hackage',
  get versioning() {
    return getVersionScheme('hackage');
  },
  normalizeName: (name) => name.trim(),
  extractors,
};
