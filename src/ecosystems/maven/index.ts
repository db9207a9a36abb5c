import { getVersionScheme } from '../../versioning/registry.ts';
import type { Ecosystem } from '../ecosystem.ts';
import { extractors } from './extractors.ts';

export const maven: Ecosystem = {
  id: 'Maven',
  purlType: 'maven',
  get versioning() {
    return getVersionScheme('maven');
  },
  normalizeName: (name) => name.trim().replace('/', ':'),
  extractors,
};
