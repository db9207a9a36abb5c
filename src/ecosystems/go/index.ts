import { getVersionScheme } from '../../versioning/registry.ts';
import type { Ecosystem } from '../ecosystem.ts';
import { extractors } from './extractors.ts';

export const go: Ecosystem = {
  id: 'Go',
  purlType: 'golang',
  get versioning() {
    return getVersionScheme('go');
  },
  normalizeName: (name) => name.trim().replace(/\/+$/, ''),
  extractors,
};
